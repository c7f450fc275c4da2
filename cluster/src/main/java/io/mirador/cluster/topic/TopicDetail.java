package io.mirador.cluster.topic;

import java.util.List;

/**
 * Everything the topic page shows about one topic: its partitions sorted by number and the consumer groups
 * that have committed offsets on it, sorted by id. {@code topicId} is Kafka's UUID as text.
 */
public record TopicDetail(String name, String topicId, boolean internal, List<PartitionDetail> partitions,
                          List<String> consumerGroups) {

    public TopicDetail {
        partitions = List.copyOf(partitions);
        consumerGroups = List.copyOf(consumerGroups);
    }

    public long records() {
        return partitions.stream().mapToLong(PartitionDetail::records).sum();
    }

    public long sizeBytes() {
        return partitions.stream().mapToLong(PartitionDetail::sizeBytes).sum();
    }

    /** Replicas per partition, taken from the first partition as Kafka tools do. */
    public int replicationFactor() {
        return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    }
}
