package io.mirador.cluster.broker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.topic.AdminCalls;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.ResourceConfigs;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A broker's configs and their dynamic overrides. {@link ConfigValue#source()} tells defaults
 * (DEFAULT_CONFIG) from server.properties (STATIC_BROKER_CONFIG), cluster-wide dynamic
 * (DYNAMIC_DEFAULT_BROKER_CONFIG) and per-broker dynamic (DYNAMIC_BROKER_CONFIG) values.
 */
public final class BrokerConfigs {

    private final ClusterClient client;

    public BrokerConfigs(ClusterClient client) {
        this.client = client;
    }

    /** Every config of the broker with documentation, sorted by name; sensitive values masked. */
    public List<ConfigValue> list(int brokerId) {
        return ResourceConfigs.describe(client, resource(brokerId));
    }

    /**
     * Sets a per-broker dynamic override. Read-only configs (those needing server.properties and a restart)
     * are refused here with a sentence; the broker would only say "Cannot update these configs dynamically".
     */
    public void alter(int brokerId, String name, String value) {
        requireDynamic(brokerId, name, "change");
        ResourceConfigs.alter(client, resource(brokerId), Map.of(name, value), List.of());
    }

    /** Removes a per-broker dynamic override, so the cluster-wide, static or default value applies again. */
    public void reset(int brokerId, String name) {
        requireDynamic(brokerId, name, "reset");
        ResourceConfigs.alter(client, resource(brokerId), Map.of(), List.of(name));
    }

    private void requireDynamic(int brokerId, String name, String verb) {
        // Configs the broker does not list (e.g. listener.name.*.ssl.* prefixed ones) may still be dynamic,
        // so only a config listed as read-only is refused up front; the broker judges the rest.
        Optional<ConfigValue> config = list(brokerId).stream().filter(c -> c.name().equals(name)).findFirst();
        if (config.isPresent() && config.get().isReadOnly()) {
            throw AdminCalls.refused(client, verb + " " + name + " of broker " + brokerId,
                    "it is read-only; set it in server.properties and restart the broker");
        }
    }

    private static ConfigResource resource(int brokerId) {
        return new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId));
    }
}
