package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;

/**
 * uReplicator's topic endpoints, so its scripts keep working, on the default route (the route named
 * {@value #DEFAULT_ROUTE}, else the only route; 404 when there is none or several):
 * {@code GET /topics} (JSON array of whitelisted topics), {@code GET /topics/{topic}} (200 with its partitions
 * when whitelisted, else 404), {@code POST|PUT /topics} and {@code POST /topics/{topic}} with
 * {@code {"topic": "...", "numPartitions": N}} (adds to the whitelist: 201, or 200 when already listed;
 * numPartitions is validated, at least 1, and otherwise ignored: the engine mirrors the source's partition
 * count), {@code DELETE /topics/{topic}} (204, 404 when not listed).
 */
final class UReplicatorHandler {

    static final String DEFAULT_ROUTE = "default";
    private final ReplicationEngine engine;

    UReplicatorHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, "/topics", request -> ApiResponse.ok(defaultRoute().topics()));
        router.add(POST, "/topics", request -> add(request, null));
        router.add(PUT, "/topics", request -> add(request, null));
        router.add(GET, "/topics/{topic}", this::topic);
        router.add(POST, "/topics/{topic}", request -> add(request, request.param("topic")));
        router.add(DELETE, "/topics/{topic}", request -> {
            engine.removeTopic(defaultRoute().name(), request.param("topic"));
            return ApiResponse.noContent();
        });
    }

    private ApiResponse topic(ApiRequest request) {
        RouteDefinition route = defaultRoute();
        String topic = request.param("topic");
        if (!route.topics().contains(topic)) {
            throw ApiError.notFound("topic " + Names.shown(topic) + " is not in the whitelist of route "
                    + Names.shown(route.name()));
        }
        List<PartitionStatus> partitions = engine.status(route.name()).partitions().stream()
                .filter(p -> p.topic().equals(topic)).toList();
        return ApiResponse.ok(new TopicInfo(topic, route.name(), partitions.size(), partitions));
    }

    /** {@code pathTopic} is the topic of {@code POST /topics/{topic}}, where the body is optional. */
    private ApiResponse add(ApiRequest request, String pathTopic) {
        RouteDefinition route = defaultRoute();
        String topic = pathTopic;
        if (request.hasBody() || pathTopic == null) {
            JsonNode body = Json.readObject(request);
            checkPartitions(body.get("numPartitions"));
            JsonNode named = body.get("topic");
            if (named != null && !named.isNull()) {
                if (!named.isTextual()) {
                    throw ApiError.badRequest("field topic must be a JSON string");
                }
                if (pathTopic != null && !pathTopic.equals(named.asText())) {
                    throw ApiError.badRequest("the topic in the body (" + Names.shown(named.asText())
                            + ") differs from the path (" + Names.shown(pathTopic) + ")");
                }
                topic = named.asText();
            }
        }
        if (topic == null) {
            throw ApiError.badRequest("missing field: topic");
        }
        return RouteTopicsHandler.add(engine, route.name(), List.of(Names.topic(topic)));
    }

    private static void checkPartitions(JsonNode numPartitions) {
        if (numPartitions != null && !numPartitions.isNull()
                && (!numPartitions.canConvertToInt() || !numPartitions.isIntegralNumber() || numPartitions.asInt() < 1)) {
            throw ApiError.badRequest("numPartitions must be an integer of at least 1");
        }
    }

    private RouteDefinition defaultRoute() {
        List<RouteDefinition> routes = engine.routes();
        return engine.route(DEFAULT_ROUTE).orElseGet(() -> {
            if (routes.size() == 1) {
                return routes.get(0);
            }
            throw ApiError.notFound("no default route: " + (routes.isEmpty() ? "there are no routes"
                    : "name one of the " + routes.size() + " routes '" + DEFAULT_ROUTE + "'")
                    + ", or use /api/v1/routes/{name}/topics");
        });
    }

    record TopicInfo(String topic, String route, int numPartitions, List<PartitionStatus> partitions) {
    }
}
