package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.produceNumbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.SharedClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * uReplicator's way of working over the Java API, against two real clusters: a route starts with no topics and
 * idles, scripts whitelist topics one by one and remove them again; and a closed engine still reports the totals
 * of the run it ended.
 */
@Tag("integration")
class IdleRouteTest {

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
    void startEngine() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = clusters.engine(store, ReplicationEngineTest.FAST);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
        store.close();
    }

    @Test
    void aRouteWithNoTopicsRunsIdleUntilATopicIsWhitelisted() {
        createTopic(src, "idle.a", 2, Map.of());
        produceNumbered(src, "idle.a", 2, 0, 40);
        engine.createRoute(new RouteDefinition("idle", "src", "dst", List.of(), null, null, null, null, null,
                null, null, null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(engine.status("idle").state()));
        assertThat(engine.status("idle").partitions()).isEmpty();
        assertThat(count(dst, "idle.a")).as("nothing copied while the route is empty").isZero();

        engine.addTopics("idle", List.of("idle.a"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "idle.a") >= 40);
        assertThat(engine.status("idle").partitions()).hasSize(2);

        // Removing the last topic leaves the route valid and empty, with no stand-in pattern.
        engine.removeTopic("idle", "idle.a");
        RouteDefinition emptied = engine.route("idle").orElseThrow();
        assertThat(emptied.topics()).isEmpty();
        assertThat(emptied.include()).isNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RouteStatus status = engine.status("idle");
            assertThat(status.state()).isEqualTo("RUNNING");
            assertThat(status.partitions()).isEmpty();
        });
    }

    @Test
    void aClosedEngineReportsTheTotalsOfTheRunItEnded() {
        createTopic(src, "totals", 3, Map.of());
        produceNumbered(src, "totals", 3, 0, 300);
        engine.createRoute(RouteDefinition.of("totals", "src", "dst", "totals"));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.status("totals").copiedRecords() >= 300);

        engine.close();
        RouteStatus last = engine.status("totals");
        assertThat(last.state()).isEqualTo("STOPPED");
        assertThat(last.copiedRecords()).isEqualTo(300);
        assertThat(last.partitions()).hasSize(3);
    }
}
