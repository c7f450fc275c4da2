package io.mirador.ui.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics and records of a real cluster for the tests, through plain Kafka clients. */
public final class TestTopics {

    private TestTopics() {
    }

    public static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Creates the topics and waits until they exist. */
    public static void create(String bootstrap, NewTopic... topics) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(topics)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends {@code count} string records, record {@code i} made by {@code record}, and returns once every one is
     * acknowledged. One request in flight: a fresh topic on a just-started broker can answer pipelined idempotent
     * batches with OutOfOrderSequence.
     */
    public static void produce(String bootstrap, int count, IntFunction<ProducerRecord<String, String>> record) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        List<Exception> failures = new CopyOnWriteArrayList<>();
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                int seq = i;
                producer.send(record.apply(i), (metadata, error) -> {
                    if (error != null) {
                        failures.add(error);
                    } else {
                        acknowledged.add(seq);
                    }
                });
            }
            producer.flush();
        }
        assertThat(failures).as("send failures").isEmpty();
        assertThat(acknowledged).as("acknowledged sends").hasSize(count);
    }

    /** Records in partitions {@code 0..partitions-1} of {@code topic}: 0 while the topic does not exist. */
    public static long endOffsets(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }
}
