package io.mirador.ui.service.history;

import java.util.List;

/**
 * The points of one metric in a time window, oldest first. The window is what was asked for, not where data
 * happens to be, so a chart can show the whole hour even when sampling began ten minutes ago.
 *
 * @param fromMs start of the window, epoch milliseconds
 * @param toMs   end of the window (the time of the read), epoch milliseconds
 */
public record HistorySeries(String cluster, String metric, String scope, Range range, long fromMs, long toMs,
                            List<HistoryPoint> points) {

    public HistorySeries {
        points = List.copyOf(points);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
