package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import java.util.List;

import io.mirador.replicator.engine.ReplicationEngine;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Health: {@code GET /api/v1/health} answers {@code {"status":"UP","routes":n,"clusters":m,"failed":[]}} with 200,
 * or {@code "status":"DOWN"} with 503 and each failed route with its reason while a route has stopped on an error
 * it cannot work around (a state store that cannot be written, one cluster on both sides). uReplicator's plain
 * {@code GET /health} answers {@code OK} or, likewise, 503. Reads the store and the routes' in-memory state only,
 * so it stays cheap for probes.
 */
final class HealthHandler {

    private final ReplicationEngine engine;

    HealthHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/api/v1/health", this::health);
        router.add(GET, "/health", request -> failedRoutes().isEmpty()
                ? ApiResponse.text(HttpResponseStatus.OK, ApiResponse.TEXT, "OK")
                : ApiResponse.text(HttpResponseStatus.SERVICE_UNAVAILABLE, ApiResponse.TEXT, "FAILED"));
    }

    private ApiResponse health(ApiRequest request) {
        List<FailedRoute> failed = failedRoutes();
        Health health = new Health(failed.isEmpty() ? "UP" : "DOWN", engine.routes().size(), engine.clusters().size(),
                failed);
        return failed.isEmpty() ? ApiResponse.ok(health) : ApiResponse.json(HttpResponseStatus.SERVICE_UNAVAILABLE, health);
    }

    private List<FailedRoute> failedRoutes() {
        return engine.statuses().stream().filter(s -> "FAILED".equals(s.state()))
                .map(s -> new FailedRoute(s.route(), s.error())).toList();
    }

    record Health(String status, int routes, int clusters, List<FailedRoute> failed) {
    }

    record FailedRoute(String route, String error) {
    }
}
