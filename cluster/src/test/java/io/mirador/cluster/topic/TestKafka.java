package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helpers: start an embedded cluster, connect, produce and commit. */
public final class TestKafka {

    private TestKafka() {
    }

    public static EmbeddedKafkaCluster start(String name, int brokers) {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder(name).brokers(brokers).build());
        cluster.start();
        return cluster;
    }

    public static ClusterClient client(EmbeddedKafkaCluster cluster) {
        return new ClusterClient(new ClusterConnection(cluster.name(), cluster.bootstrapServers()),
                Duration.ofSeconds(15));
    }

    /**
     * Waits until the brokers' metadata shows every topic with a leader on each partition: CreateTopics
     * answers once the controller has committed, a moment before brokers know the topic.
     */
    public static void awaitTopics(ClusterClient client, Collection<String> topics) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, TopicDescription> described = TopicDescriptions.of(client, topics);
            assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(topics);
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions())
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull()));
        });
    }

    /** Sends {@code count} small records to one partition and waits until all are acknowledged by every ISR. */
    public static void produce(EmbeddedKafkaCluster cluster, String topic, int partition, int count) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "value-" + i)).get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("produce to " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Commits {@code offset} on partition 0 of {@code topic} for {@code group}, as a consumer would. */
    public static void commit(EmbeddedKafkaCluster cluster, String group, String topic, long offset) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), Duration.ofSeconds(15));
        }
    }
}
