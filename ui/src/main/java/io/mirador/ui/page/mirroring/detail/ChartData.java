package io.mirador.ui.page.mirroring.detail;

import java.util.List;

import io.mirador.ui.service.history.Range;

/**
 * What the three charts show after one history load: the window asked for (the time axis spans all of it, not
 * only where points are) and the lines of each chart. Immutable.
 */
public record ChartData(Range range, String scope, long fromMs, long toMs, List<ChartSeries> throughput,
                        List<ChartSeries> lag, List<ChartSeries> latency) {

    public ChartData {
        throughput = List.copyOf(throughput);
        lag = List.copyOf(lag);
        latency = List.copyOf(latency);
    }

    /** Points over all charts; 0 means there is no history yet. */
    public int pointCount() {
        return count(throughput) + count(lag) + count(latency);
    }

    private static int count(List<ChartSeries> lines) {
        return lines.stream().mapToInt(s -> s.points().size()).sum();
    }
}
