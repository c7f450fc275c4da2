package io.mirador.ui.service.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler against a real one-broker cluster and a real H2 file. The sampler gets a client of its own so
 * that the request counts are its requests only; test setup goes through a separate Admin.
 */
@Tag("integration")
class ClusterSamplerTest {

    private static final String CLUSTER = "sampled";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaCluster kafka;
    private static ClusterClient client;
    private static Admin setup;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaCluster(ClusterSpec.builder("sampler-test").brokers(1).build());
        kafka.start();
        client = new ClusterClient(new ClusterConnection(CLUSTER, kafka.bootstrapServers()), Duration.ofSeconds(15));
        setup = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        if (setup != null) {
            setup.close();
        }
        if (client != null) {
            client.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    /** Our cluster's client; any other name is a cluster that went away. */
    private static final Function<String, ClusterClient> CLIENTS = name -> {
        if (!name.equals(CLUSTER)) {
            throw new ClusterException("cluster " + name + " is not running", null);
        }
        return client;
    };

    private static ClusterSampler sampler(ReplicationStore store, String... clusters) {
        return new ClusterSampler(() -> List.of(clusters), CLIENTS, () -> store, ClusterSampler.DEFAULT_INTERVAL,
                Clock.systemUTC());
    }

    @Test
    void recordsInRatesAndTheRealLagAndKeepsThemAcrossARestart() throws Exception {
        createTopics(Map.of("orders", 3));
        produce("orders", 0, 10);
        produce("orders", 1, 10);
        produce("orders", 2, 10);
        commit("billing", Map.of(tp("orders", 0), 4L, tp("orders", 1), 10L, tp("orders", 2), 0L));
        String location = dir.resolve("state").toString();
        ReplicationStore store = JdbcReplicationStore.open(location);
        String route = ClusterSampler.route(CLUSTER);
        List<MetricSample> lags;
        List<MetricSample> rates;
        try (ClusterSampler sampler = sampler(store, CLUSTER, "gone")) {
            SamplerRound first = sampler.sampleOnce();
            assertThat(first.clusters()).isEqualTo(2);
            assertThat(first.failedClusters()).isEqualTo(1);
            assertThat(first.topics()).isGreaterThanOrEqualTo(1);
            assertThat(first.groups()).isGreaterThanOrEqualTo(1);
            assertThat(first.adminRequests()).isPositive();
            assertThat(samples(store, route, ClusterSampler.TOPIC_IN_RATE, "orders"))
                    .as("no rate from a single reading").isEmpty();

            produce("orders", 0, 50);
            commit("billing", Map.of(tp("orders", 0), 20L, tp("orders", 1), 10L, tp("orders", 2), 0L));
            SamplerRound second = sampler.sampleOnce();
            assertThat(second.failedClusters()).isEqualTo(1);

            rates = samples(store, route, ClusterSampler.TOPIC_IN_RATE, "orders");
            assertThat(rates).hasSize(1);
            assertThat(rates.get(0).value()).isPositive();
            assertThat(samples(store, route, ClusterSampler.CLUSTER_IN_RATE, "")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(rates.get(0).value()));
            assertThat(samples(store, route, ClusterSampler.CLUSTER_OUT_RATE, "")).singleElement()
                    .satisfies(s -> assertThat(s.value()).isPositive());
            lags = samples(store, route, ClusterSampler.GROUP_LAG, "billing");
            assertThat(lags).hasSize(2);
            // 60 - 20, 10 - 10 and 10 - 0, read independently of the sampler.
            assertThat(realLag("billing")).isEqualTo(50);
            assertThat(lags.get(1).value()).isEqualTo(50.0);
            assertThat(lags.get(0).value()).isEqualTo(6.0 + 0 + 10);
        }
        store.close();

        try (ReplicationStore reopened = JdbcReplicationStore.open(location)) {
            assertThat(samples(reopened, route, ClusterSampler.GROUP_LAG, "billing")).isEqualTo(lags);
            assertThat(samples(reopened, route, ClusterSampler.TOPIC_IN_RATE, "orders")).isEqualTo(rates);
            MetricHistoryService history = new MetricHistoryService(() -> reopened);
            assertThat(history.series(CLUSTER, ClusterSampler.GROUP_LAG, "billing", Range.HOUR).points())
                    .extracting(HistoryPoint::value).containsExactly(16.0, 50.0);
        }
    }

    @Test
    void requestsPerRoundStayTheSameWhenTheTopicsDouble() throws Exception {
        Map<String, Integer> first = new HashMap<>();
        IntStream.range(0, 20).forEach(i -> first.put("batch-a-" + i, 2));
        createTopics(first);
        commit("batch-reader", Map.of(tp("batch-a-0", 0), 0L, tp("batch-a-1", 1), 0L));
        try (ReplicationStore store = JdbcReplicationStore.open("jdbc:h2:mem:");
             ClusterSampler sampler = sampler(store, CLUSTER)) {
            List<SamplerRound> before = rounds(sampler, 3);
            SamplerRound steady = before.get(2);

            Map<String, Integer> more = new HashMap<>();
            IntStream.range(0, steady.topics()).forEach(i -> more.put("batch-b-" + i, 2));
            createTopics(more);
            List<SamplerRound> after = rounds(sampler, 3);
            SamplerRound doubled = after.get(2);

            assertThat(doubled.topics()).as("rounds %s then %s", before, after).isEqualTo(2 * steady.topics());
            assertThat(doubled.partitions()).isGreaterThan(steady.partitions());
            assertThat(doubled.adminRequests()).as("rounds %s then %s", before, after)
                    .isEqualTo(steady.adminRequests());
            // Six batched Admin calls, each one request on a one-broker cluster, plus leader and coordinator lookups.
            assertThat(steady.adminRequests()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void samplesEveryIntervalOnceStartedAndStopsWhenClosed() throws Exception {
        createTopics(Map.of("ticks", 1));
        commit("ticker", Map.of(tp("ticks", 0), 0L));
        try (ReplicationStore store = JdbcReplicationStore.open("jdbc:h2:mem:")) {
            String route = ClusterSampler.route(CLUSTER);
            ClusterSampler sampler = new ClusterSampler(() -> List.of("gone", CLUSTER), CLIENTS, () -> store,
                    Duration.ofMillis(200), Clock.systemUTC());
            sampler.start();
            assertThat(sampler.isRunning()).isTrue();
            // A cluster that fails every round does not stop the others, nor later rounds.
            await().atMost(WAIT).until(() -> samples(store, route, ClusterSampler.GROUP_LAG, "ticker").size() >= 3);
            await().atMost(WAIT).until(() -> !samples(store, route, ClusterSampler.CLUSTER_IN_RATE, "").isEmpty());
            sampler.close();
            assertThat(sampler.isRunning()).isFalse();
            int written = samples(store, route, ClusterSampler.GROUP_LAG, "ticker").size();
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                    .until(() -> samples(store, route, ClusterSampler.GROUP_LAG, "ticker").size() == written);
        }
    }

    private static List<SamplerRound> rounds(ClusterSampler sampler, int n) {
        List<SamplerRound> rounds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rounds.add(sampler.sampleOnce());
        }
        return rounds;
    }

    private static List<MetricSample> samples(ReplicationStore store, String route, String metric, String scope) {
        return store.samples(route, metric, scope, 0, Long.MAX_VALUE);
    }

    private static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }

    private static void createTopics(Map<String, Integer> partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        partitions.forEach((name, count) -> topics.add(new NewTopic(name, count, (short) 1)));
        setup.createTopics(topics).all().get();
        // CreateTopics answers once the controller committed, a moment before the broker leads the partitions.
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, TopicDescription> described = setup.describeTopics(partitions.keySet()).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions())
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull()));
        });
    }

    private static void produce(String topic, int partition, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, null, "record-" + i)).get();
            }
        }
    }

    /** Commits offsets for a group with no members, the way an offsets reset does: no consumer needed. */
    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        setup.alterConsumerGroupOffsets(group, commits).all().get();
    }

    /** The group's lag as Kafka's own tools compute it: end offset minus committed, summed. */
    private static long realLag(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                setup.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = setup.listOffsets(latest).all().get();
        long lag = 0;
        for (var e : committed.entrySet()) {
            lag += ends.get(e.getKey()).offset() - e.getValue().offset();
        }
        return lag;
    }
}
