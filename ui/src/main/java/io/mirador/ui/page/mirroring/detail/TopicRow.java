package io.mirador.ui.page.mirroring.detail;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.mirador.replicator.engine.PartitionStatus;

/**
 * One source topic of a route, aggregated over its partitions: offsets, lag and rates are sums, latency is the
 * worst partition's p99, the state is the most alarming partition state ({@link PartitionRows#STATE_ORDER}).
 * {@code checkpoint} sums only partitions that have one, so progress never goes negative.
 */
public record TopicRow(String topic, String targetTopic, int partitions, String workers, long sourceEndOffset,
                       long checkpoint, long lag, double latencyP99Ms, double recordsPerSecond,
                       double bytesPerSecond, String state, int stuckPartitions) {

    /** Aggregates the partitions of one topic (non-empty, all of the same topic). */
    static TopicRow of(List<PartitionStatus> partitions) {
        PartitionStatus first = partitions.get(0);
        long end = 0;
        long checkpoint = 0;
        long lag = 0;
        double latency = Double.NaN;
        double records = 0;
        double bytes = 0;
        int stuck = 0;
        String state = null;
        TreeSet<Integer> workers = new TreeSet<>();
        for (PartitionStatus p : partitions) {
            end += Math.max(0, p.sourceEndOffset());
            checkpoint += Math.max(0, p.checkpoint());
            lag += Math.max(0, p.lag());
            if (!Double.isNaN(p.latencyP99Ms()) && (Double.isNaN(latency) || p.latencyP99Ms() > latency)) {
                latency = p.latencyP99Ms();
            }
            records += p.recordsPerSecond();
            bytes += p.bytesPerSecond();
            if (PartitionRows.STALLED.equals(p.state()) || PartitionRows.DATA_LOSS.equals(p.state())) {
                stuck++;
            }
            state = PartitionRows.worse(state, p.state());
            if (p.worker() >= 0) {
                workers.add(p.worker());
            }
        }
        String workerText = workers.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new TopicRow(first.topic(), first.targetTopic(), partitions.size(), workerText, end, checkpoint, lag,
                latency, records, bytes, state, stuck);
    }

    /** Checkpoint over source end, 0..1. */
    public double progress() {
        return PartitionRows.progress(checkpoint, sourceEndOffset);
    }
}
