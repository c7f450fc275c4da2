package io.mirador.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to reach one Kafka cluster: a name people know it by, its bootstrap servers and any Kafka client
 * properties (security protocol, SASL, SSL stores, ...). Immutable. {@link #toString()} never shows secrets.
 */
public record ClusterConnection(String name, String bootstrapServers, Map<String, String> properties) {

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

    /** Client properties ready for Kafka: bootstrap servers plus the connection's own properties. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new TreeMap<>(properties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }

    @Override
    public String toString() {
        return "ClusterConnection[name=" + name + ", bootstrapServers=" + bootstrapServers
                + ", properties=" + Secrets.mask(properties) + "]";
    }
}
