package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mirador.replicator.metrics.LatencyHistogram;
import io.mirador.replicator.state.MetricSample;
import org.apache.kafka.common.TopicPartition;

/**
 * Rates and latencies of one route, computed once per metrics window from its partitions' progress, and the
 * samples written to history. Names of the sampled series are the constants below.
 *
 * <p>Threading: {@link #sample} runs on the route's planner thread; readers on any thread see the last
 * finished window through immutable values in concurrent maps.
 */
final class RouteMetrics {

    static final String RECORDS_PER_SECOND = "records-per-second";
    static final String BYTES_PER_SECOND = "bytes-per-second";
    static final String LAG = "lag";
    static final String LATENCY_P50 = "latency-p50-ms";
    static final String LATENCY_P99 = "latency-p99-ms";
    static final String ROUTE_SCOPE = "*";
    /** How long a partition shows DATA_LOSS after records were lost (for good while its policy stopped it). */
    static final long DATA_LOSS_SHOWN_MS = 10 * 60_000L;

    record PartitionRates(double recordsPerSecond, double bytesPerSecond, double latencyP99Ms) {
        static final PartitionRates NONE = new PartitionRates(0, 0, Double.NaN);
    }

    record RouteRates(double recordsPerSecond, double bytesPerSecond, double latencyP50Ms, double latencyP99Ms) {
    }

    private record Totals(long records, long bytes, long atMs) {
    }

    private final String route;
    private final Map<TopicPartition, Totals> lastTotals = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionRates> rates = new ConcurrentHashMap<>();
    /** Partitions the watchdog found stalled, until they copy again. */
    private final Map<TopicPartition, Boolean> stalled = new ConcurrentHashMap<>();
    private volatile RouteRates routeRates = new RouteRates(0, 0, Double.NaN, Double.NaN);

    RouteMetrics(String route) {
        this.route = route;
    }

    /** Closes the current window: computes rates and percentiles and returns the samples to keep. */
    List<MetricSample> sample(Collection<PartitionProgress> partitions, long nowMs) {
        List<MetricSample> samples = new ArrayList<>();
        LatencyHistogram.Snapshot all = LatencyHistogram.Snapshot.empty();
        double records = 0;
        double bytes = 0;
        long lag = 0;
        for (PartitionProgress p : partitions) {
            Totals now = new Totals(p.copiedRecords, p.copiedBytes, nowMs);
            Totals before = lastTotals.put(p.source, now);
            LatencyHistogram.Snapshot window = p.latency.snapshotAndReset();
            all = all.merge(window);
            double seconds = before == null ? 0 : (nowMs - before.atMs()) / 1000.0;
            double rps = seconds <= 0 ? 0 : (now.records() - before.records()) / seconds;
            double bps = seconds <= 0 ? 0 : (now.bytes() - before.bytes()) / seconds;
            if (before != null && now.records() > before.records()) {
                stalled.remove(p.source);
            }
            rates.put(p.source, new PartitionRates(rps, bps, window.percentile(0.99)));
            records += rps;
            bytes += bps;
            long partitionLag = p.lag();
            lag += partitionLag;
            String scope = p.source.topic() + "/" + p.source.partition();
            samples.add(new MetricSample(route, LAG, scope, nowMs, partitionLag));
            samples.add(new MetricSample(route, RECORDS_PER_SECOND, scope, nowMs, rps));
        }
        lastTotals.keySet().retainAll(partitions.stream().map(p -> p.source).toList());
        routeRates = new RouteRates(records, bytes, all.percentile(0.5), all.percentile(0.99));
        samples.add(new MetricSample(route, RECORDS_PER_SECOND, ROUTE_SCOPE, nowMs, records));
        samples.add(new MetricSample(route, BYTES_PER_SECOND, ROUTE_SCOPE, nowMs, bytes));
        samples.add(new MetricSample(route, LAG, ROUTE_SCOPE, nowMs, lag));
        if (all.count() > 0) {
            samples.add(new MetricSample(route, LATENCY_P50, ROUTE_SCOPE, nowMs, routeRates.latencyP50Ms()));
            samples.add(new MetricSample(route, LATENCY_P99, ROUTE_SCOPE, nowMs, routeRates.latencyP99Ms()));
        }
        return samples;
    }

    /**
     * The route as the status API shows it: {@code routeState} and {@code error} as the route has them, totals
     * and one row per partition (sorted by topic and partition) with this window's rates. Any thread.
     */
    RouteStatus status(String routeState, String error, Collection<PartitionProgress> partitions,
                       Map<TopicPartition, Integer> assignment, long stalls) {
        List<PartitionStatus> rows = new ArrayList<>();
        long lag = 0;
        long copied = 0;
        long lost = 0;
        for (PartitionProgress p : partitions) {
            PartitionRates r = rates(p.source);
            long partitionLag = p.lag();
            lag += partitionLag;
            copied += p.copiedRecords;
            lost += p.lostRecords;
            rows.add(new PartitionStatus(p.source.topic(), p.source.partition(), p.targetTopic, p.targetPartition,
                    assignment.getOrDefault(p.source, -1), Math.max(p.endOffset, p.ackedNext), p.ackedNext, partitionLag,
                    r.latencyP99Ms(), r.recordsPerSecond(), r.bytesPerSecond(), partitionState(routeState, p, partitionLag),
                    p.lostRecords, p.loopSkipped));
        }
        rows.sort(java.util.Comparator.comparing(PartitionStatus::topic).thenComparingInt(PartitionStatus::partition));
        RouteRates total = routeRates;
        return new RouteStatus(route, routeState, error, lag, total.recordsPerSecond(), total.bytesPerSecond(),
                total.latencyP50Ms(), total.latencyP99Ms(), copied, rows, lost, stalls);
    }

    /** A data loss shows for {@link #DATA_LOSS_SHOWN_MS} (for good while the policy stopped the partition). */
    private String partitionState(String routeState, PartitionProgress p, long lag) {
        if (p.stoppedOnDataLoss || System.currentTimeMillis() - p.lastLossMs < DATA_LOSS_SHOWN_MS) {
            return "DATA_LOSS";
        }
        if ("PAUSED".equals(routeState)) {
            return "PAUSED";
        }
        return isStalled(p.source) ? "STALLED" : lag == 0 ? "CAUGHT_UP" : "RUNNING";
    }

    PartitionRates rates(TopicPartition tp) {
        return rates.getOrDefault(tp, PartitionRates.NONE);
    }

    RouteRates routeRates() {
        return routeRates;
    }

    /** Measured load per partition, for the assigner. */
    Map<TopicPartition, Double> bytesPerSecond() {
        Map<TopicPartition, Double> load = new java.util.HashMap<>();
        rates.forEach((tp, r) -> load.put(tp, r.bytesPerSecond()));
        return load;
    }

    void markStalled(TopicPartition tp) {
        stalled.put(tp, Boolean.TRUE);
    }

    boolean isStalled(TopicPartition tp) {
        return stalled.containsKey(tp);
    }
}
