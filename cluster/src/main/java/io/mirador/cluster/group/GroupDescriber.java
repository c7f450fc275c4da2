package io.mirador.cluster.group;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Describes consumer groups (one DescribeConsumerGroups call for any number) and checks they are empty. */
final class GroupDescriber {

    private static final Comparator<TopicPartition> BY_TOPIC_PARTITION =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final GroupCalls calls;

    GroupDescriber(GroupCalls calls) {
        this.calls = calls;
    }

    /** @throws io.mirador.cluster.ClusterException "no consumer group named X" when there is none */
    ConsumerGroupDescription describe(String groupId) {
        ConsumerGroupDescription d = calls.await(
                calls.admin().describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId),
                "describe group " + groupId, groupId);
        // Older coordinators answer an unknown id with a DEAD group rather than an error.
        if (d.groupState() == GroupState.DEAD) {
            throw calls.failure(GroupErrors.unknownGroup(calls.connection(), groupId));
        }
        return d;
    }

    /** Every group that still exists, in the order asked; groups deleted meanwhile are left out. */
    Map<String, ConsumerGroupDescription> describeAll(Collection<String> groupIds) {
        Map<String, KafkaFuture<ConsumerGroupDescription>> futures = new LinkedHashMap<>();
        for (List<String> chunk : OffsetReader.chunks(groupIds, OffsetReader.GROUPS_PER_CALL)) {
            futures.putAll(calls.admin().describeConsumerGroups(chunk).describedGroups());
        }
        Map<String, ConsumerGroupDescription> found = new LinkedHashMap<>();
        calls.awaitEach(futures, "describe consumer groups", e -> e instanceof GroupIdNotFoundException)
                .forEach((id, d) -> {
                    if (d.groupState() != GroupState.DEAD) {
                        found.put(id, d);
                    }
                });
        return found;
    }

    /** Refuses with "group X has N active members: stop them before ..." unless nobody consumes. */
    void requireEmpty(ConsumerGroupDescription d, String before) {
        if (!d.members().isEmpty()) {
            throw calls.failure(GroupErrors.activeMembers(d.groupId(), d.members().size(), before));
        }
    }

    static List<GroupMember> members(ConsumerGroupDescription d) {
        return d.members().stream()
                .map(m -> new GroupMember(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(),
                        sorted(m.assignment().topicPartitions())))
                .sorted(Comparator.comparing(GroupMember::clientId).thenComparing(GroupMember::memberId))
                .toList();
    }

    /** Which member consumes each assigned partition. */
    static Map<TopicPartition, String> owners(ConsumerGroupDescription d) {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (MemberDescription m : d.members()) {
            m.assignment().topicPartitions().forEach(tp -> owners.put(tp, m.consumerId()));
        }
        return owners;
    }

    static int coordinatorId(ConsumerGroupDescription d) {
        return d.coordinator() == null ? -1 : d.coordinator().id();
    }

    static List<TopicPartition> sorted(Collection<TopicPartition> partitions) {
        TreeSet<TopicPartition> set = new TreeSet<>(BY_TOPIC_PARTITION);
        set.addAll(partitions);
        return List.copyOf(set);
    }
}
