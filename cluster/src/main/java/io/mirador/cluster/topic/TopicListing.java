package io.mirador.cluster.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.TopicSummary;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The topic table for clusters of any size. Per {@link AdminCalls#BATCH} topics it costs one DescribeTopics
 * and two concurrent ListOffsets, plus one DescribeLogDirs per leader broker for all topics: about 31
 * round trips for 10,000 topics and never one per topic. Same rows as {@link ClusterClient#topics(boolean)},
 * which sends everything in one request and skips nothing.
 */
public final class TopicListing {

    private TopicListing() {
    }

    /** Every topic, sorted by name. Partitions without a leader count no records. */
    public static List<TopicSummary> list(ClusterClient client, boolean includeInternal) {
        return listWithOffsets(client, includeInternal, AdminCalls.BATCH).topics();
    }

    /** As {@link #list(ClusterClient, boolean)} with {@code batch} topics per round; tests use small batches. */
    static List<TopicSummary> list(ClusterClient client, boolean includeInternal, int batch) {
        return listWithOffsets(client, includeInternal, batch).topics();
    }

    /**
     * As {@link #list(ClusterClient, boolean)}, also returning the latest offsets read on the way: the same
     * round trips, and two such listings give in-rates through {@link TopicRates#rates}.
     */
    public static TopicList listWithOffsets(ClusterClient client, boolean includeInternal) {
        return listWithOffsets(client, includeInternal, AdminCalls.BATCH);
    }

    static TopicList listWithOffsets(ClusterClient client, boolean includeInternal, int batch) {
        List<String> names = new ArrayList<>(TopicDescriptions.names(client, includeInternal));
        List<TopicDescription> described = new ArrayList<>(names.size());
        Map<TopicPartition, PartitionOffsets.Range> ranges = new HashMap<>();
        for (List<String> chunk : AdminCalls.chunks(names, batch)) {
            Map<String, TopicDescription> descriptions = TopicDescriptions.of(client, chunk);
            described.addAll(descriptions.values());
            ranges.putAll(PartitionOffsets.ranges(client, PartitionOffsets.withLeader(descriptions.values())));
        }
        // Taken once all offsets are in: with several batches the offsets span a few round trips, which is
        // noise next to the seconds between two listings.
        long offsetsReadAt = System.nanoTime();
        Map<TopicPartition, Long> latest = new HashMap<>();
        ranges.forEach((tp, range) -> latest.put(tp, range.latest()));
        Map<TopicPartition, Long> sizes = ReplicaSizes.ofLeaders(client, leaders(described));

        List<TopicSummary> topics = new ArrayList<>(described.size());
        for (TopicDescription d : described) {
            long records = 0;
            long bytes = 0;
            for (TopicPartitionInfo p : d.partitions()) {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                PartitionOffsets.Range range = ranges.get(tp);
                records += range == null ? 0 : range.records();
                bytes += sizes.getOrDefault(tp, 0L);
            }
            int rf = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
            topics.add(new TopicSummary(d.name(), d.partitions().size(), rf, records, bytes, d.isInternal()));
        }
        return new TopicList(topics, new TopicRates.Snapshot(offsetsReadAt, latest));
    }

    static Map<TopicPartition, Integer> leaders(List<TopicDescription> descriptions) {
        Map<TopicPartition, Integer> leaders = new HashMap<>();
        for (TopicDescription d : descriptions) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() != null && !p.leader().isEmpty()) {
                    leaders.put(new TopicPartition(d.name(), p.partition()), p.leader().id());
                }
            }
        }
        return leaders;
    }
}
