package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.mirador.replicator.engine.ReplicationEngine;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Liveness: {@code GET /api/v1/health} ({@code {"status":"UP","routes":n,"clusters":m}}) and uReplicator's
 * plain {@code GET /health} ({@code OK}). Only reads the store, so it stays cheap for probes.
 */
final class HealthHandler {

    private final ReplicationEngine engine;

    HealthHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/api/v1/health", this::health);
        router.add(GET, "/health", request -> ApiResponse.text(HttpResponseStatus.OK, ApiResponse.TEXT, "OK"));
    }

    private ApiResponse health(ApiRequest request) {
        return ApiResponse.ok(new Health("UP", engine.routes().size(), engine.clusters().size()));
    }

    record Health(String status, int routes, int clusters) {
    }
}
