package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.produceNumbered;
import static io.mirador.replicator.testing.KafkaTestClient.readAll;
import static io.mirador.replicator.testing.KafkaTestClient.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.SharedClusters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The engine against two real clusters sharing the class; each test uses its own topics and store. */
@Tag("integration")
class ReplicationEngineTest {

    static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);
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
        engine = newEngine(store);
    }

    private static ReplicationEngine newEngine(ReplicationStore store) {
        return clusters.engine(store, FAST);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
        store.close();
    }

    @Test
    void everyRecordArrivesWithKeyHeadersTimestampPartitionAndProvenance() {
        createTopic(src, "orders", 4, Map.of("retention.ms", "123456789", "cleanup.policy", "delete"));
        produceNumbered(src, "orders", 4, 0, 2_000);
        engine.createRoute(RouteDefinition.of("r1", "src", "dst", "orders"));

        await().atMost(Duration.ofSeconds(60)).until(() -> count(dst, "orders") >= 2_000);
        List<ConsumerRecord<byte[], byte[]>> copied = readAll(dst, "orders");
        Set<Integer> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : copied) {
            int seq = Integer.parseInt(string(r.headers().lastHeader("seq").value()));
            seen.add(seq);
            assertThat(string(r.key())).isEqualTo("k" + seq);
            assertThat(string(r.value())).isEqualTo("v" + seq);
            assertThat(r.partition()).isEqualTo(seq % 4);
            assertThat(r.timestamp()).isEqualTo(1_700_000_000_000L + seq);
            Provenance provenance = Provenance.read(r.headers().lastHeader(ReplicationWorker.PROVENANCE_HEADER).value());
            assertThat(provenance.visited(Provenance.hop(clusters.clusterId("src"), "orders"))).isTrue();
            assertThat(provenance.originPartition()).isEqualTo(seq % 4);
        }
        assertThat(seen).as("no sequence number missing").hasSize(2_000);
        assertThat(targetConfig("orders").get("retention.ms").value()).isEqualTo("123456789");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            RouteStatus status = engine.status("r1");
            assertThat(status.partitions()).hasSize(4);
            assertThat(status.lag()).isZero();
            assertThat(status.partitions()).allSatisfy(p -> assertThat(p.checkpoint()).isEqualTo(500));
        });
        assertThat(engine.events("r1", 100)).extracting(ReplicationEvent::kind)
                .contains(ReplicationEvent.ROUTE_STARTED, ReplicationEvent.TOPIC_ADDED, ReplicationEvent.TOPIC_CREATED);
        assertThat(engine.prometheus()).contains("mirador_route_lag_records{route=\"r1\"} 0");
    }

    @Test
    void topicsCreatedLaterAndPartitionExpansionAreFollowed() throws Exception {
        engine.createRoute(RouteDefinition.of("r2", "src", "dst", "late\\..*"));
        createTopic(src, "late.one", 2, Map.of());
        produceNumbered(src, "late.one", 2, 0, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "late.one") >= 100);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            admin.createPartitions(Map.of("late.one", NewPartitions.increaseTo(4))).all().get();
        }
        produceNumbered(src, "late.one", 4, 100, 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "late.one") >= 200);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", dst))) {
            assertThat(admin.describeTopics(List.of("late.one")).allTopicNames().get().get("late.one").partitions()).hasSize(4);
        }
        assertThat(readAll(dst, "late.one")).filteredOn(r -> r.partition() == 3).isNotEmpty();
    }

    @Test
    void prefixNamingAndModuloMappingOntoASmallerExistingTopic() {
        createTopic(src, "clicks", 4, Map.of());
        createTopic(dst, "src.clicks", 2, Map.of());
        produceNumbered(src, "clicks", 4, 0, 400);
        engine.createRoute(new RouteDefinition("r3", "src", "dst", List.of("clicks"), null, null, "prefix", null, null,
                1, null, null, false, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "src.clicks") >= 400);
        List<ConsumerRecord<byte[], byte[]>> copied = readAll(dst, "src.clicks");
        assertThat(copied).allSatisfy(r -> {
            int seq = Integer.parseInt(string(r.headers().lastHeader("seq").value()));
            assertThat(r.partition()).isEqualTo((seq % 4) % 2);
            assertThat(r.headers().lastHeader(ReplicationWorker.PROVENANCE_HEADER)).as("provenance off").isNull();
        });
        assertThat(engine.events("r3", 100)).anySatisfy(e -> assertThat(e.message()).contains("modulo"));
    }

    @Test
    void pauseStopsTheFlowAndResumeRestartsIt() {
        createTopic(src, "paused", 1, Map.of());
        engine.createRoute(RouteDefinition.of("r4", "src", "dst", "paused"));
        produceNumbered(src, "paused", 1, 0, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "paused") >= 10);

        engine.pause("r4", true);
        assertThat(engine.status("r4").state()).isEqualTo("PAUSED");
        produceNumbered(src, "paused", 1, 10, 20);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> count(dst, "paused") == 10);
        // A paused route keeps measuring its lag (it used to freeze at its value when paused).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            RouteStatus status = engine.status("r4");
            assertThat(status.lag()).isEqualTo(10);
            assertThat(status.partitions()).singleElement().satisfies(p -> assertThat(p.sourceEndOffset()).isEqualTo(20));
        });

        engine.pause("r4", false);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "paused") >= 20);
        assertThat(store.route("r4").orElseThrow().isPaused()).isFalse();
    }

    @Test
    void aRestartedEngineResumesFromCheckpointsWithoutLoss() {
        createTopic(src, "resume", 3, Map.of());
        produceNumbered(src, "resume", 3, 0, 3_000);
        engine.createRoute(RouteDefinition.of("r5", "src", "dst", "resume"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "resume") >= 3_000);
        engine.close();

        produceNumbered(src, "resume", 3, 3_000, 6_000);
        engine = newEngine(store);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "resume") >= 6_000);
        List<ConsumerRecord<byte[], byte[]>> copied = readAll(dst, "resume");
        Set<String> distinct = new HashSet<>();
        copied.forEach(r -> distinct.add(string(r.value())));
        assertThat(distinct).hasSize(6_000);
        assertThat(copied.size() - distinct.size()).as("a clean stop checkpoints everything: no duplicates").isZero();
    }

    @Test
    void whitelistEditsAndErrors() {
        createTopic(src, "wl.a", 1, Map.of());
        createTopic(src, "wl.b", 1, Map.of());
        produceNumbered(src, "wl.a", 1, 0, 5);
        produceNumbered(src, "wl.b", 1, 0, 5);
        engine.createRoute(new RouteDefinition("r6", "src", "dst", List.of("wl.a"), null, null, null, null, null,
                null, null, null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "wl.a") >= 5);
        engine.addTopics("r6", List.of("wl.b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "wl.b") >= 5);
        assertThat(engine.route("r6").orElseThrow().topics()).containsExactly("wl.a", "wl.b");
        engine.removeTopic("r6", "wl.a");
        assertThat(engine.route("r6").orElseThrow().topics()).containsExactly("wl.b");

        assertThatThrownBy(() -> engine.createRoute(RouteDefinition.of("r6", "src", "dst", "x"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.status("nope")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.createRoute(RouteDefinition.of("r7", "src", "nowhere", "x")))
                .isInstanceOf(NotFoundException.class).hasMessage("no cluster named nowhere");
        assertThatThrownBy(() -> engine.createRoute(RouteDefinition.of("r8", "src", "dst", "(")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> engine.deleteCluster("src")).isInstanceOf(ConflictException.class).hasMessageContaining("r6");
    }

    @Test
    void configChangesOnTheSourceAreSyncedAndTwoRoutesRunAtOnce() throws Exception {
        createTopic(src, "cfg", 1, Map.of("retention.ms", "86400000"));
        createTopic(src, "other", 1, Map.of());
        produceNumbered(src, "other", 1, 0, 50);
        engine.createRoute(RouteDefinition.of("cfg-route", "src", "dst", "cfg"));
        engine.createRoute(new RouteDefinition("other-route", "src", "dst", List.of("other"), null, null, "prefix",
                null, "east", 1, null, null, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> targetConfigValue("cfg", "retention.ms").equals("86400000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "east.other") >= 50);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "cfg");
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", "3600000"),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
        }
        engine.discoverNow("cfg-route");
        await().atMost(Duration.ofSeconds(30)).until(() -> targetConfigValue("cfg", "retention.ms").equals("3600000"));
        assertThat(engine.events("cfg-route", 50)).extracting(ReplicationEvent::kind).contains(ReplicationEvent.CONFIG_SYNCED);
        assertThat(engine.statuses()).extracting(RouteStatus::route).contains("cfg-route", "other-route");
    }

    @Test
    void aRecordRateLimitSlowsTheRoute() {
        createTopic(src, "limited", 2, Map.of());
        produceNumbered(src, "limited", 2, 0, 900);
        long start = System.nanoTime();
        engine.createRoute(new RouteDefinition("limited", "src", "dst", List.of("limited"), null, null, null, null, null,
                2, null, 300L, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(dst, "limited") >= 900);
        double seconds = (System.nanoTime() - start) / 1e9;
        // 300 records/s with a one-second burst: 900 records cannot arrive in under about 2 s.
        assertThat(seconds).isGreaterThan(1.8);
    }

    @Test
    void aRouteThatCannotStartIsNotKeptHalfCreated() {
        engine.createCluster(new ClusterConnection("ghost", "no-such-host.invalid:9092"));
        assertThatThrownBy(() -> engine.createRoute(RouteDefinition.of("ghostly", "ghost", "dst", ".*")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("route ghostly cannot start");
        assertThat(engine.route("ghostly")).isEmpty();
        assertThat(store.route("ghostly")).isEmpty();
    }

    @Test
    void aPausedRouteStaysPausedWhenItsClusterIsUpdated() {
        createTopic(src, "still", 1, Map.of());
        engine.createRoute(RouteDefinition.of("r9", "src", "dst", "still"));
        engine.pause("r9", true);
        engine.updateCluster(new ClusterConnection("src", src, Map.of("client.dns.lookup", "use_all_dns_ips")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAUSED".equals(engine.status("r9").state()));
        produceNumbered(src, "still", 1, 0, 10);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> count(dst, "still") == 0);
    }

    /** The target topic's value for {@code key}, or "" while the topic does not exist yet. */
    private static String targetConfigValue(String topic, String key) {
        try {
            org.apache.kafka.clients.admin.ConfigEntry entry = targetConfig(topic).get(key);
            return entry == null ? "" : entry.value();
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static Map<String, org.apache.kafka.clients.admin.ConfigEntry> targetConfig(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", dst))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            Map<String, org.apache.kafka.clients.admin.ConfigEntry> entries = new java.util.HashMap<>();
            config.entries().forEach(e -> entries.put(e.name(), e));
            return entries;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
