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

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.GroupDrill;
import io.mirador.replicator.testing.GroupDrill.Landing;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group offset sync lands every consumer group on the very next record: a source with transaction markers and
 * aborted records (so its offsets and the target's differ), 100 groups at random positions, before and after an
 * engine restart (the mapping then comes back from the target's mapping topic). Groups with members on the target
 * are left alone, and a position is never moved backwards.
 */
@Tag("integration")
class GroupOffsetSyncTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5).withGroupSyncIntervalMs(300);
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

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void startEngine() {
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = clusters.engine(store, FAST);
    }

    @Test
    void hundredGroupsLandOnTheirNextRecordBeforeAndAfterARestart() {
        createTopic(src, "drill", 3, Map.of());
        GroupDrill.produceTransactional(src, "drill", 3, "a", 3_000, 1);
        Map<String, Map<TopicPartition, Long>> positions = GroupDrill.commitRandomPositions(src, "drill", 100, 2);
        startEngine();
        engine.createRoute(RouteDefinition.of("drill", "src", "dst", "drill"));

        awaitSynced("drill", positions.keySet().size());
        Map<Landing, Integer> first = check(positions);
        System.out.println("[drill] 100 groups x 3 partitions, before restart: " + first);
        assertThat(first).containsEntry(Landing.EXACT, 300);

        // Caught-up groups must get the first record written after the sync, and nothing before it.
        GroupDrill.produceTransactional(src, "drill", 3, "b", 500, 3);
        awaitCopied("drill");
        assertThat(check(positions)).containsEntry(Landing.EXACT, 300);

        // A restart: the mapping comes back from the target's mapping topic; the groups move on the source.
        engine.close();
        store.close();
        startEngine();
        GroupDrill.produceTransactional(src, "drill", 3, "c", 500, 4);
        Map<String, Map<TopicPartition, Long>> moved = GroupDrill.commitRandomPositions(src, "drill", 100, 5);
        // Random positions may be below the previous ones; only forward moves are synced, so keep those.
        Map<String, Map<TopicPartition, Long>> expected = forwardOnly(positions, moved);
        awaitCopied("drill");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(check(expected)).containsEntry(Landing.EXACT, 300));
        assertThat(engine.groupSync("drill")).allSatisfy(g -> assertThat(g.partitions())
                .allSatisfy(p -> assertThat(p.translation()).isIn("EXACT")));
    }

    @Test
    void aGroupWithMembersOnTheTargetIsLeftAloneAndNoPositionMovesBack() throws Exception {
        createTopic(src, "owned", 1, Map.of());
        GroupDrill.produceTransactional(src, "owned", 1, "o", 200, 7);
        TopicPartition tp = new TopicPartition("owned", 0);
        try (Admin source = Admin.create(Map.of("bootstrap.servers", src));
             Admin target = Admin.create(Map.of("bootstrap.servers", dst))) {
            source.alterConsumerGroupOffsets("active-there", Map.of(tp, new OffsetAndMetadata(50))).all().get();
            source.alterConsumerGroupOffsets("ahead-there", Map.of(tp, new OffsetAndMetadata(50))).all().get();
            // "ahead-there" already consumed further on the target: its position there stays.
            createTopic(dst, "owned", 1, Map.of());
            target.alterConsumerGroupOffsets("ahead-there", Map.of(tp, new OffsetAndMetadata(150))).all().get();
            // "active-there" has a member on the target before the route starts.
            try (KafkaConsumer<byte[], byte[]> member = memberOnTarget("active-there")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    member.poll(Duration.ofMillis(100));
                    return !member.assignment().isEmpty();
                });
                startEngine();
                engine.createRoute(RouteDefinition.of("owned", "src", "dst", "owned"));
                awaitCopied("owned");
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    member.poll(Duration.ofMillis(100));
                    return engine.groupSync("owned").stream().anyMatch(g -> g.group().equals("active-there")
                            && g.state().equals("ACTIVE_ON_TARGET"));
                });
                await().atMost(Duration.ofSeconds(30)).until(() -> engine.groupSync("owned").stream()
                        .anyMatch(g -> g.group().equals("ahead-there") && g.state().equals("SYNCED")));
                Map<String, Map<TopicPartition, Long>> onTarget = GroupDrill.committed(dst, List.of("active-there", "ahead-there"));
                assertThat(onTarget.get("ahead-there")).containsEntry(tp, 150L);
                // The member never committed: the sync wrote nothing for it either, though it could translate.
                assertThat(translatedOf("owned", "active-there")).isPositive();
                assertThat(onTarget.get("active-there")).doesNotContainKey(tp);
            }
        }
    }

    @Test
    void routesThatDoNotSyncGroupsLeaveTheTargetsGroupsAlone() throws Exception {
        createTopic(src, "nosync", 1, Map.of());
        GroupDrill.produceTransactional(src, "nosync", 1, "n", 100, 8);
        try (Admin source = Admin.create(Map.of("bootstrap.servers", src))) {
            source.alterConsumerGroupOffsets("nosync-group", Map.of(new TopicPartition("nosync", 0), new OffsetAndMetadata(10))).all().get();
        }
        startEngine();
        engine.createRoute(RouteDefinition.of("nosync", "src", "dst", "nosync").withGroupSync(false, null, null));
        awaitCopied("nosync");
        // Several sync intervals pass: nothing appears on the target.
        long since = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() - since > 2_000
                && engine.status("nosync").copiedRecords() > 0);
        assertThat(GroupDrill.committed(dst, List.of("nosync-group")).get("nosync-group")).isEmpty();
        assertThat(engine.groupSync("nosync")).isEmpty();
    }

    private long translatedOf(String route, String group) {
        return engine.groupSync(route).stream().filter(g -> g.group().equals(group))
                .flatMap(g -> g.partitions().stream()).mapToLong(GroupSyncStatus.Partition::targetOffset).findFirst().orElse(-1);
    }

    private KafkaConsumer<byte[], byte[]> memberOnTarget(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, dst);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of("owned"));
        return consumer;
    }

    private Map<String, Map<TopicPartition, Long>> forwardOnly(Map<String, Map<TopicPartition, Long>> before,
                                                              Map<String, Map<TopicPartition, Long>> after) {
        Map<String, Map<TopicPartition, Long>> out = new TreeMap<>();
        before.forEach((group, positions) -> {
            Map<TopicPartition, Long> m = new HashMap<>();
            positions.forEach((tp, at) -> m.put(tp, Math.max(at, after.get(group).get(tp))));
            out.put(group, m);
        });
        // Groups whose new source position is below the old one keep their old target position: the source
        // then says the old one too, for the check, since the sync never moves a target position back.
        return out;
    }

    private Map<Landing, Integer> check(Map<String, Map<TopicPartition, Long>> positions) {
        List<String> problems = new ArrayList<>();
        Map<Landing, Integer> result = GroupDrill.verify(positions,
                GroupDrill.committed(dst, GroupDrill.groupNames(positions)),
                GroupDrill.committedRecords(src, "drill".equals(first(positions)) ? "drill" : topicOf(positions)),
                GroupDrill.committedRecords(dst, topicOf(positions)), problems);
        problems.stream().limit(10).forEach(p -> System.out.println("[drill] " + p));
        return result;
    }

    private static String first(Map<String, Map<TopicPartition, Long>> positions) {
        return topicOf(positions);
    }

    private static String topicOf(Map<String, Map<TopicPartition, Long>> positions) {
        return positions.values().iterator().next().keySet().iterator().next().topic();
    }

    private void awaitSynced(String route, int groups) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<GroupSyncStatus> s = engine.groupSync(route);
            return s.size() >= groups && s.stream().allMatch(g -> g.state().equals("SYNCED"));
        });
    }

    private void awaitCopied(String route) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            RouteStatus s = engine.status(route);
            return s.copiedRecords() > 0 && s.lag() == 0 && !s.partitions().isEmpty();
        });
    }
}
