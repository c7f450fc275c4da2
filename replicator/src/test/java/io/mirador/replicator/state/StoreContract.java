package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What every state database must do, whatever it is: run by {@link JdbcReplicationStoreTest} on an embedded H2 file
 * and by {@link PostgresReplicationStoreTest} on a real PostgreSQL server. A subclass says where the store lives;
 * each test starts from an empty state there.
 */
abstract class StoreContract {

    /** Opens the store under test; every call within a test opens the same state. */
    abstract JdbcReplicationStore open();

    static final ClusterConnection PROD = new ClusterConnection("prod", "p1:9092,p2:9092",
            Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"u\" password=\"s3cret\";"));
    static final ClusterConnection DR = new ClusterConnection("dr", "dr1:9092");

    static final RouteDefinition FULL_ROUTE = new RouteDefinition("r1", "prod", "dr", List.of("orders", "users"),
            "pay\\..*", "pay\\.tmp", "map", Map.of("orders", "orders-copy"), "eu", 4, 1_000_000L, 5_000L, true,
            false);
    static final RouteDefinition MINIMAL_ROUTE = RouteDefinition.of("r2", "prod", "dr", ".*");

    // ------------------------------------------------------------------------------------------ round trips

    @Test
    void clustersRoundTrip() {
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
            store.putRoute(FULL_ROUTE);
            Checkpoint kept = new Checkpoint("r1", "orders", 3, 42, 1, 40, 1_000);
            store.saveCheckpoints(List.of(kept, new Checkpoint("deleted", "orders", 3, 42, 1, 40, 1_000)));
            assertThat(store.checkpoints("r1")).containsExactly(Map.entry(new TopicPartition("orders", 3), kept));
            assertThat(store.checkpoints("deleted")).isEmpty();
        }
    }

    @Test
    void metricSamplesAreReadByTimeRangeOldestFirst() {
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
            fill(store, "r1");
            fill(store, "r2");
            before = Snapshot.of(store);
        }
        try (JdbcReplicationStore store = open()) {
            assertThat(Snapshot.of(store)).isEqualTo(before);
            assertThat(before.routes()).hasSize(2);
            assertThat(before.events()).hasSize(2);
        }
    }

    // -------------------------------------------------------------------------------------------- downsample

    /** 30 s after a ten-minute boundary, so that "an hour ago" and "a day ago" fall inside a bucket. */
    static final long NOW = 1_700_000_400_000L + 30_000L;
    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final long DAY = 24 * HOUR;

    @Test
    void downsamplingAveragesOldPointsAndIsIdempotent() {
        long tenMinutesTwoDaysAgo = Math.floorDiv(NOW - 2 * DAY, 10 * MIN) * 10 * MIN;
        long minuteTwoHoursAgo = Math.floorDiv(NOW - 2 * HOUR, MIN) * MIN;
        long hourAgoBucket = Math.floorDiv(NOW - HOUR, MIN) * MIN; // NOW - 1 h - 30 s: the first incomplete minute
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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
        try (JdbcReplicationStore store = open()) {
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

    // ----------------------------------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersDoNotLoseWrites() throws Exception {
        try (JdbcReplicationStore store = open()) {
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
        JdbcReplicationStore store = open();
        store.close();
        store.close(); // twice is fine
        assertThatThrownBy(store::clusters).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** A route with one of everything. */
    static void fill(ReplicationStore store, String route) {
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
    record Snapshot(List<ClusterConnection> clusters, List<RouteDefinition> routes,
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

    static Map<TopicPartition, Checkpoint> checkpoints(String route, int topics, int partitions, long shift) {
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

    static MetricSample sample(String route, String scope, long ts, double value) {
        return new MetricSample(route, "records-per-second", scope, ts, value);
    }

    static List<MetricSample> allSamples(ReplicationStore store, String scope) {
        return store.samples("r1", "records-per-second", scope, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static ReplicationEvent event(long ts, String route, String kind, String level, String message) {
        return new ReplicationEvent(0, ts, route, kind, level, message);
    }
}
