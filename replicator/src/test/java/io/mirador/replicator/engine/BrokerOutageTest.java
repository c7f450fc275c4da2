package io.mirador.replicator.engine;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.testing.SteadyProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker outages while records flow: a clean stop and restart of the target's and of the source's broker (with
 * their data, on the same ports), a target down for longer than the producer's delivery timeout, and a partition
 * leader stopped in a three-broker target. Each time every record the source acknowledged must reach the target,
 * with no manual action, and the route must move again within 30 s of the broker being back.
 */
@Tag("integration")
class BrokerOutageTest {

    private static final int PARTITIONS = 4;
    private static final int RATE = 300;
    /** What the issue asks: the route copies again within this time of the broker being back. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);
    /** Short client timeouts keep the test short; the long outage below outlasts the delivery timeout. */
    private static final int DELIVERY_TIMEOUT_MS = 5_000;
    private static final EngineSettings SETTINGS = new EngineSettings(1_000, 200, 1_000, 60_000, 1.5);

    @TempDir
    static Path data;
    private static EmbeddedKafkaCluster source;
    private static EmbeddedKafkaCluster target;
    private static EmbeddedKafkaCluster target3;

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;
    private SteadyProducer producer;

    @BeforeAll
    static void startClusters() {
        source = persistent("outage-src", 1);
        target = persistent("outage-dst", 1);
        // Per-broker restarts keep each node's ports and data, so this one needs neither fixed ports nor a dir.
        target3 = new EmbeddedKafkaCluster(ClusterSpec.builder("outage-dst3").brokers(3).build());
        target3.start();
    }

    private static EmbeddedKafkaCluster persistent(String name, int brokers) {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder(name).brokers(brokers)
                .dataDir(data.resolve(name)).portBase(SteadyProducer.freePortBase(brokers + 1)).build());
        cluster.start();
        return cluster;
    }

    @AfterAll
    static void stopClusters() {
        for (EmbeddedKafkaCluster c : new EmbeddedKafkaCluster[] {source, target, target3}) {
            if (c != null) {
                c.stop();
            }
        }
    }

    @AfterEach
    void stopEngine() {
        if (producer != null) {
            producer.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void targetBrokerRestartedCleanly() {
        String topic = "outage-a";
        startFlow(topic, target);
        copying(topic, target);

        target.stop();
        awaitSourceGrowth(200);
        target.start();

        copiesAgainAndLosesNothing(topic, target);
    }

    @Test
    void sourceBrokerRestartedCleanly() {
        String topic = "outage-b";
        startFlow(topic, target);
        copying(topic, target);

        source.stop();
        // Down until sends to it fail: longer than a delivery timeout of the clients on both sides.
        int failedBefore = producer.failed();
        await().atMost(Duration.ofSeconds(60)).until(() -> producer.failed() > failedBefore + 10);
        source.start();

        copiesAgainAndLosesNothing(topic, target);
    }

    @Test
    void targetDownLongerThanTheDeliveryTimeout() {
        String topic = "outage-c";
        startFlow(topic, target);
        copying(topic, target);

        target.stop();
        awaitSourceGrowth(RATE * 3 * DELIVERY_TIMEOUT_MS / 1000); // three delivery timeouts' worth of records
        target.start();

        copiesAgainAndLosesNothing(topic, target);
    }

    @Test
    void partitionLeaderStoppedInAThreeBrokerTarget() throws Exception {
        String topic = "outage-d";
        // Broker 1 leads every partition and brokers 2 and 0 follow: stopping broker 1 moves every leader.
        Map<Integer, List<Integer>> replicas = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            replicas.put(p, List.of(1, 2, 0));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", target3.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, replicas).configs(Map.of("min.insync.replicas", "2"))))
                    .all().get();
        }
        startFlow(topic, target3);
        copying(topic, target3);

        target3.stopBroker(1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", target3.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                assertThat(d.partitions()).allSatisfy(p -> assertThat(p.leader().id()).isNotEqualTo(1));
            });
        }
        // The route goes on with the new leaders while broker 1 is down.
        long before = count(target3.bootstrapServers(), topic);
        await().atMost(BACK_WITHIN).until(() -> count(target3.bootstrapServers(), topic) > before + RATE);
        target3.startBroker(1);

        copiesAgainAndLosesNothing(topic, target3);
    }

    private void startFlow(String topic, EmbeddedKafkaCluster to) {
        createTopic(source.bootstrapServers(), topic, PARTITIONS, Map.of());
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = new ReplicationEngine(store, SETTINGS);
        engine.createCluster(new ClusterConnection("src", source.bootstrapServers(), fastClients()));
        engine.createCluster(new ClusterConnection("dst", to.bootstrapServers(), fastClients()));
        engine.start();
        producer = new SteadyProducer(source.bootstrapServers(), topic, PARTITIONS, RATE);
        engine.createRoute(RouteDefinition.of("outage", "src", "dst", topic));
    }

    private static Map<String, String> fastClients() {
        return Map.of("delivery.timeout.ms", Integer.toString(DELIVERY_TIMEOUT_MS), "request.timeout.ms", "2000");
    }

    private static void copying(String topic, EmbeddedKafkaCluster to) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count(to.bootstrapServers(), topic) >= RATE);
    }

    private void awaitSourceGrowth(int records) {
        int from = producer.acknowledged();
        await().atMost(Duration.ofSeconds(60)).until(() -> producer.acknowledged() >= from + records);
    }

    /**
     * Within {@link #BACK_WITHIN} of the broker being back the target holds, counted once each, every record the
     * source had acknowledged until then and a second's worth more (the route moves again); then, the flow
     * stopped, every acknowledged record is on the target. Distinct sequence numbers, not end offsets: the
     * duplicates a rewind writes must not pass for progress.
     */
    private void copiesAgainAndLosesNothing(String topic, EmbeddedKafkaCluster to) {
        int moving = producer.acknowledged() + RATE;
        await().atMost(BACK_WITHIN).until(() -> distinct(to, topic).cardinality() >= moving);
        BitSet acked = producer.stop();
        await().atMost(BACK_WITHIN).untilAsserted(() -> {
            BitSet missing = (BitSet) acked.clone();
            missing.andNot(distinct(to, topic));
            assertThat(missing.cardinality()).as("acknowledged source records missing on the target, first %s",
                    missing.stream().limit(10).boxed().toList()).isZero();
        });
    }

    private static BitSet distinct(EmbeddedKafkaCluster cluster, String topic) {
        return SteadyProducer.sequences(readAll(cluster.bootstrapServers(), topic));
    }
}
