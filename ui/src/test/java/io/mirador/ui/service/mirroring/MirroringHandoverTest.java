package io.mirador.ui.service.mirroring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handing routes to a headless replicator: sandbox routes paused, the engine closed first, the child started. */
class MirroringHandoverTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void pausesSandboxRoutesClosesTheEngineThenStartsTheReplicatorOnTheSameState(@TempDir Path dir) throws Exception {
        Engine engine = new Engine(List.of(
                RouteDefinition.of("sandbox-route", "local-a", "prod", "x"),
                RouteDefinition.of("prod-route", "prod", "dr", "y"),
                RouteDefinition.of("already-paused", "local-a", "local-b", "z").withPaused(true)));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FakeReplicatorMain.class.getName(), "replicator");
        Path log = dir.resolve("replicator.log");

        MirroringHandover.Result result = MirroringHandover.handOver(engine, Set.of("local-a", "local-b"),
                () -> calls.add("close engine and store"), command, dir.resolve("state").toString(), log);

        try {
            assertThat(calls).containsExactly("pause sandbox-route", "close engine and store");
            assertThat(result.pausedRoutes()).containsExactly("sandbox-route");
            assertThat(result.url()).isEqualTo("http://127.0.0.1:18088");
            assertThat(Files.readString(log)).contains("args replicator --state " + dir.resolve("state") + " --port 0");
        } finally {
            // The child outlives its starter by design; this test is its only user, so it ends it.
            ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("FakeReplicatorMain"))
                            .orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void countsOnlyRoutesThatCopy() {
        Engine engine = new Engine(List.of());
        engine.states = List.of(status("a", "RUNNING"), status("b", "PAUSED"), status("c", "FAILED"),
                status("d", "STARTING"));
        assertThat(MirroringHandover.runningRoutes(engine)).containsExactly("a", "d");
    }

    private static RouteStatus status(String route, String state) {
        return new RouteStatus(route, state, null, 0, 0, 0, Double.NaN, Double.NaN, 0, List.of());
    }

    private final class Engine implements MirroringService {
        private final List<RouteDefinition> routes;
        List<RouteStatus> states = List.of();

        Engine(List<RouteDefinition> routes) {
            this.routes = routes;
        }

        @Override
        public String describe() {
            return "test";
        }

        @Override
        public boolean local() {
            return true;
        }

        @Override
        public void putCluster(ClusterConnection cluster) {
        }

        @Override
        public List<String> clusterNames() {
            return List.of();
        }

        @Override
        public List<RouteDefinition> routes() {
            return routes;
        }

        @Override
        public RouteDefinition createRoute(RouteDefinition route) {
            return route;
        }

        @Override
        public RouteDefinition updateRoute(RouteDefinition route) {
            return route;
        }

        @Override
        public void deleteRoute(String name) {
        }

        @Override
        public void pause(String name, boolean paused) {
            calls.add((paused ? "pause " : "resume ") + name);
        }

        @Override
        public List<RouteStatus> statuses() {
            return states;
        }

        @Override
        public RouteStatus status(String name) {
            return null;
        }

        @Override
        public List<ReplicationEvent> events(String route, int limit) {
            return List.of();
        }

        @Override
        public List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
            return List.of();
        }

        @Override
        public TopicComparison compare(String route, String sourceTopic) {
            return null;
        }

        @Override
        public RouteGroups groups(String route) {
            return new RouteGroups(route, 0, List.of());
        }

        @Override
        public io.mirador.replicator.engine.FailoverReport failover(String route, java.time.Duration drain,
                                                                    boolean preview) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RouteDefinition failback(String route) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
