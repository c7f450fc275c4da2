package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A target topic that {@link TopicSync#ensureTarget} created is writable on every partition the moment it returns.
 * Before, it returned once metadata named a leader for each partition, while the leader could still be creating
 * the partition's log: a first produce request then failed (NOT_LEADER_OR_FOLLOWER), and an idempotent producer's
 * later batches, already in flight, overtook the first, which then met OutOfOrderSequence until the delivery
 * timeout: the 30 s stall of a fresh target topic. A producer that does not retry shows the refused first request.
 */
@Tag("integration")
class TopicSyncReadinessTest {

    private static Sandbox sandbox;
    private static String bootstrap;

    @BeforeAll
    static void startCluster() {
        sandbox = new Sandbox(new SandboxSpec(List.of("dst"), 1, null, 0, false, 0));
        sandbox.start();
        bootstrap = sandbox.cluster("dst").orElseThrow().bootstrapServers();
    }

    @AfterAll
    static void stopCluster() {
        sandbox.stop();
    }

    @Test
    void everyPartitionOfACreatedTargetTakesRecordsAtOnce() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.RETRIES_CONFIG, 0); // a refused first request shows instead of being retried
        int partitions = 8;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            TopicSync sync = new TopicSync("ready", admin, admin, event -> { });
            List<String> refused = new ArrayList<>();
            for (int t = 0; t < 15; t++) {
                String name = "fresh-" + t;
                sync.ensureTarget(new SourceTopic("source-" + t, "id-" + t, partitions, 1, Map.of()), name, false);
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    sends.add(producer.send(new ProducerRecord<>(name, p, null, new byte[] {1})));
                }
                for (int p = 0; p < partitions; p++) {
                    try {
                        sends.get(p).get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        refused.add(name + "-" + p + ": " + e.getCause());
                    }
                }
            }
            assertThat(refused).as("partitions that refused their first record").isEmpty();
        }
    }
}
