package io.mirador.ui.service.mirroring;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Two real single-broker clusters, {@code src} and {@code dst}, shared by the tests of one class. */
final class TwoClusters implements AutoCloseable {

    final EmbeddedKafkaCluster source = new EmbeddedKafkaCluster(ClusterSpec.builder("src").build());
    final EmbeddedKafkaCluster target = new EmbeddedKafkaCluster(ClusterSpec.builder("dst").build());

    TwoClusters start() {
        source.start();
        target.start();
        return this;
    }

    void createTopic(EmbeddedKafkaCluster cluster, String topic, int partitions) {
        try (Admin admin = admin(cluster)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Produces values {@code from..to-1}, keyed, round robin over {@code partitions}; returns once all are acknowledged. */
    void produce(String topic, int partitions, int from, int to) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    /** Sum of the end offsets of {@code topic}: its record count (no compaction, no transactions here). */
    long records(EmbeddedKafkaCluster cluster, String topic) {
        try (Admin admin = admin(cluster)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException e) {
            return -1; // the target topic may not be created yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Commits {@code offset} for an (empty) consumer group on a source partition, as a consumer would. */
    void commitGroup(String group, String topic, int partition, long offset) {
        try (Admin admin = admin(source)) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, partition),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Admin admin(EmbeddedKafkaCluster cluster) {
        return Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
    }

    @Override
    public void close() {
        target.close();
        source.close();
    }
}
