package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Loads a {@link TopicDetail}: one DescribeTopics, two concurrent ListOffsets, one DescribeLogDirs per
 * broker leading a partition, one ListGroups and one OffsetFetch per batch of groups.
 */
public final class TopicDetailLoader {

    private final ClusterClient client;

    public TopicDetailLoader(ClusterClient client) {
        this.client = client;
    }

    public TopicDetail load(String topic) {
        TopicDescription d = TopicDescriptions.of(client, List.of(topic)).get(topic);
        if (d == null) {
            throw new ClusterException("cannot describe topic " + topic + " on cluster "
                    + client.connection().name() + ": it does not exist", null);
        }
        List<TopicPartition> led = PartitionOffsets.withLeader(List.of(d));
        Map<TopicPartition, PartitionOffsets.Range> ranges = PartitionOffsets.ranges(client, led);
        Map<TopicPartition, Long> sizes = ReplicaSizes.ofLeaders(client, TopicListing.leaders(List.of(d)));

        List<PartitionDetail> partitions = new ArrayList<>();
        List<TopicPartition> all = new ArrayList<>();
        for (TopicPartitionInfo p : d.partitions()) {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            all.add(tp);
            PartitionOffsets.Range range = ranges.get(tp);
            partitions.add(new PartitionDetail(p.partition(),
                    p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id(),
                    ids(p.replicas()), ids(p.isr()),
                    range == null ? -1 : range.earliest(), range == null ? -1 : range.latest(),
                    sizes.getOrDefault(tp, 0L)));
        }
        partitions.sort(Comparator.comparingInt(PartitionDetail::partition));
        List<String> groups = TopicConsumers.groupsReading(client, all);
        return new TopicDetail(d.name(), d.topicId() == null ? null : d.topicId().toString(), d.isInternal(),
                partitions, groups);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
