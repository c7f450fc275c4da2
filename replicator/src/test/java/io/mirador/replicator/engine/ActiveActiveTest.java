package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.KafkaTestClient;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active-active with identity naming: two clusters copying the same topic both ways, a three-cluster mesh and a
 * chain, each cluster writing its own records; every cluster ends with every record exactly once and stays there.
 * A processor that copies its input's headers into another topic still has its output mirrored.
 */
@Tag("integration")
class ActiveActiveTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);
    private static String a;
    private static String b;
    private static String c;

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("a", "b", "c");

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;

    @BeforeAll
    static void addresses() {
        a = clusters.bootstrap("a");
        b = clusters.bootstrap("b");
        c = clusters.bootstrap("c");
    }

    @BeforeEach
    void open() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = clusters.engine(store, FAST);
    }

    @AfterEach
    void close() {
        engine.close();
        store.close();
    }

    @Test
    void twoClustersCopyingOneTopicBothWaysEndWithEveryRecordOnce() {
        for (String cluster : List.of(a, b)) {
            createTopic(cluster, "orders", 2, Map.of());
        }
        engine.createRoute(RouteDefinition.of("a-to-b", "a", "b", "orders"));
        engine.createRoute(RouteDefinition.of("b-to-a", "b", "a", "orders"));
        produce(a, "orders", "a", 500);
        produce(b, "orders", "b", 400);

        List<String> expected = new ArrayList<>(values("a", 500));
        expected.addAll(values("b", 400));
        for (String cluster : List.of(a, b)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> valuesIn(cluster, "orders").size() >= 900);
        }
        // And they stay there: several discovery, checkpoint and copy rounds later nothing came back.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                valuesIn(a, "orders").size() == 900 && valuesIn(b, "orders").size() == 900);
        assertThat(valuesIn(a, "orders")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(valuesIn(b, "orders")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(engine.status("a-to-b").copiedRecords()).isEqualTo(500);
        assertThat(engine.status("b-to-a").copiedRecords()).isEqualTo(400);
        // Each side's copies of the other's records were seen and skipped, not copied back.
        assertThat(engine.status("b-to-a").partitions().stream().mapToLong(PartitionStatus::loopSkipped).sum()).isEqualTo(500);
        assertThat(engine.status("a-to-b").partitions().stream().mapToLong(PartitionStatus::loopSkipped).sum()).isEqualTo(400);
        assertThat(headerBytes(b, "orders")).isLessThanOrEqualTo(64);
    }

    @Test
    void aThreeClusterMeshCopiesEveryRecordOnceToEveryCluster() {
        for (String cluster : List.of(a, b, c)) {
            createTopic(cluster, "mesh", 2, Map.of());
        }
        String[][] pairs = {{"a", "b"}, {"b", "a"}, {"b", "c"}, {"c", "b"}, {"c", "a"}, {"a", "c"}};
        for (String[] pair : pairs) {
            engine.createRoute(RouteDefinition.of(pair[0] + "-" + pair[1], pair[0], pair[1], "mesh"));
        }
        produce(a, "mesh", "a", 300);
        produce(b, "mesh", "b", 200);
        produce(c, "mesh", "c", 100);

        List<String> expected = new ArrayList<>(values("a", 300));
        expected.addAll(values("b", 200));
        expected.addAll(values("c", 100));
        for (String cluster : List.of(a, b, c)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> valuesIn(cluster, "mesh").size() >= 600);
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                valuesIn(a, "mesh").size() == 600 && valuesIn(b, "mesh").size() == 600 && valuesIn(c, "mesh").size() == 600);
        Map<String, Integer> counts = new HashMap<>();
        for (String[] cluster : new String[][] {{"a", a}, {"b", b}, {"c", c}}) {
            List<String> got = valuesIn(cluster[1], "mesh");
            assertThat(got).as("records on " + cluster[0]).containsExactlyInAnyOrderElementsOf(expected);
            counts.put(cluster[0], got.size());
        }
        System.out.println("[mesh] records per cluster " + counts + ", provenance header bytes (max) "
                + headerBytes(a, "mesh") + " / " + headerBytes(b, "mesh") + " / " + headerBytes(c, "mesh"));
        assertThat(headerBytes(a, "mesh")).isLessThanOrEqualTo(64);
    }

    @Test
    void aChainForwardsRecordsToTheThirdCluster() {
        createTopic(a, "chain", 1, Map.of());
        engine.createRoute(RouteDefinition.of("chain-ab", "a", "b", "chain"));
        engine.createRoute(RouteDefinition.of("chain-bc", "b", "c", "chain"));
        produce(a, "chain", "a", 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> valuesIn(c, "chain").size() >= 200);
        assertThat(valuesIn(c, "chain")).containsExactlyInAnyOrderElementsOf(values("a", 200));
    }

    @Test
    void aProcessorThatCopiesHeadersIntoAnotherTopicStillHasItsOutputMirrored() throws Exception {
        createTopic(a, "clicks", 1, Map.of());
        createTopic(b, "clicks", 1, Map.of());
        createTopic(b, "clicks.enriched", 1, Map.of());
        engine.createRoute(RouteDefinition.of("clicks-ab", "a", "b", "clicks.*"));
        engine.createRoute(RouteDefinition.of("clicks-ba", "b", "a", "clicks.*"));
        produce(a, "clicks", "click", 50);
        await().atMost(Duration.ofSeconds(60)).until(() -> valuesIn(b, "clicks").size() >= 50);

        // The processor on b: reads the mirrored clicks, writes enriched ones with the input's headers.
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClient.producer(b)) {
            for (ConsumerRecord<byte[], byte[]> in : KafkaTestClient.readAll(b, "clicks")) {
                producer.send(new ProducerRecord<>("clicks.enriched", null, in.key(),
                        (KafkaTestClient.string(in.value()) + "+enriched").getBytes(StandardCharsets.UTF_8), in.headers()));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> valuesIn(a, "clicks.enriched").size() >= 50);
        assertThat(valuesIn(a, "clicks.enriched")).hasSize(50).allSatisfy(v -> assertThat(v).endsWith("+enriched"));
        // The clicks themselves did not go back to a.
        assertThat(valuesIn(a, "clicks")).hasSize(50);
    }

    @Test
    void aPairWithoutTheProvenanceHeaderIsRefusedWithItsReason() {
        engine.createRoute(RouteDefinition.of("plain-ab", "a", "b", "plain"));
        RouteDefinition back = new RouteDefinition("plain-ba", "b", "a", List.of(), "plain", null, null, null, null,
                null, null, null, false, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.createRoute(back))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("both need the provenance header");
        assertThat(engine.route("plain-ba")).isEmpty();
    }

    @Test
    void aGroupIsSyncedOnlyFromTheClusterWhereItConsumes() throws Exception {
        for (String cluster : List.of(a, b)) {
            createTopic(cluster, "positions", 1, Map.of());
        }
        engine.createRoute(RouteDefinition.of("pos-ab", "a", "b", "positions"));
        engine.createRoute(RouteDefinition.of("pos-ba", "b", "a", "positions"));
        produce(a, "positions", "a", 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> valuesIn(b, "positions").size() >= 100);
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("positions", 0);
        try (org.apache.kafka.clients.admin.Admin onA = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", a));
             org.apache.kafka.clients.admin.Admin onB = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", b))) {
            onA.alterConsumerGroupOffsets("readers", Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(60, "app"))).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> offset(onB, "readers", tp) == 60);
            // b holds a position a sync wrote: it is not handed back to a, whose own stays as the app left it.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> "app".equals(metadata(onA, "readers", tp)));
            // The consumers move to b and commit there: now b's position is the group's, and a follows it.
            onB.alterConsumerGroupOffsets("readers", Map.of(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(80, "app-on-b"))).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> offset(onA, "readers", tp) == 80);
        }
    }

    private static long offset(org.apache.kafka.clients.admin.Admin admin, String group, org.apache.kafka.common.TopicPartition tp) throws Exception {
        var oam = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
        return oam == null ? -1 : oam.offset();
    }

    private static String metadata(org.apache.kafka.clients.admin.Admin admin, String group, org.apache.kafka.common.TopicPartition tp) throws Exception {
        var oam = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
        return oam == null ? null : oam.metadata();
    }

    private static void produce(String bootstrap, String topic, String prefix, int count) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestClient.producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, null, (prefix + "-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static List<String> values(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + "-" + i);
        }
        return out;
    }

    private static List<String> valuesIn(String bootstrap, String topic) {
        return KafkaTestClient.readAll(bootstrap, topic).stream().map(r -> KafkaTestClient.string(r.value())).toList();
    }

    /** The largest size of Mirador's headers (keys and values) on any record of the topic. */
    private static int headerBytes(String bootstrap, String topic) {
        int max = 0;
        for (ConsumerRecord<byte[], byte[]> r : KafkaTestClient.readAll(bootstrap, topic)) {
            int bytes = 0;
            for (Header h : r.headers()) {
                if (h.key().startsWith("mirador.")) {
                    bytes += h.key().length() + h.value().length;
                }
            }
            max = Math.max(max, bytes);
        }
        return max;
    }
}
