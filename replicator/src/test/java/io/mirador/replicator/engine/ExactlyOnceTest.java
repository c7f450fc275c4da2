package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.GroupDrill;
import io.mirador.replicator.testing.GroupDrill.Landing;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once routes against real clusters: a source with transactions, aborted records and markers is copied so
 * that a {@code read_committed} reader of the target sees each committed source record once, in order per
 * partition; also while records keep coming and the route is restarted (once on a brand-new state file, so that
 * only the target knows where to resume) and its producers are fenced under it; consumer groups land on their
 * very next record; and records deleted before they were copied are reported as with at-least-once routes.
 */
@Tag("integration")
class ExactlyOnceTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5)
            .withGroupSyncIntervalMs(300);
    private static String src;
    private static String dst;

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("src", "dst");

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;
    private int stores;

    @BeforeAll
    static void addresses() {
        src = clusters.bootstrap("src");
        dst = clusters.bootstrap("dst");
    }

    @AfterEach
    void close() {
        stopEngine();
    }

    @Test
    void aTransactionalSourceIsCopiedExactlyOnceInOrder() throws Exception {
        createTopic(src, "eos-copy", 3, Map.of());
        GroupDrill.produceTransactional(src, "eos-copy", 3, "a", 3_000, 11);
        startEngine(false);
        engine.createRoute(eos("eos-copy"));
        awaitCopied("eos-copy", "eos-copy");
        assertExactlyOnce("eos-copy");
        assertThat(engine.status("eos-copy").copiedRecords()).isEqualTo(3_000);
        // Written in transactions: the target's logs end with a marker after their last record.
        Map<Integer, TreeMap<Long, String>> target = GroupDrill.committedRecords(dst, "eos-copy");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", dst))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            target.keySet().forEach(p -> latest.put(new TopicPartition("eos-copy", p), org.apache.kafka.clients.admin.OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((tp, info) ->
                    assertThat(info.offset()).isGreaterThan(target.get(tp.partition()).lastKey() + 1));
        }
    }

    @Test
    void restartsOnAFreshStateAndFencedProducersStillCopyExactlyOnce() throws Exception {
        createTopic(src, "eos-chaos", 4, Map.of());
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger rounds = new AtomicInteger();
        Thread producer = new Thread(() -> {
            while (producing.get()) {
                int round = rounds.getAndIncrement();
                GroupDrill.produceTransactional(src, "eos-chaos", 4, "r" + round, 400, round);
            }
        }, "eos-chaos-producer");
        producer.start();
        try {
            startEngine(false);
            engine.createRoute(eos("eos-chaos"));
            for (int i = 0; i < 6; i++) {
                int before = rounds.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> rounds.get() > before + 1
                        && engine.status("eos-chaos").copiedRecords() > 0);
                switch (i % 3) {
                    case 0 -> { // a clean restart of the engine
                        stopEngine();
                        startEngine(false);
                    }
                    case 1 -> { // the H2 state is lost: only the target knows where each unit resumes
                        stopEngine();
                        startEngine(true);
                        engine.createRoute(eos("eos-chaos"));
                    }
                    default -> { // another producer with a unit's id fences it mid-transaction
                        for (int p = 0; p < 4; p++) {
                            fence("eos-chaos", new TopicPartition("eos-chaos", p));
                        }
                    }
                }
            }
        } finally {
            producing.set(false);
            producer.join(60_000);
        }
        awaitCopied("eos-chaos", "eos-chaos");
        assertExactlyOnce("eos-chaos");
        assertThat(engine.events("eos-chaos", 200)).anySatisfy(e -> assertThat(e.message()).contains("was aborted"));
    }

    @Test
    void hundredGroupsLandOnTheirNextRecord() {
        createTopic(src, "eos-drill", 3, Map.of());
        GroupDrill.produceTransactional(src, "eos-drill", 3, "a", 3_000, 1);
        Map<String, Map<TopicPartition, Long>> positions = GroupDrill.commitRandomPositions(src, "eos-drill", 100, 2);
        startEngine(false);
        engine.createRoute(eos("eos-drill"));
        awaitSynced("eos-drill", positions.size());
        Map<Landing, Integer> first = check("eos-drill", positions);
        System.out.println("[eos-drill] 100 groups x 3 partitions: " + first);
        assertThat(first).containsEntry(Landing.EXACT, 300);

        // Caught-up groups get the first record copied after the sync, also after a restart.
        stopEngine();
        startEngine(false);
        GroupDrill.produceTransactional(src, "eos-drill", 3, "b", 500, 3);
        awaitCopied("eos-drill", "eos-drill");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(check("eos-drill", positions)).containsEntry(Landing.EXACT, 300));
        assertExactlyOnce("eos-drill");
    }

    @Test
    void recordsDeletedBeforeTheyWereCopiedAreReportedAndCopyingGoesOn() throws Exception {
        createTopic(src, "eos-lossy", 1, Map.of());
        GroupDrill.produceTransactional(src, "eos-lossy", 1, "a", 100, 5);
        startEngine(false);
        engine.createRoute(eos("eos-lossy"));
        awaitCopied("eos-lossy", "eos-lossy");
        stopEngine();
        GroupDrill.produceTransactional(src, "eos-lossy", 1, "b", 100, 6);
        long deleteBefore;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            TopicPartition tp = new TopicPartition("eos-lossy", 0);
            deleteBefore = GroupDrill.committedRecords(src, "eos-lossy").get(0).lastKey() - 10;
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(deleteBefore))).all().get();
        }
        startEngine(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.events("eos-lossy", 50).stream()
                .anyMatch(e -> e.kind().equals(ReplicationEvent.DATA_LOSS) && e.message().contains("goes on from offset "
                        + deleteBefore)));
        awaitCopied("eos-lossy", "eos-lossy");
        Map<Integer, TreeMap<Long, String>> source = GroupDrill.committedRecords(src, "eos-lossy");
        List<String> target = new ArrayList<>(GroupDrill.committedRecords(dst, "eos-lossy").get(0).values());
        List<String> tail = new ArrayList<>(source.get(0).values());
        assertThat(target).hasSize(100 + tail.size()).endsWith(tail.toArray(new String[0]));
        assertThat(engine.status("eos-lossy").lostRecords()).isPositive();
    }

    private static RouteDefinition eos(String topic) {
        return RouteDefinition.of(topic, "src", "dst", topic).withExactlyOnce(true);
    }

    /** Each partition of the target holds the source partition's committed values, once each, in source order. */
    private static void assertExactlyOnce(String topic) {
        Map<Integer, TreeMap<Long, String>> source = GroupDrill.committedRecords(src, topic);
        Map<Integer, TreeMap<Long, String>> target = GroupDrill.committedRecords(dst, topic);
        Map<Integer, List<String>> expected = new HashMap<>();
        Map<Integer, List<String>> actual = new HashMap<>();
        source.forEach((p, records) -> expected.put(p, new ArrayList<>(records.values())));
        target.forEach((p, records) -> actual.put(p, new ArrayList<>(records.values())));
        assertThat(actual).isEqualTo(expected);
    }

    /** A producer with a unit's transactional id: initialising it fences the unit's producer. */
    private static void fence(String route, TopicPartition tp) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, dst);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TransactionalUnit.transactionalId(route, tp.topic(), tp.partition()));
        try (KafkaProducer<byte[], byte[]> fencer = new KafkaProducer<>(p)) {
            fencer.initTransactions();
        }
    }

    private void startEngine(boolean freshState) {
        if (freshState) {
            stores++;
        }
        store = JdbcReplicationStore.open(temp.resolve("state" + stores).toString());
        engine = clusters.engine(store, FAST);
    }

    private void stopEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private Map<Landing, Integer> check(String topic, Map<String, Map<TopicPartition, Long>> positions) {
        List<String> problems = new ArrayList<>();
        Map<Landing, Integer> result = GroupDrill.verify(positions,
                GroupDrill.committed(dst, GroupDrill.groupNames(positions)),
                GroupDrill.committedRecords(src, topic), GroupDrill.committedRecords(dst, topic), problems);
        problems.stream().limit(10).forEach(p -> System.out.println("[eos-drill] " + p));
        return result;
    }

    private void awaitSynced(String route, int groups) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<GroupSyncStatus> s = engine.groupSync(route);
            return s.size() >= groups && s.stream().allMatch(g -> g.state().equals("SYNCED"));
        });
    }

    /** The route has copied everything the source has committed: no lag, and the checkpoints at the log ends. */
    private void awaitCopied(String route, String topic) {
        Map<Integer, TreeMap<Long, String>> source = GroupDrill.committedRecords(src, topic);
        long records = source.values().stream().mapToLong(TreeMap::size).sum();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            RouteStatus s = engine.status(route);
            return !s.partitions().isEmpty() && s.lag() == 0
                    && GroupDrill.committedRecords(dst, topic).values().stream().mapToLong(TreeMap::size).sum() >= records;
        });
    }
}
