package io.mirador.cluster.group;

import java.util.List;
import java.util.OptionalLong;

import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;

/**
 * Everything about one consumer group: its members and, per partition it has offsets on or is assigned, its
 * committed offset, the end offset and the lag. Partitions are sorted by topic, then partition.
 */
public record GroupDetail(String groupId, GroupState state, GroupType type, String assignor, int coordinatorId,
                          List<GroupMember> members, List<PartitionLag> partitions) {

    public GroupDetail {
        assignor = assignor == null ? "" : assignor;
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    /** Sum of the known lags. */
    public long totalLag() {
        return partitions.stream().map(PartitionLag::lag).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).sum();
    }

    public List<String> topics() {
        return partitions.stream().map(PartitionLag::topic).distinct().toList();
    }

    /** No active member: offsets may be reset and the group deleted. */
    public boolean isEmpty() {
        return members.isEmpty();
    }
}
