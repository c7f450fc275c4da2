package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.mirador.replicator.engine.ReplicationEngine;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /metrics}: every route's metrics in Prometheus' text format, as the engine renders them. */
final class MetricsHandler {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ReplicationEngine engine;

    MetricsHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/metrics", request -> ApiResponse.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, engine.prometheus()));
    }
}
