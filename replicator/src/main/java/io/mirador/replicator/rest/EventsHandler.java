package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code GET /api/v1/events?route=R&limit=N}: the event log, newest first, as a JSON array. {@code route} is
 * optional (all routes); {@code limit} defaults to {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}; out of
 * range or non-numeric limits are a 400 rather than silently clamped.
 */
final class EventsHandler {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;

    private final ReplicationEngine engine;

    EventsHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/api/v1/events", this::events);
    }

    private ApiResponse events(ApiRequest request) {
        String route = request.queryParam("route");
        return ApiResponse.ok(engine.events(route == null || route.isBlank() ? null : route, limit(request)));
    }

    private static int limit(ApiRequest request) {
        String text = request.queryParam("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("invalid limit " + Names.shown(text) + ": use 1 to " + MAX_LIMIT);
    }
}
