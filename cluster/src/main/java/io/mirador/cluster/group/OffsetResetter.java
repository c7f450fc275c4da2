package io.mirador.cluster.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Previews and applies offset resets. Preview: DescribeConsumerGroups, OffsetFetch, DescribeTopics and two
 * ListOffsets (earliest, latest), plus one for a timestamp: 5 or 6 Admin calls whatever the partition count.
 * Apply: DescribeConsumerGroups, OffsetFetch, AlterConsumerGroupOffsets: 3 calls.
 */
final class OffsetResetter {

    private final GroupCalls calls;
    private final GroupDescriber describer;
    private final OffsetReader reader;

    OffsetResetter(GroupCalls calls, GroupDescriber describer, OffsetReader reader) {
        this.calls = calls;
        this.describer = describer;
        this.reader = reader;
    }

    List<OffsetChange> preview(String groupId, Collection<String> topics, ResetSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ConsumerGroupDescription group = describer.describe(groupId);
        Map<TopicPartition, Long> current = committed(groupId);
        TreeSet<String> names = new TreeSet<>();
        if (topics == null || topics.isEmpty()) {
            current.keySet().forEach(tp -> names.add(tp.topic()));
            GroupDescriber.owners(group).keySet().forEach(tp -> names.add(tp.topic()));
            if (names.isEmpty()) {
                throw calls.failure("group " + groupId + " has no offsets and no assignment: name the topics to reset");
            }
        } else {
            names.addAll(topics);
        }
        // Every partition of each topic, so a partition the group never committed on is reset too.
        List<TopicPartition> partitions = partitionsOf(names);
        Map<TopicPartition, Long> earliest = reader.offsets(partitions, OffsetSpec.earliest(), "read earliest offsets");
        Map<TopicPartition, Long> latest = reader.offsets(partitions, OffsetSpec.latest(), "read latest offsets");
        Map<TopicPartition, Long> atTimestamp = spec instanceof ResetSpec.ToTimestamp t
                ? reader.offsets(partitions, OffsetSpec.forTimestamp(t.epochMillis()), "find offsets by timestamp")
                : Map.of();
        for (TopicPartition tp : partitions) {
            if (!earliest.containsKey(tp) || !latest.containsKey(tp)) {
                throw calls.failure("topic " + tp.topic() + " was deleted while the reset was prepared");
            }
        }
        Map<TopicPartition, Long> wanted = new HashMap<>(current);
        wanted.keySet().retainAll(partitions);
        try {
            return ResetPlanner.plan(groupId, spec, partitions,
                    new ResetPlanner.Offsets(wanted, earliest, latest, atTimestamp));
        } catch (IllegalArgumentException e) {
            throw new ClusterException(e.getMessage(), e);
        }
    }

    /**
     * Commits exactly the previewed targets. Refuses while the group has members (they would overwrite the
     * reset with their next commit, and the coordinator rejects it anyway) and when the committed offsets moved
     * since the preview, so nobody applies a preview that no longer describes the group.
     */
    void apply(String groupId, List<OffsetChange> preview) {
        if (preview == null || preview.isEmpty()) {
            throw calls.failure("nothing to reset for group " + groupId + ": the preview is empty");
        }
        ConsumerGroupDescription group = describer.describe(groupId);
        describer.requireEmpty(group, "resetting offsets");
        Map<TopicPartition, Long> current = committed(groupId);
        Map<TopicPartition, OffsetAndMetadata> targets = new LinkedHashMap<>();
        List<TopicPartition> moved = new ArrayList<>();
        for (OffsetChange change : preview) {
            TopicPartition tp = change.topicPartition();
            Long now = current.get(tp);
            OptionalLong nowOpt = now == null ? OptionalLong.empty() : OptionalLong.of(now);
            if (!nowOpt.equals(change.current())) {
                moved.add(tp);
            }
            targets.put(tp, new OffsetAndMetadata(change.target()));
        }
        if (!moved.isEmpty()) {
            throw calls.failure("offsets of group " + groupId + " changed since the preview (e.g. " + moved.get(0)
                    + "): preview the reset again");
        }
        calls.await(calls.admin().alterConsumerGroupOffsets(groupId, targets).all(),
                "reset offsets of group " + groupId, groupId);
    }

    private Map<TopicPartition, Long> committed(String groupId) {
        return reader.committed(List.of(groupId)).getOrDefault(groupId, Map.of());
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics) {
        var futures = calls.admin().describeTopics(topics).topicNameValues();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            TopicDescription d;
            try {
                d = calls.await(futures.get(topic), "describe topic " + topic, null);
            } catch (ClusterException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw calls.failure("no topic named " + topic + " on cluster " + calls.connection().name());
                }
                throw e;
            }
            d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return GroupDescriber.sorted(partitions);
    }
}
