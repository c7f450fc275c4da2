package io.mirador.replicator.state;

/**
 * One point of a metric's time series, e.g. route {@code r1}, metric {@code records-per-second}, scope
 * {@code orders/3} (topic/partition) or {@code *} for the whole route.
 */
public record MetricSample(String route, String metric, String scope, long timestampMs, double value) {
}
