package io.mirador.ui.service.history;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.group.LagSnapshot;
import io.mirador.cluster.topic.TopicDescriptions;
import io.mirador.cluster.topic.TopicRates;
import io.mirador.replicator.state.MetricSample;
import org.apache.kafka.common.TopicPartition;

/**
 * One round's raw figures of one cluster: latest offsets of every partition and committed offsets and lag of
 * every consumer group. Rates need two readings of the same cluster, so the sampler keeps the last one.
 *
 * <p>Cost, whatever the number of topics, partitions and groups (below the batch sizes of the cluster module:
 * 1,000 topics per DescribeTopics, 5,000 partitions per ListOffsets, 1,000 groups per OffsetFetch): six Admin
 * calls. ListTopics, DescribeTopics and ListOffsets latest ({@link TopicRates#snapshot}), then ListGroups,
 * OffsetFetch of all groups at once and ListOffsets of the committed partitions ({@link LagSnapshot#take}). The
 * Admin client turns each into one request per broker concerned, plus a metadata or coordinator lookup.
 *
 * @param wallMs       when the reading was taken, epoch milliseconds: the timestamp of its samples
 * @param offsets      latest offsets of all partitions with a leader, with their {@link System#nanoTime} stamp
 * @param groupsNanos  {@link System#nanoTime} just before the group offsets were read
 * @param committed    committed offsets per group and partition (partitions of existing topics only)
 * @param lagByGroup   total lag per group, 0 for a group without commits
 * @param topics       number of (non-internal) topics listed
 */
record ClusterReading(long wallMs, TopicRates.Snapshot offsets, long groupsNanos,
                      Map<String, Map<TopicPartition, Long>> committed, Map<String, Long> lagByGroup, int topics) {

    static ClusterReading take(ClusterClient client, Clock clock) {
        long wallMs = clock.millis();
        Set<String> names = TopicDescriptions.names(client, false);
        TopicRates.Snapshot offsets = TopicRates.snapshot(client, names);
        long groupsNanos = System.nanoTime();
        LagSnapshot lag = LagSnapshot.take(client);
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        Map<String, Long> lagByGroup = new HashMap<>();
        lag.groupIds().forEach(id -> lagByGroup.put(id, 0L));
        for (LagSnapshot.Entry e : lag.entries()) {
            committed.computeIfAbsent(e.groupId(), id -> new HashMap<>())
                    .put(new TopicPartition(e.topic(), e.partition()), e.committed());
            lagByGroup.merge(e.groupId(), e.lag(), Long::sum);
        }
        return new ClusterReading(wallMs, offsets, groupsNanos, committed, lagByGroup, names.size());
    }

    int partitions() {
        return offsets.latestOffsets().size();
    }

    int groups() {
        return lagByGroup.size();
    }

    /**
     * The samples of this reading under {@code route}: every group's lag, and, when there is a {@code previous}
     * reading of the same cluster, every topic's in-rate, the cluster's in-rate (their sum) and out-rate.
     *
     * <p>The out-rate is the sum over groups and partitions of the committed offset's growth, per second: what
     * consumer groups that commit acknowledged having read. Consumers that never commit are not seen, and a
     * topic read by two groups counts twice, as it is read twice. A committed offset moving back (a reset)
     * counts 0.
     */
    List<MetricSample> samples(String route, ClusterReading previous) {
        List<MetricSample> samples = new ArrayList<>();
        lagByGroup.forEach((group, lag) ->
                samples.add(new MetricSample(route, ClusterSampler.GROUP_LAG, group, wallMs, lag)));
        if (previous == null || offsets.takenAtNanos() <= previous.offsets.takenAtNanos()
                || groupsNanos <= previous.groupsNanos) {
            return samples;
        }
        double in = 0;
        for (Map.Entry<String, Double> rate : TopicRates.rates(previous.offsets, offsets).entrySet()) {
            samples.add(new MetricSample(route, ClusterSampler.TOPIC_IN_RATE, rate.getKey(), wallMs, rate.getValue()));
            in += rate.getValue();
        }
        samples.add(new MetricSample(route, ClusterSampler.CLUSTER_IN_RATE, "", wallMs, in));
        samples.add(new MetricSample(route, ClusterSampler.CLUSTER_OUT_RATE, "", wallMs, outRate(previous)));
        return samples;
    }

    private double outRate(ClusterReading previous) {
        long consumed = 0;
        for (Map.Entry<String, Map<TopicPartition, Long>> group : committed.entrySet()) {
            Map<TopicPartition, Long> before = previous.committed.get(group.getKey());
            if (before == null) {
                continue;
            }
            for (Map.Entry<TopicPartition, Long> e : group.getValue().entrySet()) {
                Long start = before.get(e.getKey());
                if (start != null) {
                    consumed += Math.max(0, e.getValue() - start);
                }
            }
        }
        return consumed / ((groupsNanos - previous.groupsNanos) / 1e9);
    }
}
