package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One broker of a three-broker cluster stopped and started again while the others keep serving. */
@Tag("integration")
class BrokerRestartTest {

    private static EmbeddedKafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("restart").brokers(3).build());
        cluster.start();
        admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        cluster.stop();
    }

    @Test
    void leadershipMovesAwayFromAStoppedBrokerAndItRejoinsTheIsr() throws Exception {
        // Broker 1 leads the partition; 2 and 0 follow.
        admin.createTopics(List.of(new NewTopic("moves", Map.of(0, List.of(1, 2, 0))))).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> partition().isr().size() == 3);
        assertThat(partition().leader().id()).isEqualTo(1);

        cluster.stopBroker(1);
        assertThat(cluster.isBrokerRunning(1)).isFalse();
        assertThat(cluster.state()).isEqualTo(ClusterState.RUNNING);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            TopicPartitionInfo p = partition();
            assertThat(p.leader().id()).isNotEqualTo(1);
            assertThat(p.isr()).extracting(org.apache.kafka.common.Node::id).doesNotContain(1);
        });
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("moves", 0, "k", "while broker 1 is down")).get(30, TimeUnit.SECONDS);
        }

        cluster.startBroker(1);
        assertThat(cluster.isBrokerRunning(1)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> partition().isr().size() == 3);
    }

    @Test
    void theControllerNodeStopsOnlyWithTheCluster() {
        assertThatThrownBy(() -> cluster.stopBroker(0)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("also its controller");
        assertThatThrownBy(() -> cluster.stopBroker(3)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("has no broker 3");
        assertThat(cluster.isBrokerRunning(0)).isTrue();
    }

    private static TopicPartitionInfo partition() throws Exception {
        TopicDescription d = admin.describeTopics(List.of("moves")).allTopicNames().get(10, TimeUnit.SECONDS).get("moves");
        return d.partitions().get(0);
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
