package io.mirador.cluster.topic;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.common.TopicPartition;

/**
 * Records per second flowing into topics, from two snapshots of latest offsets. The caller decides when
 * to take them (a UI timer, a test after producing): nothing here sleeps.
 */
public final class TopicRates {

    private TopicRates() {
    }

    /** Latest offset of every readable partition, and when it was read ({@link System#nanoTime()}). */
    public record Snapshot(long takenAtNanos, Map<TopicPartition, Long> latestOffsets) {

        public Snapshot {
            latestOffsets = Map.copyOf(latestOffsets);
        }
    }

    /**
     * Reads latest offsets of all partitions of {@code topics}: one DescribeTopics and one ListOffsets per
     * batch. Partitions without a leader are left out and so get no rate.
     */
    public static Snapshot snapshot(ClusterClient client, Collection<String> topics) {
        var described = TopicDescriptions.of(client, topics);
        Map<TopicPartition, Long> latest =
                PartitionOffsets.latest(client, PartitionOffsets.withLeader(described.values()));
        return new Snapshot(System.nanoTime(), latest);
    }

    /** Rates between two snapshots, using the time between them. */
    public static Map<String, Double> rates(Snapshot before, Snapshot after) {
        return rates(before, after, Duration.ofNanos(after.takenAtNanos() - before.takenAtNanos()));
    }

    /**
     * Records per second per topic: the growth of the latest offsets, summed over partitions present in both
     * snapshots, divided by {@code elapsed}. A partition whose offset went down (topic deleted and created
     * again) counts 0 rather than a negative rate; a partition new in {@code after} counts 0 because its
     * starting point is unknown. Topics of {@code after} with no common partition get no entry.
     */
    public static Map<String, Double> rates(Snapshot before, Snapshot after, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed time must be positive, not " + elapsed);
        }
        double seconds = elapsed.toNanos() / 1e9;
        Map<String, Long> growth = new TreeMap<>();
        after.latestOffsets().forEach((tp, end) -> {
            Long start = before.latestOffsets().get(tp);
            if (start != null) {
                growth.merge(tp.topic(), Math.max(0, end - start), Long::sum);
            }
        });
        Map<String, Double> rates = new TreeMap<>();
        growth.forEach((topic, records) -> rates.put(topic, records / seconds));
        return rates;
    }
}
