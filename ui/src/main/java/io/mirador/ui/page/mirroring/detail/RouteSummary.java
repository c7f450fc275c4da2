package io.mirador.ui.page.mirroring.detail;

import java.util.Locale;

import io.mirador.replicator.engine.RouteStatus;
import io.mirador.ui.util.Formats;

/**
 * The header figures of a route: its state and totals from the last status, pre-formatted for display (the raw
 * values stay available for tests and badges). {@link #EMPTY} before the first status. Immutable.
 */
public record RouteSummary(String state, String error, double recordsPerSecond, double bytesPerSecond, long lag,
                           double latencyP50Ms, double latencyP99Ms, long copiedRecords, int partitions,
                           int stuckPartitions) {

    public static final RouteSummary EMPTY = new RouteSummary("", null, 0, 0, 0, Double.NaN, Double.NaN, 0, 0, 0);

    static RouteSummary of(RouteStatus s) {
        int stuck = (int) s.partitions().stream().filter(p -> PartitionRows.STALLED.equals(p.state())
                || PartitionRows.DATA_LOSS.equals(p.state())).count();
        return new RouteSummary(s.state() == null ? "" : s.state(), blankToNull(s.error()), s.recordsPerSecond(),
                s.bytesPerSecond(), s.lag(), s.latencyP50Ms(), s.latencyP99Ms(), s.copiedRecords(),
                s.partitions().size(), stuck);
    }

    public String recordsPerSecondText() {
        return rate(recordsPerSecond);
    }

    public String bytesPerSecondText() {
        return bytesPerSecond < 0 ? "–" : Formats.bytes(Math.round(bytesPerSecond)) + "/s";
    }

    public String lagText() {
        return Formats.count(lag);
    }

    public String latencyP99Text() {
        return latency(latencyP99Ms);
    }

    public String copiedText() {
        return Formats.count(copiedRecords);
    }

    /** "1,234" for large rates, "3.5" below ten so a trickle does not read as zero. */
    public static String rate(double perSecond) {
        if (Double.isNaN(perSecond) || perSecond < 0) {
            return "–";
        }
        if (perSecond > 0 && perSecond < 10) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return Formats.count(Math.round(perSecond));
    }

    /** "–" when nothing was copied in the window (NaN), else "4.2 ms", "35 ms" or "1.3 s". */
    public static String latency(double ms) {
        if (Double.isNaN(ms) || ms < 0) {
            return "–";
        }
        if (ms == 0) {
            return "0 ms";
        }
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%d ms", Math.round(ms));
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
