package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The value axis of the "record age at copy" chart. The engine measures, per record, the time from its source
 * timestamp to the target's acknowledgement: for live records that is the replication delay, but when a route
 * copies a backlog (its first start, a catch-up after a pause or outage) it is mostly the records' age, hours or
 * days. One such window would scale the axis so that the usual milliseconds lie flat on zero; the axis is then
 * capped above the usual values and the chart says how old the records copied were.
 */
final class AgeScale {

    /** A line whose top is this many times its 90th percentile has spikes that would flatten the rest. */
    static final double SPIKE_FACTOR = 10;
    /** Fewer points than this are shown as they are: too few to tell usual from unusual. */
    static final int MIN_POINTS = 20;

    private AgeScale() {
    }

    /**
     * The upper bound of the value axis, in ms: twice the 90th percentile of all points rounded up to 1, 2 or 5
     * times a power of ten; NaN (let the axis fit every point) unless some points lie beyond
     * {@link #SPIKE_FACTOR} times that percentile.
     */
    static double cap(List<ChartSeries> lines) {
        List<Double> values = new ArrayList<>();
        for (ChartSeries line : lines) {
            line.points().forEach(p -> values.add(p.value()));
        }
        if (values.size() < MIN_POINTS) {
            return Double.NaN;
        }
        Collections.sort(values);
        double usual = Math.max(1, values.get((int) Math.floor(0.9 * (values.size() - 1))));
        double top = values.get(values.size() - 1);
        return top > SPIKE_FACTOR * usual ? roundUp(2 * usual) : Double.NaN;
    }

    /** The highest point of the lines, in ms; 0 for none. */
    static double max(List<ChartSeries> lines) {
        return lines.stream().flatMap(l -> l.points().stream()).mapToDouble(ChartSeries.Point::value).max()
                .orElse(0);
    }

    /** "850 ms", "12.4 s", "66 min", "5.2 h" or "3.1 days": a record's age in the chart's note. */
    static String age(double ms) {
        if (ms < 60_000) {
            return RouteSummary.latency(ms);
        }
        double minutes = ms / 60_000;
        if (minutes < 120) {
            return Math.round(minutes) + " min";
        }
        double hours = minutes / 60;
        return hours < 48 ? String.format(Locale.ROOT, "%.1f h", hours)
                : String.format(Locale.ROOT, "%.1f days", hours / 24);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}. */
    static double roundUp(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= v - 1e-9) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
