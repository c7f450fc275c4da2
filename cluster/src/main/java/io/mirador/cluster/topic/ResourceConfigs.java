package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Describes and incrementally alters the configs of one topic or broker. Shared by topic and broker
 * administration so both show the same {@link ConfigValue}s and word failures the same way.
 */
public final class ResourceConfigs {

    private ResourceConfigs() {
    }

    /** Every entry of {@code resource}, with documentation, sorted by name. */
    public static List<ConfigValue> describe(ClusterClient client, ConfigResource resource) {
        // Synonyms are not requested: the entry's own source already says where its value comes from,
        // and synonyms would multiply the response size for brokers (several hundred entries).
        DescribeConfigsOptions options = new DescribeConfigsOptions().includeDocumentation(true);
        Map<ConfigResource, Config> configs = AdminCalls.await(client,
                client.admin().describeConfigs(List.of(resource), options).all(),
                "describe configs of " + label(resource));
        Config config = configs.get(resource);
        List<ConfigValue> values = new ArrayList<>();
        if (config != null) {
            for (ConfigEntry entry : config.entries()) {
                values.add(ConfigValue.of(entry));
            }
        }
        values.sort(Comparator.comparing(ConfigValue::name));
        return List.copyOf(values);
    }

    /**
     * Sets {@code set} and resets {@code reset} to their defaults in one IncrementalAlterConfigs request, so
     * either all changes apply or none do. A name in both is refused, as the broker would.
     */
    public static void alter(ClusterClient client, ConfigResource resource, Map<String, String> set,
                             Collection<String> reset) {
        String what = "change configs of " + label(resource);
        List<AlterConfigOp> ops = new ArrayList<>();
        set.forEach((name, value) -> {
            if (value == null) {
                throw AdminCalls.refused(client, what, "no value given for " + name + " (reset it instead)");
            }
            ops.add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
        });
        for (String name : reset) {
            if (set.containsKey(name)) {
                throw AdminCalls.refused(client, what, name + " is both set and reset");
            }
            ops.add(new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE));
        }
        if (ops.isEmpty()) {
            return;
        }
        AdminCalls.await(client, client.admin().incrementalAlterConfigs(Map.of(resource, ops)).all(), what);
    }

    /** "topic orders", "broker 1" or "all brokers", for messages. */
    public static String label(ConfigResource resource) {
        return switch (resource.type()) {
            case TOPIC -> "topic " + resource.name();
            case BROKER -> resource.name().isEmpty() ? "all brokers" : "broker " + resource.name();
            default -> resource.type().name().toLowerCase(java.util.Locale.ROOT) + " " + resource.name();
        };
    }
}
