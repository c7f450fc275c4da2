package io.mirador.ui.service.mirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.rest.RestServer;
import io.mirador.replicator.rest.RestServerConfig;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real replicator (engine, H2 file, REST server on an ephemeral loopback port with a token, as
 * {@code mirador replicator} runs it) driven through {@link RemoteMirroring}, against two real clusters shared
 * by the class.
 */
@Tag("integration")
class RemoteMirroringTest {

    private static final String TOKEN = "t0ken-" + System.nanoTime();
    @TempDir
    static Path temp;
    private static TwoClusters clusters;
    private static ReplicationStore store;
    private static ReplicationEngine engine;
    private static RestServer server;

    @BeforeAll
    static void start() {
        clusters = new TwoClusters().start();
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = new ReplicationEngine(store, MirroringScenario.FAST);
        engine.start();
        server = new RestServer(RestServerConfig.defaults(engine).withPort(0).withToken(TOKEN)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
        if (clusters != null) {
            clusters.close();
        }
    }

    private static RemoteMirroring remote() {
        return new RemoteMirroring(server.uri().toString(), TOKEN);
    }

    @Test
    void copyPauseResumeAndCompare() {
        try (RemoteMirroring remote = remote()) {
            assertThat(remote.local()).isFalse();
            assertThat(remote.describe()).isEqualTo(server.uri().toString());

            MirroringScenario.copyPauseResumeCompare(remote, clusters, "remote-route", "remote-orders");
        }
        assertThat(store.cluster("src").orElseThrow().properties()).containsEntry(ClusterConnection.SANDBOX, "true");
    }

    @Test
    void groupsFailoverAndFailbackOverRest() {
        try (RemoteMirroring remote = remote()) {
            MirroringScenario.groupsFailoverAndFailback(remote, clusters, "remote-dr", "remote-dr-orders");
        }
    }

    @Test
    void failuresCarryTheApiMessage() {
        try (RemoteMirroring remote = remote()) {
            MirroringScenario.failuresAreOneLineMessages(remote, clusters);
        }
    }

    @Test
    void aClusterIsReplacedOnlyWhenItChanges() {
        RemoteMirroring remote = remote();
        clusters.createTopic(clusters.source, "remote-put", 1);
        MirroringScenario.registerClusters(remote, clusters);
        remote.createRoute(RouteDefinition.of("remote-put-route", "src", "dst", "remote-put"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(remote.status("remote-put-route").state()));

        remote.putCluster(MirroringClusters.sandbox("src", clusters.source.bootstrapServers()));
        assertThat(stops("remote-put-route")).as("an unchanged cluster restarts nothing").isZero();

        ClusterConnection changed = MirroringClusters.sandbox("src", clusters.source.bootstrapServers())
                .withSetting(ClusterConnection.READ_ONLY, "true");
        remote.putCluster(changed);
        assertThat(stops("remote-put-route")).as("a changed cluster restarts its routes").isEqualTo(1);
        assertThat(store.cluster("src")).contains(changed);
        remote.putCluster(MirroringClusters.sandbox("src", clusters.source.bootstrapServers()));
        remote.deleteRoute("remote-put-route");
    }

    @Test
    void secretsReachTheReplicatorAndAnIdleRouteHasNaNLatencies() {
        RemoteMirroring remote = remote();
        MirroringScenario.registerClusters(remote, clusters);
        ClusterConnection secure = new ClusterConnection("secure", clusters.source.bootstrapServers(),
                Map.of("ssl.keystore.password", "ks-secret-1"));
        remote.putCluster(secure);
        remote.putCluster(secure); // cannot be compared (masked), so replaced: still the same secret
        assertThat(store.cluster("secure").orElseThrow().properties()).containsEntry("ssl.keystore.password", "ks-secret-1");
        assertThat(remote.clusterNames()).contains("secure", "src", "dst");

        remote.createRoute(RouteDefinition.of("idle-route", "src", "dst", "no-topic-matches-this"));
        RouteStatus status = remote.status("idle-route");
        assertThat(status.latencyP99Ms()).isNaN();
        assertThat(status.partitions()).isEmpty();
        RouteDefinition updated = remote.updateRoute(RouteDefinition.of("idle-route", "src", "dst", "still-nothing"));
        assertThat(updated.include()).isEqualTo("still-nothing");
        assertThat(remote.routes()).filteredOn(r -> r.name().equals("idle-route"))
                .extracting(RouteDefinition::include).containsExactly("still-nothing");
        remote.deleteRoute("idle-route");
        assertThat(remote.events("idle-route", 10)).extracting(ReplicationEvent::route).containsOnly("idle-route");
    }

    @Test
    void aWrongTokenIsRefused() {
        RemoteMirroring wrong = new RemoteMirroring(server.uri().toString(), "not-the-token");
        assertThatThrownBy(wrong::routes).isInstanceOf(MirroringException.class)
                .hasMessage("the replicator refused the token");
        assertThatThrownBy(() -> new RemoteMirroring(server.uri().toString(), null).routes())
                .isInstanceOf(MirroringException.class).hasMessage("the replicator requires a token");
        assertThat(remote().toString()).doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableReplicatorIsNamed() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> new RemoteMirroring(url + "/", TOKEN).statuses()).isInstanceOf(MirroringException.class)
                .hasMessage("cannot reach the replicator at " + url + ": connection refused");
        assertThatThrownBy(() -> new RemoteMirroring("ftp://example.org", null)).isInstanceOf(MirroringException.class)
                .hasMessageContaining("http://host:port");
    }

    private static long stops(String route) {
        return store.events(route, 1_000).stream().filter(e -> ReplicationEvent.ROUTE_STOPPED.equals(e.kind())).count();
    }
}
