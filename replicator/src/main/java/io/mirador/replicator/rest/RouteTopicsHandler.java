package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A route's topic whitelist: {@code GET|POST /api/v1/routes/{name}/topics} and
 * {@code DELETE /api/v1/routes/{name}/topics/{topic}}. POST takes {@code {"topics":["a","b"]}} or
 * {@code {"topic":"a"}} and answers 201 when a topic was added, 200 when all were already listed (adding is
 * idempotent); both answer the whole whitelist. Removing an unlisted topic is a 404.
 */
final class RouteTopicsHandler {

    private final ReplicationEngine engine;

    RouteTopicsHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        String base = RoutesHandler.BASE + "/{name}/topics";
        router.add(GET, base, request -> ApiResponse.ok(whitelist(RoutesHandler.find(engine, request.param("name")))));
        router.add(POST, base, request -> add(engine, request.param("name"), topics(Json.readObject(request))));
        router.add(DELETE, base + "/{topic}", request -> {
            engine.removeTopic(request.param("name"), request.param("topic"));
            return ApiResponse.noContent();
        });
    }

    /** Adds topics to a route's whitelist; shared with the uReplicator endpoints. */
    static ApiResponse add(ReplicationEngine engine, String route, List<String> topics) {
        RouteDefinition before = RoutesHandler.find(engine, route);
        boolean anyNew = !before.topics().containsAll(topics);
        RouteDefinition after = anyNew ? engine.addTopics(route, topics) : before;
        Whitelist body = whitelist(after);
        return anyNew ? ApiResponse.created(RoutesHandler.BASE + "/" + Names.segment(route) + "/topics", body)
                : ApiResponse.json(HttpResponseStatus.OK, body);
    }

    /** The topics of {@code {"topics":[...]}} or {@code {"topic":"..."}}, validated, without duplicates. */
    static List<String> topics(JsonNode body) {
        List<String> topics = new ArrayList<>();
        JsonNode list = body.get("topics");
        JsonNode single = body.get("topic");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiError.badRequest("field topics must be an array of topic names");
            }
            list.forEach(t -> topics.add(text(t)));
        }
        if (single != null && !single.isNull()) {
            topics.add(text(single));
        }
        if (topics.isEmpty()) {
            throw ApiError.badRequest("missing field: topic or topics");
        }
        topics.forEach(Names::topic);
        return List.copyOf(new LinkedHashSet<>(topics));
    }

    private static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw ApiError.badRequest("topic names must be JSON strings");
        }
        return node.asText();
    }

    static Whitelist whitelist(RouteDefinition route) {
        return new Whitelist(route.name(), route.topics());
    }

    record Whitelist(String route, List<String> topics) {
    }
}
