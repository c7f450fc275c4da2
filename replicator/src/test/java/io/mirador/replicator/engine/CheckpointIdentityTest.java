package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.produceNumbered;
import static io.mirador.replicator.testing.KafkaTestClient.range;
import static io.mirador.replicator.testing.KafkaTestClient.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint belongs to one topic of one cluster: a state reused with another cluster, a topic recreated
 * under the same name (while the route runs or while it is stopped) and a checkpoint without identity are new
 * topics, copied from their start with an event; one cluster under two names is never copied onto itself.
 * Three real clusters shared by the class; each test has its own topics and state file.
 */
@Tag("integration")
class CheckpointIdentityTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);
    private static String src;
    private static String dst;
    private static String other;

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("src", "dst", "other");

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;

    @BeforeAll
    static void addresses() {
        src = clusters.bootstrap("src");
        dst = clusters.bootstrap("dst");
        other = clusters.bootstrap("other");
    }

    @BeforeEach
    void openStore() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = clusters.engine(store, FAST);
    }

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    @Test
    void aStateReusedWithAnotherSourceClusterCopiesItsTopicFromTheStart() {
        createTopic(src, "reused", 2, Map.of());
        produceNumbered(src, "reused", 2, 0, 100);
        engine.createRoute(RouteDefinition.of("reuse", "src", "dst", "reused"));
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpointsReach("reuse", 50));
        engine.close();

        // The same name and the same state, another cluster: a longer topic of the same name, as in the report.
        createTopic(other, "reused", 2, Map.of());
        produceNumbered(other, "reused", 2, 1_000, 1_300);
        store.putCluster(new ClusterConnection("src", other));
        engine = new ReplicationEngine(store, FAST);
        engine.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> count(dst, "reused") >= 400);
        assertThat(sequences(dst, "reused")).as("every record of the other cluster, from its first")
                .containsAll(range(1_000, 1_300));
        assertThat(engine.events("reuse", 100)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(ReplicationEvent.CHECKPOINT_IGNORED);
            assertThat(e.message()).contains("reused", "source cluster " + clusters.clusterId("src"));
        });
    }

    @Test
    void aSourceTopicRecreatedWhileTheRouteRunsIsCopiedAfresh() throws Exception {
        createTopic(src, "phoenix", 1, Map.of());
        produceNumbered(src, "phoenix", 1, 0, 50);
        engine.createRoute(RouteDefinition.of("phoenix", "src", "dst", "phoenix"));
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpointsReach("phoenix", 50));

        recreate(src, "phoenix", 1);
        produceNumbered(src, "phoenix", 1, 500, 520); // offsets 0..19 of the new topic, below the old checkpoint

        await().atMost(Duration.ofSeconds(60)).until(() -> sequences(dst, "phoenix").containsAll(range(500, 520)));
        assertThat(engine.events("phoenix", 100)).extracting(ReplicationEvent::kind)
                .contains(ReplicationEvent.TOPIC_RECREATED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(engine.status("phoenix").partitions()).singleElement()
                        .satisfies(p -> assertThat(p.checkpoint()).isEqualTo(20)));
    }

    @Test
    void aSourceTopicRecreatedWhileStoppedAndACheckpointWithoutIdentityAreNotApplied() throws Exception {
        createTopic(src, "lazarus", 1, Map.of());
        produceNumbered(src, "lazarus", 1, 0, 30);
        engine.createRoute(RouteDefinition.of("lazarus", "src", "dst", "lazarus"));
        await().atMost(Duration.ofSeconds(60)).until(() -> checkpointsReach("lazarus", 30));
        engine.close();

        recreate(src, "lazarus", 1);
        produceNumbered(src, "lazarus", 1, 700, 760);
        // And a second topic whose only checkpoint predates identities (schema version 1): 40 of its 60 records.
        createTopic(src, "lazarus.legacy", 1, Map.of());
        produceNumbered(src, "lazarus.legacy", 1, 800, 860);
        store.putRoute(RouteDefinition.of("lazarus", "src", "dst", "lazarus.*"));
        store.saveCheckpoints(List.of(new Checkpoint("lazarus", "lazarus.legacy", 0, 40, 0, 39, 1L)));
        engine = new ReplicationEngine(store, FAST);
        engine.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> sequences(dst, "lazarus").containsAll(range(700, 760))
                && sequences(dst, "lazarus.legacy").containsAll(range(800, 860)));
        assertThat(engine.events("lazarus", 100)).filteredOn(e -> e.kind().equals(ReplicationEvent.CHECKPOINT_IGNORED))
                .extracting(ReplicationEvent::message)
                .anySatisfy(m -> assertThat(m).contains("lazarus ", "source topic was deleted and recreated"))
                .anySatisfy(m -> assertThat(m).contains("lazarus.legacy", "older Mirador"));
        // New checkpoints carry the identity of what they were taken for.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Checkpoint cp = store.checkpoints("lazarus").get(new TopicPartition("lazarus", 0));
            assertThat(cp.sourceOffset()).isEqualTo(60);
            assertThat(cp.identity().isComplete()).isTrue();
            assertThat(cp.identity().sourceClusterId()).isEqualTo(clusters.clusterId("src"));
            assertThat(cp.identity().targetClusterId()).isEqualTo(clusters.clusterId("dst"));
        });
    }

    @Test
    void oneClusterUnderTwoNamesIsNeverCopiedOntoItself() {
        createTopic(src, "mirror.self", 1, Map.of());
        produceNumbered(src, "mirror.self", 1, 0, 10);
        engine.createCluster(new ClusterConnection("src-again", "localhost:" + src.substring(src.lastIndexOf(':') + 1)));
        assertThatThrownBy(() -> engine.createRoute(RouteDefinition.of("self", "src", "src-again", "mirror\\..*")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("same Kafka cluster", "onto itself");
        assertThat(engine.route("self")).isEmpty();

        // A route stored while the names pointed at different clusters, then one repointed: refused at start.
        store.putRoute(RouteDefinition.of("self", "src", "src-again", "mirror\\..*"));
        engine.close();
        engine = new ReplicationEngine(store, FAST);
        engine.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RouteStatus status = engine.status("self");
            assertThat(status.state()).isEqualTo("FAILED");
            assertThat(status.error()).contains("same Kafka cluster");
        });
        assertThat(count(src, "mirror.self")).as("nothing copied onto the source").isEqualTo(10);
        assertThat(engine.events("self", 20)).extracting(ReplicationEvent::kind).contains(ReplicationEvent.ROUTE_FAILED);
    }

    private boolean checkpointsReach(String route, long perPartition) {
        Map<TopicPartition, Checkpoint> cps = store.checkpoints(route);
        return !cps.isEmpty() && cps.values().stream().allMatch(cp -> cp.sourceOffset() >= perPartition);
    }

    private static void recreate(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> createTopic(bootstrap, topic, partitions, Map.of()));
    }
}
