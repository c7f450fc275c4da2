package io.mirador.cluster.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of every consumer group on every partition it has committed on, at one moment. Meant to be sampled
 * often on big clusters, so {@link #take} costs exactly 3 Admin calls whatever the number of groups and
 * partitions (below {@link OffsetReader}'s chunk sizes; one more per further chunk): ListGroups (one request
 * per broker), OffsetFetch for all groups at once (one per coordinator broker) and ListOffsets latest for all
 * committed partitions (one per leader broker). It skips DescribeConsumerGroups: lag needs no members.
 *
 * @param groupIds every consumer group listed, sorted, including those without offsets
 * @param entries  one per group and partition with a commit on an existing topic, sorted by group, topic, partition
 */
public record LagSnapshot(Instant takenAt, List<String> groupIds, List<Entry> entries) {

    /** A group's lag on one partition: {@code end - committed}, never negative. */
    public record Entry(String groupId, String topic, int partition, long committed, long end, long lag) {
    }

    public LagSnapshot {
        groupIds = List.copyOf(groupIds);
        entries = List.copyOf(entries);
    }

    public static LagSnapshot take(ClusterClient client) {
        GroupCalls calls = new GroupCalls(client);
        OffsetReader reader = new OffsetReader(calls);
        Instant takenAt = Instant.now();
        List<String> ids = ConsumerGroups.groupIds(calls);
        Map<String, Map<TopicPartition, Long>> committed = ids.isEmpty() ? Map.of() : reader.committed(ids);
        Set<TopicPartition> all = new HashSet<>();
        committed.values().forEach(offsets -> all.addAll(offsets.keySet()));
        Map<TopicPartition, Long> ends = all.isEmpty() ? Map.of()
                : reader.offsets(all, OffsetSpec.latest(), "read end offsets");
        List<Entry> entries = new ArrayList<>();
        committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null) {
                entries.add(new Entry(group, tp.topic(), tp.partition(), offset, end, Math.max(0, end - offset)));
            }
        }));
        entries.sort(Comparator.comparing(Entry::groupId).thenComparing(Entry::topic).thenComparingInt(Entry::partition));
        return new LagSnapshot(takenAt, ids, entries);
    }

    public OptionalLong lag(String groupId, String topic, int partition) {
        return entries.stream()
                .filter(e -> e.groupId.equals(groupId) && e.topic.equals(topic) && e.partition == partition)
                .mapToLong(Entry::lag).findFirst();
    }

    public long totalLag(String groupId) {
        return entries.stream().filter(e -> e.groupId.equals(groupId)).mapToLong(Entry::lag).sum();
    }

    /** Lag of one group per topic, sorted by topic. */
    public Map<String, Long> lagByTopic(String groupId) {
        Map<String, Long> byTopic = new TreeMap<>();
        entries.stream().filter(e -> e.groupId.equals(groupId)).forEach(e -> byTopic.merge(e.topic, e.lag, Long::sum));
        return byTopic;
    }
}
