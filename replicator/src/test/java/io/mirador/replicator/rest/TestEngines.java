package io.mirador.replicator.rest;

import java.util.Map;
import java.util.UUID;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;

/**
 * A real engine on a fresh in-memory H2 store. For the EmbeddedChannel tests its clusters point at a closed
 * port: routes start and stay STARTING in the background (their planner retrying), which is all the handlers need.
 */
final class TestEngines implements AutoCloseable {

    static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);
    static final String DEAD = "127.0.0.1:1";

    final ReplicationStore store;
    final ReplicationEngine engine;

    TestEngines() {
        store = JdbcReplicationStore.open("jdbc:h2:mem:rest-" + UUID.randomUUID());
        engine = new ReplicationEngine(store, FAST);
        engine.start();
    }

    /**
     * Client settings for the unreachable clusters: admin calls give up after a second, so that a route's planner,
     * which the engine lets finish its current call when closing, never holds a test up for long.
     */
    static final Map<String, String> FAIL_FAST = Map.of("request.timeout.ms", "500", "default.api.timeout.ms", "1000");

    /** Two unreachable clusters, {@code a} and {@code b}. */
    TestEngines withDeadClusters() {
        engine.createCluster(new ClusterConnection("a", DEAD, FAIL_FAST));
        engine.createCluster(new ClusterConnection("b", DEAD, FAIL_FAST));
        return this;
    }

    RouteDefinition route(String name, String... topics) {
        return engine.createRoute(RouteDefinition.of(name, "a", "b", null).withTopics(java.util.List.of(topics)));
    }

    RestServerConfig config() {
        return RestServerConfig.defaults(engine).withPort(0);
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
