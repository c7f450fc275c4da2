package io.mirador.ui.service.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationStore;

/**
 * Reads the {@link ClusterSampler}'s points back for charts and figures. A series never has more than
 * {@link #maxPoints()} points: where the store holds more (a week of raw and minute points), consecutive points
 * are averaged into equal time buckets, which keeps a chart's drawing cost bounded whatever the range.
 * Blocks on the store: worker threads only. Thread-safe.
 */
public final class MetricHistoryService implements HistorySource {

    /** About one point per horizontal pixel pair of a wide chart; an hour of 10 s samples (360) fits whole. */
    public static final int DEFAULT_MAX_POINTS = 720;

    private final Supplier<ReplicationStore> store;
    private final Clock clock;
    private final int maxPoints;

    public MetricHistoryService(Supplier<ReplicationStore> store) {
        this(store, Clock.systemUTC(), DEFAULT_MAX_POINTS);
    }

    public MetricHistoryService(Supplier<ReplicationStore> store, Clock clock, int maxPoints) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxPoints < 2) {
            throw new IllegalArgumentException("a series needs room for at least 2 points, not " + maxPoints);
        }
        this.maxPoints = maxPoints;
    }

    public int maxPoints() {
        return maxPoints;
    }

    @Override
    public HistorySeries series(String cluster, String metric, String scope, Range range) {
        long to = clock.millis();
        long from = to - range.millis();
        List<HistoryPoint> points = read(cluster, metric, scope, from, to);
        return new HistorySeries(cluster, metric, scope, range, from, to, bound(points, from, to, maxPoints));
    }

    @Override
    public OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge) {
        long to = clock.millis();
        List<HistoryPoint> points = read(cluster, metric, scope, to - maxAge.toMillis(), to);
        return points.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(points.get(points.size() - 1).value());
    }

    private List<HistoryPoint> read(String cluster, String metric, String scope, long from, long to) {
        List<MetricSample> samples = store.get().samples(ClusterSampler.route(cluster), metric, scope, from, to);
        List<HistoryPoint> points = new ArrayList<>(samples.size());
        samples.forEach(s -> points.add(new HistoryPoint(s.timestampMs(), s.value())));
        return points;
    }

    /**
     * {@code points} (oldest first) as they are when there are at most {@code max}; otherwise one point per
     * non-empty bucket of {@code (to - from) / max} milliseconds: the mean value at the mean time of the points
     * in it. Averages rather than picks, so a spike still shows as a bump, and never more than {@code max} points.
     */
    static List<HistoryPoint> bound(List<HistoryPoint> points, long from, long to, int max) {
        if (points.size() <= max) {
            return points;
        }
        long width = Math.max(1, (to - from + max - 1) / max);
        List<HistoryPoint> bounded = new ArrayList<>(max);
        long bucket = Long.MIN_VALUE;
        double sumTime = 0;
        double sumValue = 0;
        int count = 0;
        for (HistoryPoint p : points) {
            long b = Math.min(max - 1, Math.floorDiv(Math.max(p.timestampMs(), from) - from, width));
            if (b != bucket && count > 0) {
                bounded.add(new HistoryPoint(Math.round(sumTime / count), sumValue / count));
                sumTime = 0;
                sumValue = 0;
                count = 0;
            }
            bucket = b;
            sumTime += p.timestampMs();
            sumValue += p.value();
            count++;
        }
        if (count > 0) {
            bounded.add(new HistoryPoint(Math.round(sumTime / count), sumValue / count));
        }
        return bounded;
    }
}
