package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.List;

import io.mirador.replicator.state.MetricSample;

/** One named line of a chart: points oldest first. Immutable. */
public record ChartSeries(String name, List<Point> points) {

    /** A point in epoch milliseconds. */
    public record Point(long timestampMs, double value) {
    }

    public ChartSeries {
        points = List.copyOf(points);
    }

    /**
     * The samples as points, at most {@code max}: longer series are averaged in consecutive buckets so a chart
     * never draws more points than it has pixels (the store already downsamples old history, but a raw hour of
     * several routes' worth of points would still be needlessly heavy). NaN values are left out.
     */
    static ChartSeries of(String name, List<MetricSample> samples, int max) {
        List<Point> points = new ArrayList<>(samples.size());
        for (MetricSample s : samples) {
            if (!Double.isNaN(s.value()) && !Double.isInfinite(s.value())) {
                points.add(new Point(s.timestampMs(), s.value()));
            }
        }
        if (points.size() <= max || max <= 0) {
            return new ChartSeries(name, points);
        }
        List<Point> thinned = new ArrayList<>(max);
        double per = (double) points.size() / max;
        for (int b = 0; b < max; b++) {
            int from = (int) Math.floor(b * per);
            int to = Math.min(points.size(), (int) Math.floor((b + 1) * per));
            if (from >= to) {
                continue;
            }
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += points.get(i).value();
            }
            // The bucket's last time, so the newest point stays where it was measured.
            thinned.add(new Point(points.get(to - 1).timestampMs(), sum / (to - from)));
        }
        return new ChartSeries(name, thinned);
    }
}
