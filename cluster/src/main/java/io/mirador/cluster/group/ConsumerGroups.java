package io.mirador.cluster.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer groups of one cluster, classic and KIP-848 alike: list, describe, reset offsets, delete. Every
 * method blocks up to the client's timeout, so call it off the UI thread; every failure is a one-line
 * {@link io.mirador.cluster.ClusterException}. Admin calls per method, independent of group and partition
 * counts (below the chunk sizes of {@link OffsetReader}): list 4, describe 3, previewReset 5 (6 for a
 * timestamp), applyReset 3, delete 2, deleteOffsets 3. Thread-safe.
 */
public final class ConsumerGroups {

    private final GroupCalls calls;
    private final GroupDescriber describer;
    private final OffsetReader reader;
    private final OffsetResetter resetter;

    public ConsumerGroups(ClusterClient client) {
        this.calls = new GroupCalls(client);
        this.describer = new GroupDescriber(calls);
        this.reader = new OffsetReader(calls);
        this.resetter = new OffsetResetter(calls, describer, reader);
    }

    /** Every consumer group with its total lag, sorted by id: ListGroups, DescribeConsumerGroups, OffsetFetch, ListOffsets. */
    public List<GroupSummary> list() {
        List<String> ids = groupIds(calls);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions = describer.describeAll(ids);
        Map<String, Map<TopicPartition, Long>> committed = reader.committed(descriptions.keySet());
        Set<TopicPartition> all = new HashSet<>();
        committed.values().forEach(offsets -> all.addAll(offsets.keySet()));
        Map<TopicPartition, Long> ends = reader.offsets(all, OffsetSpec.latest(), "read end offsets");

        List<GroupSummary> summaries = new ArrayList<>();
        descriptions.forEach((id, d) -> {
            Map<TopicPartition, Long> offsets = committed.getOrDefault(id, Map.of());
            TreeSet<String> topics = new TreeSet<>();
            offsets.keySet().forEach(tp -> topics.add(tp.topic()));
            GroupDescriber.owners(d).keySet().forEach(tp -> topics.add(tp.topic()));
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                Long end = ends.get(e.getKey());
                lag += end == null ? 0 : Math.max(0, end - e.getValue());
            }
            summaries.add(new GroupSummary(id, d.groupState(), d.type(), d.partitionAssignor(), d.members().size(),
                    GroupDescriber.coordinatorId(d), lag, List.copyOf(topics)));
        });
        summaries.sort(Comparator.comparing(GroupSummary::groupId));
        return summaries;
    }

    /** Members and per-partition lag of one group: DescribeConsumerGroups, OffsetFetch, ListOffsets. */
    public GroupDetail describe(String groupId) {
        ConsumerGroupDescription d = describer.describe(groupId);
        Map<TopicPartition, Long> committed = reader.committed(List.of(groupId)).getOrDefault(groupId, Map.of());
        Map<TopicPartition, String> owners = GroupDescriber.owners(d);
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        partitions.addAll(owners.keySet());
        Map<TopicPartition, Long> ends = reader.offsets(partitions, OffsetSpec.latest(), "read end offsets");
        List<PartitionLag> lags = GroupDescriber.sorted(partitions).stream()
                .map(tp -> PartitionLag.of(tp, committed.get(tp), ends.get(tp), owners.get(tp)))
                .toList();
        return new GroupDetail(groupId, d.groupState(), d.type(), d.partitionAssignor(), GroupDescriber.coordinatorId(d),
                GroupDescriber.members(d), lags);
    }

    /**
     * What {@code spec} would commit on every partition of {@code topics} (null or empty: every topic the group
     * has offsets on or is assigned). Reads only; nothing changes.
     */
    public List<OffsetChange> previewReset(String groupId, Collection<String> topics, ResetSpec spec) {
        return resetter.preview(groupId, topics, spec);
    }

    /** Commits exactly the previewed targets; refuses while the group has active members or moved since the preview. */
    public void applyReset(String groupId, List<OffsetChange> preview) {
        resetter.apply(groupId, preview);
    }

    /** Deletes the group and its offsets; refuses while it has active members. */
    public void delete(String groupId) {
        describer.requireEmpty(describer.describe(groupId), "deleting the group");
        calls.await(calls.admin().deleteConsumerGroups(List.of(groupId)).all(), "delete group " + groupId, groupId);
    }

    /**
     * Forgets the group's committed offsets on one topic (also a topic since deleted) and returns how many
     * partitions that was. Kafka refuses while a member is subscribed to the topic.
     */
    public int deleteOffsets(String groupId, String topic) {
        describer.describe(groupId);
        Set<TopicPartition> partitions = new HashSet<>();
        reader.committed(List.of(groupId)).getOrDefault(groupId, Map.of()).keySet().stream()
                .filter(tp -> tp.topic().equals(topic))
                .forEach(partitions::add);
        if (partitions.isEmpty()) {
            throw calls.failure("group " + groupId + " has no committed offsets on topic " + topic);
        }
        calls.await(calls.admin().deleteConsumerGroupOffsets(groupId, partitions).all(),
                "delete offsets of group " + groupId + " on topic " + topic, groupId);
        return partitions.size();
    }

    /** Ids of all consumer groups (classic, simple and consumer-protocol), sorted: one ListGroups call. */
    static List<String> groupIds(GroupCalls calls) {
        Collection<GroupListing> listings = calls.await(
                calls.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups", null);
        return listings.stream().map(GroupListing::groupId).sorted().toList();
    }
}
