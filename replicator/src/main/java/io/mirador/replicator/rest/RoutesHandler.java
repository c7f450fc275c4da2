package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.mirador.replicator.engine.NotFoundException;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /api/v1/routes[/{name}]}: list, create (201; the route starts at once and contacts its clusters in the
 * background), read, replace (PUT; the route restarts from its checkpoints), delete (204), and
 * {@code POST .../pause} and {@code .../resume} (200 with the route's status; idempotent). The body is
 * RouteDefinition's JSON. A PUT that leaves {@code paused} out keeps the route's current pause state.
 */
final class RoutesHandler {

    static final String BASE = "/api/v1/routes";
    private final ReplicationEngine engine;

    RoutesHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, BASE, request -> ApiResponse.ok(engine.routes()));
        router.add(POST, BASE, this::create);
        router.add(GET, BASE + "/{name}", request -> ApiResponse.ok(find(engine, request.param("name"))));
        router.add(PUT, BASE + "/{name}", this::replace);
        router.add(DELETE, BASE + "/{name}", this::delete);
        router.add(POST, BASE + "/{name}/pause", request -> pause(request, true));
        router.add(POST, BASE + "/{name}/resume", request -> pause(request, false));
    }

    private ApiResponse create(ApiRequest request) {
        RouteDefinition route = Json.read(request, RouteDefinition.class);
        Names.resource("route", route.name());
        requireClusters(route);
        RouteDefinition created = engine.createRoute(route);
        return ApiResponse.created(BASE + "/" + Names.segment(created.name()), created);
    }

    private ApiResponse replace(ApiRequest request) {
        String name = request.param("name");
        RouteDefinition body = Json.read(request, RouteDefinition.class);
        Names.requireSame("route", name, body.name());
        RouteDefinition current = find(engine, name);
        // Every field of the body (a PUT used to drop the ones added after the first version), under the path's name.
        RouteDefinition route = new RouteDefinition(name, body.source(), body.target(), body.topics(), body.include(),
                body.exclude(), body.naming(), body.namingMap(), body.sourceAlias(), body.workers(),
                body.maxBytesPerSecond(), body.maxRecordsPerSecond(), body.provenanceHeader(),
                body.paused() != null ? body.paused() : current.paused(), body.onDataLoss(), body.exactlyOnce(),
                body.syncGroupOffsets(), body.groupsInclude(), body.groupsExclude());
        requireClusters(route);
        return ApiResponse.ok(engine.updateRoute(route));
    }

    /** An unknown cluster in the body makes the route invalid (400); 404 is kept for the addressed resource. */
    private void requireClusters(RouteDefinition route) {
        for (String cluster : new String[] {route.source(), route.target()}) {
            if (cluster != null && engine.cluster(cluster).isEmpty()) {
                throw new ApiError(HttpResponseStatus.BAD_REQUEST, "invalid_request",
                        "route " + Names.shown(route.name()) + " names an unknown cluster: " + Names.shown(cluster));
            }
        }
    }

    private ApiResponse delete(ApiRequest request) {
        engine.deleteRoute(request.param("name"));
        return ApiResponse.noContent();
    }

    private ApiResponse pause(ApiRequest request, boolean pause) {
        String name = request.param("name");
        engine.pause(name, pause);
        return ApiResponse.ok(engine.status(name));
    }

    static RouteDefinition find(ReplicationEngine engine, String name) {
        return engine.route(name).orElseThrow(() -> new NotFoundException("no route named " + Names.shown(name)));
    }
}
