package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code GET /api/v1/routes/{name}/groups}: the consumer groups the route's offset sync looks after, each with
 * its source position, its translated target position and the translation's kind per partition, and when it was
 * last written; plus when the last sync round finished. Answered from memory.
 */
final class RouteGroupsHandler {

    private final ReplicationEngine engine;

    RouteGroupsHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, RoutesHandler.BASE + "/{name}/groups", request -> {
            String name = request.param("name");
            RoutesHandler.find(engine, name);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("route", name);
            body.put("lastSyncMs", engine.lastGroupSyncMs(name));
            body.put("groups", engine.groupSync(name));
            return ApiResponse.ok(body);
        });
    }
}
