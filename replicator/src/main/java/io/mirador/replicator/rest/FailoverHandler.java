package io.mirador.replicator.rest;

import static io.netty.handler.codec.http.HttpMethod.POST;

import java.time.Duration;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * {@code POST /api/v1/routes/{name}/failover}: drains, pauses the route, syncs its consumer groups a last time and
 * answers the report (what the target lacks per partition, in records and seconds; where each group resumes on
 * the target; the paused reverse route prepared for failback). {@code ?preview=true} only reports what a failover
 * now would leave behind; {@code ?drainSeconds=N} bounds the drain (default 30, at most 600).
 * {@code POST /api/v1/routes/{name}/failback}: resumes that reverse route (409 before a failover) and answers it.
 * Blocking is fine here: handlers run on their own executor group, not on Netty's event loop.
 */
final class FailoverHandler {

    static final int DEFAULT_DRAIN_SECONDS = 30;
    private static final int MAX_DRAIN_SECONDS = 600;

    private final ReplicationEngine engine;

    FailoverHandler(ReplicationEngine engine) {
        this.engine = engine;
    }

    void register(Router router) {
        router.add(POST, RoutesHandler.BASE + "/{name}/failover", request -> {
            String name = request.param("name");
            RoutesHandler.find(engine, name);
            boolean preview = flag(request.queryParam("preview"));
            int drain = drainSeconds(request.queryParam("drainSeconds"));
            return ApiResponse.ok(engine.failover(name, Duration.ofSeconds(drain), preview));
        });
        router.add(POST, RoutesHandler.BASE + "/{name}/failback", request -> {
            String name = request.param("name");
            RoutesHandler.find(engine, name);
            return ApiResponse.ok(engine.failback(name));
        });
    }

    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiError.badRequest("preview must be true or false, not " + Names.shown(value));
    }

    private static int drainSeconds(String value) {
        if (value == null) {
            return DEFAULT_DRAIN_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= MAX_DRAIN_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw ApiError.badRequest("drainSeconds must be a whole number of seconds from 0 to " + MAX_DRAIN_SECONDS
                + ", not " + Names.shown(value));
    }
}
