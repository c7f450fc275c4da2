package io.mirador.cluster.topic;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.clients.admin.DeleteRecordsResult;
import org.apache.kafka.clients.admin.DeletedRecords;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Changes topics: create, delete, add partitions, configs and purge. Each method blocks for one or two Admin
 * round trips, so call it off the UI thread. Inputs are checked first so mistakes come back as one sentence.
 */
public final class TopicAdmin {

    /** Broker's default for partitions or replication factor in {@link #create}. */
    public static final int BROKER_DEFAULT = -1;

    private final ClusterClient client;

    public TopicAdmin(ClusterClient client) {
        this.client = client;
    }

    /** Creates a topic; {@link #BROKER_DEFAULT} for partitions or replication factor lets the broker choose. */
    public void create(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        String what = "create topic " + name;
        Optional<String> problem = TopicNames.problem(name);
        if (problem.isPresent()) {
            throw AdminCalls.refused(client, "create the topic", problem.get());
        }
        if (partitions < 1 && partitions != BROKER_DEFAULT) {
            throw AdminCalls.refused(client, what, "it needs at least 1 partition, not " + partitions);
        }
        if ((replicationFactor < 1 && replicationFactor != BROKER_DEFAULT) || replicationFactor > Short.MAX_VALUE) {
            throw AdminCalls.refused(client, what, "replication factor must be at least 1, not " + replicationFactor);
        }
        NewTopic topic = new NewTopic(name,
                partitions == BROKER_DEFAULT ? Optional.empty() : Optional.of(partitions),
                replicationFactor == BROKER_DEFAULT ? Optional.empty() : Optional.of((short) replicationFactor))
                .configs(configs == null ? Map.of() : configs);
        AdminCalls.await(client, client.admin().createTopics(List.of(topic)).all(), what);
    }

    /**
     * Deletes a topic only when {@code confirmation} repeats its name exactly: the UI makes people type it,
     * and checking here too means no other caller can skip that step by accident.
     */
    public void delete(String name, String confirmation) {
        if (name == null || !name.equals(confirmation)) {
            throw AdminCalls.refused(client, "delete topic " + name,
                    "the confirmation '" + confirmation + "' does not match the topic name");
        }
        AdminCalls.await(client, client.admin().deleteTopics(List.of(name)).all(), "delete topic " + name);
    }

    /** Raises the partition count to {@code newTotal}; Kafka cannot remove partitions, so fewer is refused. */
    public void addPartitions(String name, int newTotal) {
        String what = "add partitions to topic " + name;
        int current = describe(name).partitions().size();
        if (newTotal <= current) {
            throw AdminCalls.refused(client, what, "it already has " + current + " partition"
                    + (current == 1 ? "" : "s") + "; the count can only grow, so ask for more than " + current);
        }
        AdminCalls.await(client,
                client.admin().createPartitions(Map.of(name, NewPartitions.increaseTo(newTotal))).all(), what);
    }

    /** Every config of the topic with documentation, sorted by name; sensitive values masked. */
    public List<ConfigValue> configs(String name) {
        return ResourceConfigs.describe(client, resource(name));
    }

    /** Sets {@code set} and resets {@code reset} to the broker's default, all in one request. */
    public void alterConfigs(String name, Map<String, String> set, Collection<String> reset) {
        ResourceConfigs.alter(client, resource(name), set, reset);
    }

    /**
     * Deletes the records before the given offset in each listed partition (one DeleteRecords request) and
     * returns each partition's new earliest offset. Offsets past the end are refused by the broker.
     */
    public Map<Integer, Long> purge(String name, Map<Integer, Long> beforeOffsets) {
        beforeOffsets.forEach((partition, offset) -> {
            if (offset == null || offset < 0) {
                throw AdminCalls.refused(client, "purge topic " + name,
                        "offset " + offset + " for partition " + partition + " is not an offset");
            }
        });
        return deleteRecords(name, beforeOffsets);
    }

    /** Deletes every record of every partition; returns each partition's new earliest offset. */
    public Map<Integer, Long> purgeAll(String name) {
        Map<Integer, Long> all = new TreeMap<>();
        for (TopicPartitionInfo p : describe(name).partitions()) {
            // -1 asks each leader for its own high watermark, so records produced between reading the
            // offsets and deleting are not left behind, and no ListOffsets round trip is needed.
            all.put(p.partition(), -1L);
        }
        return deleteRecords(name, all);
    }

    private Map<Integer, Long> deleteRecords(String name, Map<Integer, Long> beforeOffsets) {
        String what = "purge topic " + name;
        Map<TopicPartition, RecordsToDelete> request = new HashMap<>();
        beforeOffsets.forEach((p, offset) ->
                request.put(new TopicPartition(name, p), RecordsToDelete.beforeOffset(offset)));
        if (request.isEmpty()) {
            return Map.of();
        }
        DeleteRecordsResult result = client.admin().deleteRecords(request);
        AdminCalls.await(client, result.all(), what);
        Map<Integer, Long> lowWatermarks = new TreeMap<>();
        for (Map.Entry<TopicPartition, KafkaFuture<DeletedRecords>> e
                : result.lowWatermarks().entrySet()) {
            lowWatermarks.put(e.getKey().partition(), AdminCalls.await(client, e.getValue(), what).lowWatermark());
        }
        return lowWatermarks;
    }

    private TopicDescription describe(String name) {
        return AdminCalls.await(client, client.admin().describeTopics(List.of(name)).allTopicNames(),
                "describe topic " + name).get(name);
    }

    private static ConfigResource resource(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }
}
