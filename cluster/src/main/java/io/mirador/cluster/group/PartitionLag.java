package io.mirador.cluster.group;

import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * A group's position on one partition. {@code committed} is empty when the group never committed there;
 * {@code end} is empty when the topic no longer exists; {@code lag} (end minus committed, never negative) is
 * empty when either is. {@code assignedMember} is the member id consuming the partition, or null.
 */
public record PartitionLag(String topic, int partition, OptionalLong committed, OptionalLong end, OptionalLong lag,
                           String assignedMember) {

    static PartitionLag of(TopicPartition tp, Long committed, Long end, String assignedMember) {
        OptionalLong c = committed == null ? OptionalLong.empty() : OptionalLong.of(committed);
        OptionalLong e = end == null ? OptionalLong.empty() : OptionalLong.of(end);
        OptionalLong lag = committed == null || end == null ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, end - committed));
        return new PartitionLag(tp.topic(), tp.partition(), c, e, lag, assignedMember);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
