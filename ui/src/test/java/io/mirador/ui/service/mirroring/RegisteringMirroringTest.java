package io.mirador.ui.service.mirroring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import org.junit.jupiter.api.Test;

class RegisteringMirroringTest {

    private final List<ClusterConnection> sent = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> bootstrap = new HashMap<>(Map.of("local-a", "127.0.0.1:1000",
            "local-b", "127.0.0.1:2000", "prod", "prod-1:9092"));
    private final RegisteringMirroring service = new RegisteringMirroring(new RecordingEngine(),
            new RegisteringMirroring.ClusterResolver() {
                @Override
                public ClusterConnection connection(String name) {
                    return new ClusterConnection(name, bootstrap.get(name));
                }

                @Override
                public boolean sandbox(String name) {
                    return name.startsWith("local-");
                }
            });

    @Test
    void registersBothClustersBeforeTheRouteAndFlagsSandboxOnes() {
        service.createRoute(RouteDefinition.of("r", "local-a", "prod", "demo\\..*"));

        assertThat(calls).containsExactly("putCluster local-a", "putCluster prod", "createRoute r");
        assertThat(sent.get(0).properties()).containsEntry(ClusterConnection.SANDBOX, "true");
        assertThat(sent.get(1).properties()).doesNotContainKey(ClusterConnection.SANDBOX);
    }

    @Test
    void sendsAClusterAgainOnlyWhenItChanged() {
        service.createRoute(RouteDefinition.of("r", "local-a", "local-b", "x"));
        service.updateRoute(RouteDefinition.of("r", "local-a", "local-b", "y"));
        assertThat(sent).hasSize(2);

        service.refreshCluster("local-a");
        assertThat(sent).hasSize(2);
        bootstrap.put("local-a", "127.0.0.1:3000");
        service.refreshCluster("local-a");
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).bootstrapServers()).isEqualTo("127.0.0.1:3000");

        service.refreshCluster("prod");
        assertThat(sent).as("a cluster the engine does not know is left alone").hasSize(3);
    }

    private final class RecordingEngine implements MirroringService {
        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public boolean local() {
            return true;
        }

        @Override
        public void putCluster(ClusterConnection cluster) {
            calls.add("putCluster " + cluster.name());
            sent.add(cluster);
        }

        @Override
        public List<String> clusterNames() {
            return sent.stream().map(ClusterConnection::name).distinct().toList();
        }

        @Override
        public List<RouteDefinition> routes() {
            return List.of();
        }

        @Override
        public RouteDefinition createRoute(RouteDefinition route) {
            calls.add("createRoute " + route.name());
            return route;
        }

        @Override
        public RouteDefinition updateRoute(RouteDefinition route) {
            calls.add("updateRoute " + route.name());
            return route;
        }

        @Override
        public void deleteRoute(String name) {
        }

        @Override
        public void pause(String name, boolean paused) {
        }

        @Override
        public List<RouteStatus> statuses() {
            return List.of();
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
