package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.cluster.topic.TopicList;

/**
 * Reads and changes a cluster's topics. Blocking: call from worker threads only. Reads work on any
 * connection; every write refuses read-only connections with a one-sentence exception.
 */
public interface TopicSource {

    /** Every topic of {@code cluster}, internal ones included, sorted by name, with the latest offsets read. */
    TopicList listing(String cluster);

    /** Every topic of {@code cluster}, internal ones included, sorted by name. */
    default List<TopicSummary> topics(String cluster) {
        return listing(cluster).topics();
    }

    /** Partitions (leader, replicas, ISR, offsets, size) and the consumer groups that read the topic. */
    TopicDetail detail(String cluster, String topic);

    /** Every config of the topic with its source and documentation, sorted by name. */
    List<ConfigValue> configs(String cluster, String topic);

    /** Creates a topic; -1 for partitions or replication factor means the broker's default. */
    void create(String cluster, String topic, int partitions, int replicationFactor, Map<String, String> configs);

    /** Deletes a topic when {@code confirmation} is its exact name. */
    void delete(String cluster, String topic, String confirmation);

    /** Raises the partition count to {@code newTotal}. */
    void addPartitions(String cluster, String topic, int newTotal);

    /** Sets {@code set} and resets {@code reset} to defaults, in one request. */
    void alterConfigs(String cluster, String topic, Map<String, String> set, Collection<String> reset);

    /** Deletes records before the given offset per partition; returns the new earliest offsets. */
    Map<Integer, Long> purge(String cluster, String topic, Map<Integer, Long> beforeOffsets);

    /** Deletes every record of the topic; returns the new earliest offsets. */
    Map<Integer, Long> purgeAll(String cluster, String topic);
}
