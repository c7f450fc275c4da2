/**
 * Mirador's REST API (Netty + Jackson) over the {@link io.mirador.replicator.engine.ReplicationEngine}.
 *
 * <p>Resources: {@code /api/v1/health}, {@code /api/v1/clusters[/{name}]}, {@code /api/v1/routes[/{name}]} with
 * {@code /pause}, {@code /resume}, {@code /topics[/{topic}]} and {@code /status}, {@code /api/v1/status},
 * {@code /api/v1/events}, Prometheus' {@code /metrics}, and uReplicator's own {@code /topics[/{topic}]} and
 * {@code /health} on the default route.
 *
 * <p>Status codes: 200 read or changed, 201 created (with the created resource and a {@code Location}),
 * 204 deleted (no body), 400 malformed JSON or percent-encoding, a value of the wrong JSON type, missing fields,
 * invalid names or an invalid route, 401 missing or wrong bearer token, 403 a foreign {@code Origin} or
 * {@code Host} (see {@link io.mirador.replicator.rest.RequestGuard}), 404 unknown path or name, 405 wrong method
 * on a known path (with {@code Allow}), 409 duplicate name or a cluster still in use, 413 body over the limit,
 * 415 a body not declared {@code application/json}, 500 engine or state store failure, 502 a Kafka client
 * failure (bad client properties, unreachable cluster) while the engine acted. HEAD is answered as GET without
 * the body. Every error body is {@code {"status": 404, "error": "not_found", "message": "..."}}: one line, no
 * Java class names, at most 80 characters of any value it quotes.
 *
 * <p>Threading: Netty's event loop only decodes and encodes; every handler runs on a small separate executor
 * group because engine calls may block on Kafka or the state store. Handlers are stateless and shared.
 */
package io.mirador.replicator.rest;
