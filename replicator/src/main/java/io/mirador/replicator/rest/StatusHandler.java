package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * A route's live status, {@code GET /api/v1/routes/{name}/status} (the engine's RouteStatus: state, totals and
 * one entry per partition; NaN latencies become null), and every route's, {@code GET /api/v1/status}. Cheap:
 * the engine answers from memory.
 */
final class StatusHandler {

    private final ReplicationEngine engine;

    StatusHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/api/v1/status", request -> ApiResponse.ok(engine.statuses()));
        router.add(GET, "/api/v1/routes/{name}/status", request -> ApiResponse.ok(engine.status(request.param("name"))));
    }
}
