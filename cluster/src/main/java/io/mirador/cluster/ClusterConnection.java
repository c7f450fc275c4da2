package io.mirador.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to reach one Kafka cluster: a name people know it by, its bootstrap servers and any Kafka client
 * properties (security protocol, SASL, SSL stores, ...). Immutable. {@link #toString()} never shows secrets.
 *
 * <p>Properties whose key starts with {@value #MIRADOR_PREFIX} are Mirador's own settings of the connection
 * (read-only flag, schema registry); they travel and are saved with the client properties but are never handed
 * to Kafka ({@link #clientProperties()} leaves them out).
 */
public record ClusterConnection(String name, String bootstrapServers, Map<String, String> properties) {

    public static final String MIRADOR_PREFIX = "mirador.";
    /** "true": every write action on this cluster is refused. */
    public static final String READ_ONLY = MIRADOR_PREFIX + "read.only";
    /** URL of a Confluent-compatible schema registry used to decode Avro and Protobuf records. */
    public static final String SCHEMA_REGISTRY_URL = MIRADOR_PREFIX + "schema.registry.url";
    /** "true": a sandbox cluster the console registered with its mirroring engine, not a user's saved connection. */
    public static final String SANDBOX = MIRADOR_PREFIX + "sandbox";

    public ClusterConnection {
        Objects.requireNonNull(name, "name");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("cluster " + name + " needs bootstrap servers");
        }
        properties = Map.copyOf(properties == null ? Map.of() : properties);
    }

    public ClusterConnection(String name, String bootstrapServers) {
        this(name, bootstrapServers, Map.of());
    }

    /** Client properties ready for Kafka: bootstrap servers plus the connection's own Kafka properties. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(MIRADOR_PREFIX)) {
                props.put(key, value);
            }
        });
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    public boolean readOnly() {
        return Boolean.parseBoolean(properties.get(READ_ONLY));
    }

    /** Whether this is a sandbox cluster the console registered with an engine (not a saved connection). */
    public boolean sandbox() {
        return Boolean.parseBoolean(properties.get(SANDBOX));
    }

    /** The schema registry URL, or empty when none is configured. */
    public String schemaRegistryUrl() {
        return properties.getOrDefault(SCHEMA_REGISTRY_URL, "");
    }

    /** A copy with a Mirador setting changed; a null or empty value removes it. */
    public ClusterConnection withSetting(String key, String value) {
        if (!key.startsWith(MIRADOR_PREFIX)) {
            throw new IllegalArgumentException("not a Mirador setting: " + key);
        }
        Map<String, String> copy = new TreeMap<>(properties);
        if (value == null || value.isEmpty()) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ClusterConnection(name, bootstrapServers, copy);
    }

    @Override
    public String toString() {
        return "ClusterConnection[name=" + name + ", bootstrapServers=" + bootstrapServers
                + ", properties=" + Secrets.mask(properties) + "]";
    }
}
