package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code GET /api/v1/routes/{name}/history?metric=M&scope=S&from=MS&to=MS}: a route's metric history, oldest
 * first, as a JSON array of {@code {"timestampMs", "value"}}. {@code metric} is required; {@code scope} is
 * {@code *} (the route, the default) or {@code topic/partition}; {@code from} and {@code to} are epoch
 * milliseconds, by default the last hour. Unknown metrics and malformed values are a 400 rather than an empty
 * answer, so that a typo is not mistaken for a quiet route.
 */
final class HistoryHandler {

    /** The metrics the engine samples (RouteMetrics' names). */
    static final Set<String> METRICS = Set.of("records-per-second", "bytes-per-second", "lag", "latency-p50-ms",
            "latency-p99-ms");
    static final long DEFAULT_WINDOW_MS = 60 * 60_000L;
    private static final Pattern PARTITION_SCOPE = Pattern.compile("[a-zA-Z0-9._-]{1,249}/[0-9]{1,9}");

    private final ReplicationEngine engine;

    HistoryHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, RoutesHandler.BASE + "/{name}/history", this::history);
    }

    private ApiResponse history(ApiRequest request) {
        String route = request.param("name");
        String metric = request.queryParam("metric");
        if (metric == null || metric.isBlank()) {
            throw ApiError.badRequest("missing query parameter: metric (one of " + List.copyOf(new java.util.TreeSet<>(METRICS)) + ")");
        }
        if (!METRICS.contains(metric)) {
            throw ApiError.badRequest("unknown metric " + Names.shown(metric) + ": use one of " + new java.util.TreeSet<>(METRICS));
        }
        String scope = request.queryParam("scope");
        scope = scope == null || scope.isBlank() ? "*" : scope;
        if (!scope.equals("*") && !PARTITION_SCOPE.matcher(scope).matches()) {
            throw ApiError.badRequest("invalid scope " + Names.shown(scope) + ": use * or topic/partition");
        }
        long to = millis(request, "to", System.currentTimeMillis());
        long from = millis(request, "from", to - DEFAULT_WINDOW_MS);
        if (from > to) {
            throw ApiError.badRequest("from (" + from + ") is after to (" + to + ")");
        }
        RoutesHandler.find(engine, route); // 404 for an unknown route rather than an empty series
        return ApiResponse.ok(engine.history(route, metric, scope, from, to).stream()
                .map(s -> new Point(s.timestampMs(), s.value())).toList());
    }

    private static long millis(ApiRequest request, String name, long fallback) {
        String text = request.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("invalid " + name + " " + Names.shown(text) + ": use epoch milliseconds");
    }

    /** One point of the series; a NaN value is written as null. */
    record Point(long timestampMs, double value) {
    }
}
