package io.mirador.cluster.group;

import java.util.List;

import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;

/**
 * One row of the consumer-group list. {@code type} tells the classic protocol from the KIP-848 "consumer"
 * protocol; {@code assignor} is the partition assignor in use (empty when none, e.g. an empty group).
 * {@code coordinatorId} is -1 when unknown. {@code totalLag} sums the lag of partitions that have a committed
 * offset; {@code topics} are the topics the group has offsets on or is assigned, sorted.
 */
public record GroupSummary(String groupId, GroupState state, GroupType type, String assignor, int members,
                           int coordinatorId, long totalLag, List<String> topics) {

    public GroupSummary {
        assignor = assignor == null ? "" : assignor;
        topics = List.copyOf(topics);
    }
}
