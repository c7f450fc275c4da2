package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.GroupDrill;
import io.mirador.replicator.testing.GroupDrill.Landing;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover drill: 100 consumer groups at random positions on a source with transactions, a failover that
 * drains and reports, every group resuming on the target at its exact next record; a preview that changes
 * nothing; failback that copies back only what the target received since, and a return to the original
 * direction that does not copy those records again.
 */
@Tag("integration")
class FailoverTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5).withGroupSyncIntervalMs(300);
    private static String a;
    private static String b;

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("a", "b");

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;

    @BeforeAll
    static void addresses() {
        a = clusters.bootstrap("a");
        b = clusters.bootstrap("b");
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
    void everyGroupResumesOnTheTargetAtItsNextRecordAndFailbackCopiesOnlyWhatIsNew() throws Exception {
        createTopic(a, "payments", 3, Map.of());
        GroupDrill.produceTransactional(a, "payments", 3, "first", 2_000, 11);
        Map<String, Map<TopicPartition, Long>> positions = GroupDrill.commitRandomPositions(a, "payments", 100, 12);
        engine.createRoute(RouteDefinition.of("dr", "a", "b", "payments"));
        // Records still arriving when the failover starts: the drain must take them over.
        GroupDrill.produceTransactional(a, "payments", 3, "late", 1_000, 13);

        FailoverReport report = engine.failover("dr", Duration.ofSeconds(60), false);

        assertThat(report.unmirroredRecords()).isZero();
        assertThat(report.rpoSeconds()).isZero();
        assertThat(report.sourceReachable()).isTrue();
        assertThat(report.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.targetResumeOffset()).isPositive());
        assertThat(report.groups()).hasSize(100).allSatisfy(g -> assertThat(g.state()).isEqualTo("SYNCED"));
        assertThat(report.failbackRoute()).isEqualTo("dr-failback");
        assertThat(engine.status("dr").state()).isEqualTo("PAUSED");
        assertThat(engine.route("dr-failback")).hasValueSatisfying(r -> assertThat(r.isPaused()).isTrue());

        List<String> problems = new ArrayList<>();
        Map<Landing, Integer> landed = GroupDrill.verify(positions, GroupDrill.committed(b, GroupDrill.groupNames(positions)),
                GroupDrill.committedRecords(a, "payments"), GroupDrill.committedRecords(b, "payments"), problems);
        System.out.println("[failover] 100 groups x 3 partitions: " + landed + " " + problems.stream().limit(5).toList());
        assertThat(landed).containsEntry(Landing.EXACT, 300);

        // The consumers now run on b: new records arrive there, and a group moves into them.
        int sinceFailover = GroupDrill.produceTransactional(b, "payments", 3, "on-b", 600, 14);
        Map<Integer, TreeMap<Long, String>> onB = GroupDrill.committedRecords(b, "payments");
        Map<TopicPartition, OffsetAndMetadata> movedOnB = new HashMap<>();
        for (FailoverReport.PartitionGap g : report.partitions()) {
            // Halfway into what b received since the failover.
            List<Long> fresh = new ArrayList<>(onB.get(g.targetPartition()).tailMap(g.targetResumeOffset()).keySet());
            movedOnB.put(new TopicPartition("payments", g.targetPartition()), new OffsetAndMetadata(fresh.get(fresh.size() / 2)));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", b))) {
            admin.alterConsumerGroupOffsets("back-group", movedOnB).all().get();
        }

        engine.failback("dr");
        await().atMost(Duration.ofSeconds(60)).until(() -> values(a, "on-b").size() == sinceFailover);
        // Only b's own records went back: a holds its own records once and b's new ones once.
        Collection<String> onA = all(a);
        assertThat(onA.stream().filter(v -> v.startsWith("on-b-")).count()).isEqualTo(sinceFailover);
        assertThat(onA.stream().filter(v -> v.startsWith("first-") || v.startsWith("late-")).distinct().count())
                .isEqualTo(onA.stream().filter(v -> v.startsWith("first-") || v.startsWith("late-")).count());

        // Back to a: the group that moved on b lands on a at its next record, and the original route resumes
        // without copying b's records to b again.
        FailoverReport back = engine.failover("dr-failback", Duration.ofSeconds(60), false);
        assertThat(back.failbackRoute()).isEqualTo("dr");
        Map<String, Map<TopicPartition, Long>> backPositions = Map.of("back-group", toLongs(movedOnB));
        List<String> backProblems = new ArrayList<>();
        Map<Landing, Integer> backLanded = GroupDrill.verify(backPositions, GroupDrill.committed(a, List.of("back-group")),
                GroupDrill.committedRecords(b, "payments"), GroupDrill.committedRecords(a, "payments"), backProblems);
        assertThat(backLanded).as(backProblems.toString()).containsEntry(Landing.EXACT, 3);

        int newOnA = GroupDrill.produceTransactional(a, "payments", 3, "again-on-a", 300, 15);
        engine.failback("dr-failback");
        await().atMost(Duration.ofSeconds(60)).until(() -> values(b, "again-on-a").size() == newOnA);
        assertThat(all(b).stream().filter(v -> v.startsWith("on-b-")).count()).isEqualTo(sinceFailover);
    }

    @Test
    void aPreviewReportsWhatWouldBeLostAndChangesNothing() {
        createTopic(a, "preview", 2, Map.of());
        GroupDrill.produceTransactional(a, "preview", 2, "p", 200, 21);
        engine.createRoute(RouteDefinition.of("pv", "a", "b", "preview"));
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.status("pv").copiedRecords() >= 200
                && engine.status("pv").lag() == 0);
        engine.pause("pv", true);
        int behind = GroupDrill.produceTransactional(a, "preview", 2, "q", 50, 22);

        FailoverReport preview = engine.failover("pv", Duration.ofSeconds(5), true);

        assertThat(preview.preview()).isTrue();
        assertThat(preview.unmirroredRecords()).isGreaterThanOrEqualTo(behind); // markers count as offsets too
        assertThat(preview.rpoSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(preview.failbackRoute()).isNull();
        assertThat(engine.route("pv-failback")).isEmpty();
        assertThatThrownBy(() -> engine.failback("pv")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("has not failed over");
    }

    private static Map<TopicPartition, Long> toLongs(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, oam) -> out.put(tp, oam.offset()));
        return out;
    }

    private static List<String> values(String bootstrap, String prefix) {
        return all(bootstrap).stream().filter(v -> v.startsWith(prefix + "-")).toList();
    }

    private static List<String> all(String bootstrap) {
        List<String> out = new ArrayList<>();
        GroupDrill.committedRecords(bootstrap, "payments").values().forEach(m -> out.addAll(m.values()));
        return out;
    }
}
