package io.mirador.cluster.group;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * An active member of a group. {@code instanceId} is the static membership id, or null for dynamic members.
 * {@code assignment} is sorted by topic, then partition.
 */
public record GroupMember(String memberId, String instanceId, String clientId, String host,
                          List<TopicPartition> assignment) {

    public GroupMember {
        assignment = List.copyOf(assignment);
    }
}
