package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.produceNumbered;
import static io.mirador.replicator.testing.KafkaTestClient.range;
import static io.mirador.replicator.testing.KafkaTestClient.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mirador.replicator.rest.RestServer;
import io.mirador.replicator.rest.RestServerConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine does on a bad day, against two real clusters shared by the class: records deleted on the
 * source before they were copied (reported with their range, then the route's policy), a partition that cannot
 * make progress (STALLED, its worker rebuilt, moving again once the cause is gone) and a state store that
 * cannot be written (the route fails before it copies anything).
 */
@Tag("integration")
class EngineFaultsTest {

    /** Stalls are detected after 2 s so that the watchdog test stays short. */
    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 2_000, 1.5);
    private static String src;
    private static String dst;

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("src", "dst");

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;

    @BeforeAll
    static void addresses() {
        src = clusters.bootstrap("src");
        dst = clusters.bootstrap("dst");
    }

    @BeforeEach
    void openStore() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = clusters.engine(store, FAST);
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void recordsDeletedBeforeTheyWereCopiedAreReportedWithTheirRangeAndCopyingGoesOn() throws Exception {
        createTopic(src, "lossy", 1, Map.of());
        produceNumbered(src, "lossy", 1, 0, 100);
        engine.createRoute(RouteDefinition.of("lossy", "src", "dst", "lossy"));
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpoint("lossy", "lossy") == 100);

        restartAfter(() -> {
            produceNumbered(src, "lossy", 1, 100, 200);
            deleteRecordsBefore(src, new TopicPartition("lossy", 0), 150);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> sequences(dst, "lossy").containsAll(range(150, 200)));
        assertThat(sequences(dst, "lossy")).as("nothing from the deleted range, everything else")
                .containsAll(range(0, 100)).doesNotContainAnyElementsOf(range(100, 150));
        assertThat(engine.events("lossy", 50)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ReplicationEvent.DATA_LOSS);
            assertThat(e.level()).isEqualTo("ERROR");
            assertThat(e.message()).contains("lossy-0", "offsets 100 to 149 (50 records)", "goes on from offset 150");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RouteStatus status = engine.status("lossy");
            assertThat(status.lostRecords()).isEqualTo(50);
            assertThat(status.partitions()).singleElement().satisfies(p -> {
                assertThat(p.state()).isEqualTo("DATA_LOSS");
                assertThat(p.lostRecords()).isEqualTo(50);
                assertThat(p.checkpoint()).isEqualTo(200);
            });
        });
        assertThat(engine.prometheus()).contains("mirador_route_lost_records_total{route=\"lossy\"} 50");
    }

    @Test
    void theStopPolicyStopsThePartitionAtTheGap() throws Exception {
        createTopic(src, "strict", 1, Map.of());
        produceNumbered(src, "strict", 1, 0, 20);
        engine.createRoute(new RouteDefinition("strict", "src", "dst", List.of("strict"), null, null, null, null, null,
                1, null, null, null, null, "stop"));
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpoint("strict", "strict") == 20);

        restartAfter(() -> {
            produceNumbered(src, "strict", 1, 20, 60);
            deleteRecordsBefore(src, new TopicPartition("strict", 0), 30);
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(engine.status("strict").partitions())
                .singleElement().satisfies(p -> {
                    assertThat(p.state()).isEqualTo("DATA_LOSS");
                    assertThat(p.checkpoint()).as("the checkpoint stays at the gap").isEqualTo(20);
                }));
        assertThat(engine.events("strict", 50)).anySatisfy(e -> assertThat(e.message())
                .contains("offsets 20 to 29 (10 records)", "partition is stopped"));
        assertThat(count(dst, "strict")).as("nothing copied past the gap").isEqualTo(20);
    }

    @Test
    void aPartitionThatMakesNoProgressIsReportedStalledAndMovesAgainOnceTheCauseIsGone() throws Exception {
        createTopic(src, "sticky", 1, Map.of());
        // The target refuses every batch (larger than 10 bytes) until its config changes.
        createTopic(dst, "sticky", 1, Map.of("max.message.bytes", "10"));
        produceNumbered(src, "sticky", 1, 0, 200);
        engine.createRoute(RouteDefinition.of("sticky", "src", "dst", "sticky"));

        AtomicBoolean sawStalled = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            RouteStatus status = engine.status("sticky");
            if (status.partitions().stream().anyMatch(p -> p.state().equals("STALLED"))) {
                sawStalled.set(true);
            }
            assertThat(sawStalled).isTrue();
            assertThat(status.stalls()).isPositive();
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(engine.events("sticky", 50)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ReplicationEvent.PARTITION_STALLED);
            assertThat(e.message()).contains("sticky-0", "made no progress", "rebuilt");
        }));
        assertThat(engine.prometheus()).containsPattern("mirador_route_stalls_total\\{route=\"sticky\"} [1-9]");

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", dst))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "sticky"),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", "1048588"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> sequences(dst, "sticky").containsAll(range(0, 200)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(engine.status("sticky").partitions())
                .singleElement().satisfies(p -> assertThat(p.state()).isEqualTo("CAUGHT_UP")));
    }

    @Test
    void aStateStoreThatCannotBeWrittenFailsTheRouteBeforeAnythingIsCopied() throws Exception {
        createTopic(src, "unsaved", 1, Map.of());
        produceNumbered(src, "unsaved", 1, 0, 10);
        store.putRoute(RouteDefinition.of("unsaved", "src", "dst", "unsaved"));
        engine.close();
        store.close();

        Path file = temp.resolve("state.mv.db");
        store = JdbcReplicationStore.open("jdbc:h2:file:" + file.toString().replace(".mv.db", "") + ";ACCESS_MODE_DATA=r");
        engine = new ReplicationEngine(store, FAST);
        engine.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RouteStatus status = engine.status("unsaved");
            assertThat(status.state()).isEqualTo("FAILED");
            assertThat(status.error()).contains("state store cannot be written", "read only")
                    .doesNotContain("SQL statement");
        });
        assertThat(engine.prometheus()).contains("mirador_route_up{route=\"unsaved\"} 0");
        assertThat(count(dst, "unsaved")).as("nothing copied that could not be checkpointed").isZero();

        // Health says so, over a real HTTP port.
        try (RestServer rest = new RestServer(RestServerConfig.defaults(engine).withPort(0)).start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(rest.uri().resolve("/api/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"", "unsaved", "state store cannot be written");
            HttpResponse<String> plain = http.send(HttpRequest.newBuilder(rest.uri().resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(503);
        }
    }

    /** Stops the engine (a clean stop writes the last checkpoints), runs {@code whileStopped}, starts it again. */
    private void restartAfter(ThrowingRunnable whileStopped) throws Exception {
        engine.close();
        whileStopped.run();
        engine = new ReplicationEngine(store, FAST);
        engine.start();
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private long checkpoint(String route, String topic) {
        return engine.status(route).partitions().stream().filter(p -> p.topic().equals(topic))
                .mapToLong(PartitionStatus::checkpoint).findFirst().orElse(-1);
    }

    private static void deleteRecordsBefore(String bootstrap, TopicPartition tp, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(offset))).all().get();
        }
    }
}
