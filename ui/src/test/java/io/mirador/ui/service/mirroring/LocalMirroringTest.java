package io.mirador.ui.service.mirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process engine on a real H2 file, against two real clusters shared by the class. */
@Tag("integration")
class LocalMirroringTest {

    private static TwoClusters clusters;

    @TempDir
    Path temp;
    private ReplicationStore store;
    private final AtomicInteger storeRequests = new AtomicInteger();
    private LocalMirroring mirroring;

    @BeforeAll
    static void startClusters() {
        clusters = new TwoClusters().start();
    }

    @AfterAll
    static void stopClusters() {
        if (clusters != null) {
            clusters.close();
        }
    }

    @BeforeEach
    void openStore() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        mirroring = new LocalMirroring(() -> {
            storeRequests.incrementAndGet();
            return store;
        }, MirroringScenario.FAST);
    }

    @AfterEach
    void closeStore() {
        mirroring.close();
        store.close();
    }

    @Test
    void copyPauseResumeAndCompare() {
        assertThat(storeRequests).as("the engine starts on first use, not when built").hasValue(0);
        assertThat(mirroring.local()).isTrue();
        assertThat(mirroring.describe()).isEqualTo("local engine");

        MirroringScenario.copyPauseResumeCompare(mirroring, clusters, "local-route", "local-orders");

        assertThat(storeRequests).hasValue(1);
        // Sandbox clusters are marked in the shared table, so the connection list can leave them out.
        assertThat(store.cluster("src").orElseThrow().properties()).containsEntry(ClusterConnection.SANDBOX, "true");
    }

    @Test
    void groupsFailoverAndFailback() {
        MirroringScenario.groupsFailoverAndFailback(mirroring, clusters, "local-dr", "local-dr-orders");
    }

    @Test
    void failuresAreMirroringExceptions() {
        MirroringScenario.failuresAreOneLineMessages(mirroring, clusters);
    }

    @Test
    void aClusterIsReplacedOnlyWhenItChanges() {
        clusters.createTopic(clusters.source, "local-put", 1);
        MirroringScenario.registerClusters(mirroring, clusters);
        mirroring.createRoute(RouteDefinition.of("put-route", "src", "dst", "local-put"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(mirroring.status("put-route").state()));

        mirroring.putCluster(MirroringClusters.sandbox("src", clusters.source.bootstrapServers()));
        assertThat(stops("put-route")).as("an unchanged cluster restarts nothing").isZero();

        ClusterConnection changed = MirroringClusters.sandbox("src", clusters.source.bootstrapServers())
                .withSetting(ClusterConnection.READ_ONLY, "true");
        mirroring.putCluster(changed);
        assertThat(stops("put-route")).as("a changed cluster restarts its routes").isEqualTo(1);
        assertThat(store.cluster("src")).contains(changed);
    }

    @Test
    void closeWritesCheckpointsIsIdempotentAndAReopenedEngineResumes() {
        clusters.createTopic(clusters.source, "local-resume", 2);
        clusters.produce("local-resume", 2, 0, 100);
        MirroringScenario.registerClusters(mirroring, clusters);
        mirroring.createRoute(RouteDefinition.of("resume-route", "src", "dst", "local-resume"));
        await().atMost(Duration.ofSeconds(60)).until(() -> clusters.records(clusters.target, "local-resume") == 100);

        mirroring.close();
        mirroring.close();
        assertThat(store.checkpoints("resume-route")).hasSize(2).allSatisfy((tp, cp) ->
                assertThat(cp.sourceOffset()).isEqualTo(50));
        assertThatThrownBy(mirroring::routes).isInstanceOf(MirroringException.class).hasMessageContaining("closed");

        clusters.produce("local-resume", 2, 100, 160);
        mirroring = new LocalMirroring(store, MirroringScenario.FAST);
        assertThat(mirroring.routes()).extracting(RouteDefinition::name).contains("resume-route");
        await().atMost(Duration.ofSeconds(60)).until(() -> clusters.records(clusters.target, "local-resume") == 160);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> clusters.records(clusters.target, "local-resume") == 160);
    }

    @Test
    void compareFollowsAModuloMappingOntoASmallerTarget() {
        clusters.createTopic(clusters.source, "local-modulo", 4);
        clusters.createTopic(clusters.target, "local-modulo", 2);
        clusters.produce("local-modulo", 4, 0, 80);
        MirroringScenario.registerClusters(mirroring, clusters);
        mirroring.createRoute(RouteDefinition.of("modulo-route", "src", "dst", "local-modulo"));
        await().atMost(Duration.ofSeconds(60)).until(() -> clusters.records(clusters.target, "local-modulo") == 80);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            TopicComparison comparison = mirroring.compare("modulo-route", "local-modulo");
            assertThat(comparison.partitions()).extracting(TopicComparison.PartitionComparison::targetPartition)
                    .containsExactly(0, 1, 0, 1);
            assertThat(comparison.partitions()).allSatisfy(p -> assertThat(p.checkpoint()).isEqualTo(20));
            assertThat(comparison.sourceRecords()).isEqualTo(80);
            assertThat(comparison.targetRecords()).isEqualTo(80);
        });
        assertThatThrownBy(() -> mirroring.compare("modulo-route", "not-copied")).isInstanceOf(MirroringException.class)
                .hasMessageContaining("not-copied");
    }

    private long stops(String route) {
        return store.events(route, 1_000).stream().filter(e -> ReplicationEvent.ROUTE_STOPPED.equals(e.kind())).count();
    }
}
