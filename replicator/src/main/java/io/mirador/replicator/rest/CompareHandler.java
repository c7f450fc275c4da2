package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code GET /api/v1/routes/{name}/compare?topic=T}: one source topic of the route beside its target topic,
 * partition by partition (the engine's TopicComparison: start and end offsets on both sides and the checkpoint,
 * -1 when none). {@code topic} is required (400); an unknown route, or a topic the route does not copy, is a 404.
 * Slower than the other reads: the engine asks both clusters, so an unreachable one is a 502.
 */
final class CompareHandler {

    private final ReplicationEngine engine;

    CompareHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(GET, RoutesHandler.BASE + "/{name}/compare", this::compare);
    }

    private ApiResponse compare(ApiRequest request) {
        String topic = request.queryParam("topic");
        if (topic == null || topic.isBlank()) {
            throw ApiError.badRequest("missing query parameter: topic (a source topic of the route)");
        }
        return ApiResponse.ok(engine.compare(request.param("name"), Names.topic(topic.strip())));
    }
}
