package io.mirador.ui.service.history;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads the metric history the {@link ClusterSampler} writes. Every method blocks on the state store: worker
 * threads only. Implementations are thread-safe.
 */
public interface HistorySource {

    /** The series of {@code metric}/{@code scope} of {@code cluster} over the last {@code range}, bounded in size. */
    HistorySeries series(String cluster, String metric, String scope, Range range);

    /** The newest value not older than {@code maxAge}, or empty (never sampled, or sampling stopped). */
    OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge);

    /** No history at all: empty series, no latest values. For wiring without a store. */
    static HistorySource none() {
        return new HistorySource() {
            @Override
            public HistorySeries series(String cluster, String metric, String scope, Range range) {
                long now = System.currentTimeMillis();
                return new HistorySeries(cluster, metric, scope, range, now - range.millis(), now, List.of());
            }

            @Override
            public OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge) {
                return OptionalDouble.empty();
            }
        };
    }
}
