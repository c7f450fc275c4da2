package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcReplicationStoreTest {

    private static final ClusterConnection PROD = new ClusterConnection("prod", "p1:9092,p2:9092",
            Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"u\" password=\"s3cret\";"));
    private static final ClusterConnection DR = new ClusterConnection("dr", "dr1:9092");

    private static final RouteDefinition FULL_ROUTE = new RouteDefinition("r1", "prod", "dr", List.of("orders", "users"),
            "pay\\..*", "pay\\.tmp", "map", Map.of("orders", "orders-copy"), "eu", 4, 1_000_000L, 5_000L, true,
            false);
    private static final RouteDefinition MINIMAL_ROUTE = RouteDefinition.of("r2", "prod", "dr", ".*");

    @TempDir
    Path dir;

    private Path statePath() {
        return dir.resolve("sub").resolve("state");
    }

    private Path stateFile() {
        return dir.resolve("sub").resolve("state.mv.db");
    }

    // ------------------------------------------------------------------------------------------ round trips

    @Test
    void secretsAreEncryptedOnDiskWithAnOwnerOnlyKey() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putCluster(PROD);
            assertThat(store.cluster("prod")).contains(PROD);
        }
        byte[] file = Files.readAllBytes(stateFile());
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret")
                .contains("SASL_SSL");
        Path key = dir.resolve("sub").resolve("state.key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(reopened.cluster("prod")).contains(PROD);
        }
        Files.delete(key);
        // refused when it opens, not at the first use of the secret; more in DamagedStateTest
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("key file").hasMessageContaining("missing");
        assertThat(key).as("no new key made while secrets need the old one").doesNotExist();
    }

    @Test
    void aWriterInterruptedMidWriteLeavesTheStoreWorking() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putCluster(PROD);
            store.putCluster(DR);
            store.putRoute(FULL_ROUTE);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    try {
                        store.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, i, 0, i, i)));
                    } catch (RuntimeException e) {
                        // An interrupted write may fail; what matters is that the store survives it.
                    }
                }
            });
            writer.start();
            while (writer.isAlive()) {
                writer.interrupt();
                Thread.onSpinWait();
            }
            store.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, 1_000, 0, 1_000, 1_000)));
            assertThat(store.checkpoints("r1").get(new TopicPartition("orders", 0)).sourceOffset()).isEqualTo(1_000);
        }
        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(reopened.checkpoints("r1").get(new TopicPartition("orders", 0)).sourceOffset()).isEqualTo(1_000);
        }
    }

    @Test
    void clustersRoundTrip() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(store.clusters()).isEmpty();
            store.putCluster(PROD);
            store.putCluster(DR);

            assertThat(store.cluster("prod")).contains(PROD);
            assertThat(store.cluster("prod").orElseThrow().properties()).isEqualTo(PROD.properties());
            assertThat(store.cluster("nope")).isEmpty();
            assertThat(store.clusters()).containsExactly(DR, PROD);

            ClusterConnection moved = new ClusterConnection("prod", "p9:9093", Map.of("client.id", "m"));
            store.putCluster(moved);
            assertThat(store.cluster("prod")).contains(moved);
            assertThat(store.clusters()).hasSize(2);

            assertThat(store.deleteCluster("prod")).isTrue();
            assertThat(store.deleteCluster("prod")).isFalse();
            assertThat(store.clusters()).containsExactly(DR);
        }
    }

    @Test
    void routesRoundTrip() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            store.putRoute(MINIMAL_ROUTE);

            assertThat(store.route("r1")).contains(FULL_ROUTE);
            // null fields stay null (they mean "the default"), not false or 0
            RouteDefinition minimal = store.route("r2").orElseThrow();
            assertThat(minimal).isEqualTo(MINIMAL_ROUTE);
            assertThat(minimal.paused()).isNull();
            assertThat(minimal.workers()).isNull();
            assertThat(store.route("r3")).isEmpty();
            assertThat(store.routes()).containsExactly(FULL_ROUTE, MINIMAL_ROUTE);

            RouteDefinition paused = FULL_ROUTE.withPaused(true).withTopics(List.of("orders"));
            store.putRoute(paused);
            assertThat(store.route("r1")).contains(paused);
            assertThat(store.routes()).containsExactly(paused, MINIMAL_ROUTE);

            assertThat(store.deleteRoute("r2")).isTrue();
            assertThat(store.deleteRoute("r2")).isFalse();
            assertThat(store.routes()).containsExactly(paused);
        }
    }

    @Test
    void topicMappingsRoundTripAndNeedTheirRoute() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            TopicMapping users = new TopicMapping("r1", "users", "users", 6, 6);
            TopicMapping orders = new TopicMapping("r1", "orders", "orders-copy", 12, 3);
            store.putTopicMapping(users);
            store.putTopicMapping(orders);
            assertThat(store.topicMappings("r1")).containsExactly(orders, users);
            assertThat(store.topicMappings("r1").get(0).modulo()).isTrue();

            TopicMapping grown = new TopicMapping("r1", "orders", "orders-copy", 24, 24);
            store.putTopicMapping(grown);
            assertThat(store.topicMappings("r1")).containsExactly(grown, users);
            assertThat(store.topicMappings("r2")).isEmpty();

            assertThatThrownBy(() -> store.putTopicMapping(new TopicMapping("ghost", "a", "a", 1, 1)))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("route ghost does not exist");
            assertThat(store.topicMappings("ghost")).isEmpty();
        }
    }

    @Test
    void assignmentsAreReplacedAsAWhole() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            store.putRoute(MINIMAL_ROUTE);
            List<Assignment> first = List.of(new Assignment("r1", "orders", 1, 0), new Assignment("r1", "orders", 0, 1),
                    new Assignment("r1", "users", 0, 2));
            store.replaceAssignments("r1", first);
            store.replaceAssignments("r2", List.of(new Assignment("r2", "x", 0, 0)));
            assertThat(store.assignments("r1")).containsExactly(new Assignment("r1", "orders", 0, 1),
                    new Assignment("r1", "orders", 1, 0), new Assignment("r1", "users", 0, 2));

            store.replaceAssignments("r1", List.of(new Assignment("r1", "users", 0, 7)));
            assertThat(store.assignments("r1")).containsExactly(new Assignment("r1", "users", 0, 7));
            assertThat(store.assignments("r2")).containsExactly(new Assignment("r2", "x", 0, 0));

            store.replaceAssignments("r1", List.of());
            assertThat(store.assignments("r1")).isEmpty();

            assertThatThrownBy(() -> store.replaceAssignments("r1", List.of(new Assignment("r2", "x", 0, 0))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.replaceAssignments("ghost", List.of(new Assignment("ghost", "x", 0, 0))))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("route ghost does not exist");
        }
    }

    @Test
    void checkpointsOfFiveThousandPartitionsAreSavedAndReloaded() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            store.putRoute(MINIMAL_ROUTE);
            store.saveCheckpoints(List.of(new Checkpoint("r2", "orders", 0, 5, 0, 5, 1L)));

            Map<TopicPartition, Checkpoint> expected = checkpoints("r1", 50, 100, 0);
            store.saveCheckpoints(expected.values());
            assertThat(store.checkpoints("r1")).hasSize(5_000).isEqualTo(expected);

            Map<TopicPartition, Checkpoint> moved = checkpoints("r1", 50, 100, 1_000);
            store.saveCheckpoints(moved.values());
            assertThat(store.checkpoints("r1")).isEqualTo(moved);
            assertThat(store.checkpoints("r2")).containsOnlyKeys(new TopicPartition("orders", 0));
        }
    }

    @Test
    void checkpointsOfUnknownRoutesAreSkippedNotTheOthers() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            Checkpoint kept = new Checkpoint("r1", "orders", 3, 42, 1, 40, 1_000);
            store.saveCheckpoints(List.of(kept, new Checkpoint("deleted", "orders", 3, 42, 1, 40, 1_000)));
            assertThat(store.checkpoints("r1")).containsExactly(Map.entry(new TopicPartition("orders", 3), kept));
            assertThat(store.checkpoints("deleted")).isEmpty();
        }
    }

    @Test
    void metricSamplesAreReadByTimeRangeOldestFirst() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.addSamples(List.of(sample("r1", "*", 3_000, 3), sample("r1", "*", 1_000, 1),
                    sample("r1", "*", 2_000, 2), sample("r1", "orders/0", 2_000, 20), sample("r2", "*", 2_000, 200),
                    new MetricSample("r1", "bytes-per-second", "*", 2_000, 2e6)));

            assertThat(store.samples("r1", "records-per-second", "*", 0, 10_000)).containsExactly(
                    sample("r1", "*", 1_000, 1), sample("r1", "*", 2_000, 2), sample("r1", "*", 3_000, 3));
            assertThat(store.samples("r1", "records-per-second", "*", 2_000, 3_000)).containsExactly(
                    sample("r1", "*", 2_000, 2), sample("r1", "*", 3_000, 3));
            assertThat(store.samples("r1", "records-per-second", "orders/0", 0, 10_000))
                    .containsExactly(sample("r1", "orders/0", 2_000, 20));
            assertThat(store.samples("r1", "bytes-per-second", "*", 0, 10_000))
                    .containsExactly(new MetricSample("r1", "bytes-per-second", "*", 2_000, 2e6));
            assertThat(store.samples("r1", "records-per-second", "*", 4_000, 10_000)).isEmpty();

            // the same point again replaces it
            store.addSamples(List.of(sample("r1", "*", 2_000, 2.5)));
            assertThat(store.samples("r1", "records-per-second", "*", 2_000, 2_000))
                    .containsExactly(sample("r1", "*", 2_000, 2.5));
        }
    }

    // ------------------------------------------------------------------------------------ delete and restart

    @Test
    void deletingARouteDeletesWhatIsKeptForItButNotItsEvents() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            fill(store, "r1");
            fill(store, "r2");
            assertThat(store.deleteRoute("r1")).isTrue();

            assertThat(store.route("r1")).isEmpty();
            assertThat(store.topicMappings("r1")).isEmpty();
            assertThat(store.assignments("r1")).isEmpty();
            assertThat(store.checkpoints("r1")).isEmpty();
            assertThat(store.samples("r1", "records-per-second", "*", 0, Long.MAX_VALUE)).isEmpty();
            assertThat(store.events("r1", 10)).hasSize(1);

            assertThat(store.route("r2")).isPresent();
            assertThat(store.topicMappings("r2")).hasSize(1);
            assertThat(store.assignments("r2")).hasSize(2);
            assertThat(store.checkpoints("r2")).hasSize(2);
            assertThat(store.samples("r2", "records-per-second", "*", 0, Long.MAX_VALUE)).hasSize(2);

            // a route created again with the same name starts from nothing
            store.putRoute(RouteDefinition.of("r1", "prod", "dr", ".*"));
            assertThat(store.checkpoints("r1")).isEmpty();
            assertThat(store.topicMappings("r1")).isEmpty();
        }
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        Snapshot before;
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            fill(store, "r1");
            fill(store, "r2");
            before = Snapshot.of(store);
        }
        assertThat(stateFile()).exists();
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(Snapshot.of(store)).isEqualTo(before);
            assertThat(before.routes()).hasSize(2);
            assertThat(before.events()).hasSize(2);
        }
        // the same file named with its extension
        try (JdbcReplicationStore store = JdbcReplicationStore.open(stateFile().toString())) {
            assertThat(Snapshot.of(store)).isEqualTo(before);
        }
    }

    @Test
    void committedWritesSurviveACrash() throws Exception {
        JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString());
        fill(store, "r1");
        Snapshot before = Snapshot.of(store);
        // another connection to the same (in-process) database ends it as a crash would: nothing more is written;
        // it must name the file as the store does (async:), or H2 sees a second database on a locked file
        try (Connection c = DriverManager.getConnection(plainUrl().replace("jdbc:h2:file:", "jdbc:h2:async:"), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        }
        assertThatThrownBy(store::routes).isInstanceOf(StateStoreException.class);
        store.close();

        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(Snapshot.of(reopened)).isEqualTo(before);
        }
    }

    // -------------------------------------------------------------------------------------------- downsample

    /** 30 s after a ten-minute boundary, so that "an hour ago" and "a day ago" fall inside a bucket. */
    private static final long NOW = 1_700_000_400_000L + 30_000L;
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;

    @Test
    void downsamplingAveragesOldPointsAndIsIdempotent() {
        long tenMinutesTwoDaysAgo = Math.floorDiv(NOW - 2 * DAY, 10 * MIN) * 10 * MIN;
        long minuteTwoHoursAgo = Math.floorDiv(NOW - 2 * HOUR, MIN) * MIN;
        long hourAgoBucket = Math.floorDiv(NOW - HOUR, MIN) * MIN; // NOW - 1 h - 30 s: the first incomplete minute
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.addSamples(List.of(
                    sample("r1", "*", NOW - 8 * DAY, 99),                           // dropped
                    sample("r1", "*", tenMinutesTwoDaysAgo, 2),                    // minute A
                    sample("r1", "*", tenMinutesTwoDaysAgo + MIN, 4),              // minute B
                    sample("r1", "*", tenMinutesTwoDaysAgo + MIN + 30_000, 12),    // minute B
                    sample("r1", "*", minuteTwoHoursAgo, 1),
                    sample("r1", "*", minuteTwoHoursAgo + 20_000, 2),
                    sample("r1", "*", minuteTwoHoursAgo + 40_000, 6),
                    sample("r1", "*", minuteTwoHoursAgo + MIN + 15_000, 10),       // alone in its minute
                    sample("r1", "orders/0", minuteTwoHoursAgo + 10_000, 100),     // another series, same minute
                    sample("r1", "orders/0", minuteTwoHoursAgo + 50_000, 300),
                    sample("r1", "*", NOW - HOUR - 40_000, 5),                     // in a complete minute
                    sample("r1", "*", NOW - HOUR - 10_000, 7),                     // its minute is not complete yet
                    sample("r1", "*", NOW - 10 * MIN, 1.5),
                    sample("r1", "*", NOW - 5 * MIN, 2.5)));

            // two hours after the oldest points: only their minutes are averaged
            store.downsample(tenMinutesTwoDaysAgo + 2 * HOUR);
            assertThat(store.samples("r1", "records-per-second", "*", 0, tenMinutesTwoDaysAgo + 10 * MIN))
                    .containsExactly(sample("r1", "*", NOW - 8 * DAY - 30_000, 99), // its minute, not dropped yet
                            sample("r1", "*", tenMinutesTwoDaysAgo, 2),
                            sample("r1", "*", tenMinutesTwoDaysAgo + MIN, 8));

            store.downsample(NOW);
            List<MetricSample> expected = List.of(
                    // (2 + 4 + 12) / 3, from the minute averages 2 (one point) and 8 (two points)
                    sample("r1", "*", tenMinutesTwoDaysAgo, 6),
                    sample("r1", "*", minuteTwoHoursAgo, 3),
                    sample("r1", "*", minuteTwoHoursAgo + MIN, 10),
                    sample("r1", "*", hourAgoBucket - MIN, 5),
                    sample("r1", "*", NOW - HOUR - 10_000, 7),
                    sample("r1", "*", NOW - 10 * MIN, 1.5),
                    sample("r1", "*", NOW - 5 * MIN, 2.5));
            assertThat(allSamples(store, "*")).containsExactlyElementsOf(expected);
            assertThat(allSamples(store, "orders/0")).containsExactly(sample("r1", "orders/0", minuteTwoHoursAgo, 200));

            store.downsample(NOW);
            assertThat(allSamples(store, "*")).containsExactlyElementsOf(expected);
            assertThat(allSamples(store, "orders/0")).containsExactly(sample("r1", "orders/0", minuteTwoHoursAgo, 200));

            // a late point of an averaged minute joins its average with the weight of one point
            store.addSamples(List.of(sample("r1", "*", minuteTwoHoursAgo + 30_000, 7)));
            store.downsample(NOW);
            assertThat(store.samples("r1", "records-per-second", "*", minuteTwoHoursAgo, minuteTwoHoursAgo + 59_999))
                    .containsExactly(sample("r1", "*", minuteTwoHoursAgo, 4)); // (1 + 2 + 6 + 7) / 4
        }
    }

    @Test
    void downsamplingDropsPointsOlderThanAWeek() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.addSamples(List.of(sample("r1", "*", NOW - 7 * DAY - 1, 1), sample("r1", "*", NOW - 8 * DAY, 2),
                    sample("r1", "*", NOW - 6 * DAY, 3)));
            store.downsample(NOW);
            assertThat(allSamples(store, "*")).containsExactly(
                    sample("r1", "*", Math.floorDiv(NOW - 6 * DAY, 10 * MIN) * 10 * MIN, 3));
        }
    }

    // ------------------------------------------------------------------------------------------------ events

    @Test
    void eventsAreNewestFirstLimitedAndFilteredByRoute() {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            ReplicationEvent e1 = store.addEvent(event(1_000, "r1", ReplicationEvent.ROUTE_STARTED, "INFO", "started"));
            ReplicationEvent e2 = store.addEvent(event(3_000, null, ReplicationEvent.ERROR, "ERROR", "engine hiccup"));
            ReplicationEvent e3 = store.addEvent(event(2_000, "r2", ReplicationEvent.TOPIC_ADDED, "INFO", "orders"));
            ReplicationEvent e4 = store.addEvent(event(3_000, "r1", ReplicationEvent.PARTITION_STALLED, "WARN", "o/3"));

            assertThat(List.of(e1.id(), e2.id(), e3.id(), e4.id())).doesNotContain(0L).doesNotHaveDuplicates();
            assertThat(e2).isEqualTo(new ReplicationEvent(e2.id(), 3_000, null, ReplicationEvent.ERROR, "ERROR",
                    "engine hiccup"));

            assertThat(store.events(null, 10)).containsExactly(e4, e2, e3, e1);
            assertThat(store.events(null, 2)).containsExactly(e4, e2);
            assertThat(store.events("r1", 10)).containsExactly(e4, e1);
            assertThat(store.events("r1", 1)).containsExactly(e4);
            assertThat(store.events("r2", 10)).containsExactly(e3);
            assertThat(store.events("r3", 10)).isEmpty();
            assertThat(store.events(null, 0)).isEmpty();
            assertThatThrownBy(() -> store.events(null, -1)).isInstanceOf(IllegalArgumentException.class);

            // an exception without a message makes an event without one
            ReplicationEvent e5 = store.addEvent(ReplicationEvent.error("r1", null));
            assertThat(store.events("r1", 1)).containsExactly(e5);
            assertThat(e5.message()).isNull();
        }
    }

    // ---------------------------------------------------------------------------------------- bad databases

    @Test
    void aCorruptFileIsRefusedAndLeftAlone() throws IOException {
        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        Files.createDirectories(stateFile().getParent());
        Files.write(stateFile(), garbage);

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state file " + stateFile().toAbsolutePath()
                        + " is damaged (not a readable H2 database: ")
                .hasMessageEndingWith(") and was left as it is: restore it from a backup, or move the file away to"
                        + " start afresh")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("async:");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(garbage);
        try (var files = Files.list(stateFile().getParent())) {
            assertThat(files).containsExactly(stateFile()); // no trace or lock file next to it either
        }
    }

    @Test
    void aTextFileIsRefusedAndLeftAlone() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "just some notes\n");

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state file " + stateFile().toAbsolutePath() + " is damaged (not a readable H2 database:"
                        + " 16 bytes long, too short for an H2 database) and was left as it is: restore it from a"
                        + " backup, or move the file away to start afresh");
        assertThat(Files.readString(stateFile())).isEqualTo("just some notes\n");
    }

    /**
     * A new state is created whole in a file of another name, so an H2 file without a Mirador schema was never a
     * state: it is refused, not taken for a new one (it may be what a damaged state was cut back to).
     */
    @Test
    void aDatabaseThatCrashedBeforeItsFirstWriteIsRefused() throws Exception {
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT)");
            st.execute("SHUTDOWN IMMEDIATELY");
        }
        byte[] bytes = Files.readAllBytes(stateFile());
        assertThat(bytes).isNotEmpty();
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state file " + stateFile().toAbsolutePath() + " is damaged (an H2 database"
                        + " without any ");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void anEmptyFileIsRefusedNotTakenForANewStore() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.createFile(stateFile());
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state file " + stateFile().toAbsolutePath() + " is damaged (it is empty: 0 bytes) and was"
                        + " left as it is: restore it from a backup, or move the file away to start afresh");
        assertThat(stateFile()).isEmptyFile();
    }

    @Test
    void anotherApplicationsH2DatabaseIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10, 2))");
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders VALUES (1, 9.99)");
        }
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (found tables: CUSTOMERS, ORDERS) and was left as it is: use"
                        + " another state path, or move the file away to start afresh");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
        assertThat(tables()).containsExactly("CUSTOMERS", "ORDERS");
    }

    @Test
    void anH2DatabaseWithOtherCredentialsIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = DriverManager.getConnection(plainUrl(), "app", "pw"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders VALUES 7");
        }

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (it needs another user name or password)");
        // H2 itself rewrites the file's header when a login fails, but its content is as it was
        try (Connection c = DriverManager.getConnection(plainUrl(), "app", "pw"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ORDERS");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void anotherApplicationsFlywayDatabaseIsRefusedAndLeftAlone() throws Exception {
        Flyway.configure()
                .dataSource(plainUrl(), "sa", "")
                .locations("classpath:io/mirador/replicator/state/no-migrations-here")
                .javaMigrations(new V1__Create_orders())
                .load()
                .migrate();
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (found tables: ORDERS, flyway_schema_history) and was left as it"
                        + " is: use another state path, or move the file away to start afresh");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void aDatabaseOfANewerMiradorIsRefusedAndLeftAlone() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
        }
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'sa', 1, TRUE)");
        }
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state database " + stateFile().toAbsolutePath()
                        + " was written by a newer Mirador (schema version 999, this Mirador knows up to ");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() {
        try (JdbcReplicationStore first = JdbcReplicationStore.open(statePath().toString())) {
            first.putRoute(FULL_ROUTE);
            assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessage("state database " + stateFile().toAbsolutePath()
                            + " is already open in this process: another Mirador state store is using it");
            // the same file by another spelling
            assertThatThrownBy(() -> JdbcReplicationStore.open(dir.resolve("sub/../sub/./state").toString()))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("is already open in this process");
            assertThat(first.route("r1")).contains(FULL_ROUTE);
        }
        try (JdbcReplicationStore again = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(again.route("r1")).contains(FULL_ROUTE);
        }
    }

    @Test
    void aFileLockedByAnotherProcessIsRefused() throws Exception {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Path childLog = dir.resolve("child.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreHolder.class.getName(), statePath().toString())
                    .redirectError(childLog.toFile())
                    .start();
            try {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertThat(line).as("child output; its log: %s", childLog).isEqualTo(StoreHolder.READY);

                assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                        .isInstanceOf(StateStoreException.class)
                        .hasMessage("state database " + stateFile().toAbsolutePath() + " is locked by another"
                                + " process: another Mirador may be using it (stop it or choose another state path)");
            } finally {
                child.getOutputStream().close(); // the child closes its store and exits
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            assertThat(child.exitValue()).isZero();
            try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
                assertThat(store.route("held")).isPresent();
            }
        });
    }

    // ------------------------------------------------------------------------------------------- other URLs

    @Test
    void inMemoryDatabasesWork() {
        for (String url : List.of("jdbc:h2:mem:", "jdbc:h2:mem:mirador-test-" + System.nanoTime(),
                "jdbc:h2:mem:mirador-user-" + System.nanoTime() + ";USER=mirador;PASSWORD=pw")) {
            try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
                fill(store, "r1");
                assertThat(store.route("r1")).isPresent();
                assertThat(store.checkpoints("r1")).hasSize(2);
                assertThat(store.events(null, 10)).hasSize(1);
                store.downsample(NOW);
            }
        }
        // two unnamed in-memory stores are two databases
        try (JdbcReplicationStore a = JdbcReplicationStore.open("jdbc:h2:mem:");
             JdbcReplicationStore b = JdbcReplicationStore.open("jdbc:h2:mem:")) {
            a.putRoute(FULL_ROUTE);
            assertThat(b.routes()).isEmpty();
        }
        assertThat(dir.resolve("sub")).doesNotExist();
    }

    @Test
    void aJdbcUrlNamingAFileIsUsedAsIs() {
        String url = "jdbc:h2:file:" + dir.resolve("viaurl").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
            store.putRoute(FULL_ROUTE);
            assertThatThrownBy(() -> JdbcReplicationStore.open(url))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("is already open in this process");
        }
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
            assertThat(store.routes()).containsExactly(FULL_ROUTE);
        }
        assertThat(dir.resolve("viaurl.mv.db")).exists();
    }

    // ----------------------------------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersDoNotLoseWrites() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            store.addEvent(event(i, "r1", ReplicationEvent.TOPIC_ADDED, "INFO", thread + "/" + i));
                            store.saveCheckpoints(List.of(new Checkpoint("r1", "t" + thread, i, i, 0, i, i)));
                            store.addSamples(List.of(new MetricSample("r1", "m", "t" + thread, i, i)));
                        }
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(1, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            List<ReplicationEvent> events = store.events("r1", 1_000);
            assertThat(events).hasSize(100);
            assertThat(events.stream().map(ReplicationEvent::id).distinct()).hasSize(100);
            assertThat(store.checkpoints("r1")).hasSize(100);
            assertThat(store.samples("r1", "m", "t3", 0, 100)).hasSize(25);
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString());
        store.close();
        store.close(); // twice is fine
        assertThatThrownBy(store::clusters).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A route with one of everything. */
    private static void fill(ReplicationStore store, String route) {
        store.putCluster(PROD);
        store.putCluster(DR);
        store.putRoute(RouteDefinition.of(route, "prod", "dr", "orders.*"));
        store.putTopicMapping(new TopicMapping(route, "orders", "orders", 2, 2));
        store.replaceAssignments(route, List.of(new Assignment(route, "orders", 0, 0),
                new Assignment(route, "orders", 1, 1)));
        store.saveCheckpoints(List.of(new Checkpoint(route, "orders", 0, 10, 0, 8, 1_000),
                new Checkpoint(route, "orders", 1, 20, 1, 19, 1_000)));
        store.addSamples(List.of(sample(route, "*", 1_000, 1), sample(route, "*", 2_000, 2)));
        store.addEvent(event(1_000, route, ReplicationEvent.ROUTE_STARTED, "INFO", "started " + route));
    }

    /** Everything a store holds about the routes r1 and r2. */
    private record Snapshot(List<ClusterConnection> clusters, List<RouteDefinition> routes,
                            Map<String, List<TopicMapping>> mappings, Map<String, List<Assignment>> assignments,
                            Map<String, Map<TopicPartition, Checkpoint>> checkpoints,
                            Map<String, List<MetricSample>> samples, List<ReplicationEvent> events) {

        static Snapshot of(ReplicationStore store) {
            Map<String, List<TopicMapping>> mappings = new LinkedHashMap<>();
            Map<String, List<Assignment>> assignments = new LinkedHashMap<>();
            Map<String, Map<TopicPartition, Checkpoint>> checkpoints = new LinkedHashMap<>();
            Map<String, List<MetricSample>> samples = new LinkedHashMap<>();
            for (String route : List.of("r1", "r2")) {
                mappings.put(route, store.topicMappings(route));
                assignments.put(route, store.assignments(route));
                checkpoints.put(route, store.checkpoints(route));
                samples.put(route, store.samples(route, "records-per-second", "*", Long.MIN_VALUE, Long.MAX_VALUE));
            }
            Snapshot snapshot = new Snapshot(store.clusters(), store.routes(), mappings, assignments, checkpoints,
                    samples, store.events(null, 100));
            assertThat(snapshot.clusters()).as("snapshot of a filled store").isNotEmpty();
            assertThat(snapshot.checkpoints().get("r1")).as("snapshot of a filled store").isNotEmpty();
            return snapshot;
        }
    }

    private static Map<TopicPartition, Checkpoint> checkpoints(String route, int topics, int partitions, long shift) {
        Map<TopicPartition, Checkpoint> result = new LinkedHashMap<>();
        for (int t = 0; t < topics; t++) {
            for (int p = 0; p < partitions; p++) {
                String topic = String.format("topic-%02d", t);
                long offset = t * 1_000_000L + p * 1_000L + shift;
                result.put(new TopicPartition(topic, p),
                        new Checkpoint(route, topic, p, offset, p % 7, offset - 3, 1_700_000_000_000L + shift));
            }
        }
        return result;
    }

    private static MetricSample sample(String route, String scope, long ts, double value) {
        return new MetricSample(route, "records-per-second", scope, ts, value);
    }

    private static List<MetricSample> allSamples(ReplicationStore store, String scope) {
        return store.samples("r1", "records-per-second", scope, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static ReplicationEvent event(long ts, String route, String kind, String level, String message) {
        return new ReplicationEvent(0, ts, route, kind, level, message);
    }

    private String plainUrl() throws IOException {
        Files.createDirectories(statePath().getParent());
        return "jdbc:h2:file:" + statePath().toAbsolutePath();
    }

    private Connection plainConnection() throws IOException, SQLException {
        return DriverManager.getConnection(plainUrl(), "sa", "");
    }

    private List<String> tables() throws IOException, SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = plainConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Another application's first Flyway migration. */
    static final class V1__Create_orders extends BaseJavaMigration {

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("1");
        }

        @Override
        public String getDescription() {
            return "Create orders";
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            }
        }
    }

    /** Run in another JVM: opens the store, says so, and keeps it open until its standard input ends. */
    static final class StoreHolder {

        static final String READY = "store-open";

        public static void main(String[] args) throws IOException {
            try (JdbcReplicationStore store = JdbcReplicationStore.open(args[0])) {
                store.putRoute(RouteDefinition.of("held", "a", "b", ".*"));
                System.out.println(READY);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our input
                }
            }
        }
    }
}
