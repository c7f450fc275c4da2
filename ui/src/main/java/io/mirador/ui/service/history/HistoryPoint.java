package io.mirador.ui.service.history;

/** One point of a chart: when ({@code timestampMs}, epoch milliseconds, UTC) and the value then. */
public record HistoryPoint(long timestampMs, double value) {
}
