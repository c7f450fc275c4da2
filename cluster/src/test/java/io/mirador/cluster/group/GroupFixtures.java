package io.mirador.cluster.group;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Topics, records and consumers for the group tests, against a real broker. */
final class GroupFixtures {

    private GroupFixtures() {
    }

    static void createTopic(Admin admin, String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    /** {@code count} records on one partition; record i has timestamp {@code firstTimestamp + i * stepMs}. */
    static void produce(String bootstrap, String topic, int partition, int count, long firstTimestamp, long stepMs)
            throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, firstTimestamp + i * stepMs, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    static void produce(String bootstrap, String topic, int partition, int count) throws Exception {
        produce(bootstrap, topic, partition, count, System.currentTimeMillis(), 0);
    }

    /**
     * Joins {@code group} as a real subscriber (classic protocol), waits for its assignment, commits
     * {@code offsets} as if it had processed up to there, and closes: the group is then empty.
     */
    static void commit(String bootstrap, String group, Map<TopicPartition, Long> offsets) {
        Set<String> topics = offsets.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(bootstrap, group, "classic"))) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!consumer.assignment().containsAll(offsets.keySet())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + group + " got no assignment for " + offsets.keySet());
                }
                consumer.poll(Duration.ofMillis(100));
            }
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

    static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> offsets.put(tp, om.offset()));
        return offsets;
    }

    static Map<String, Object> consumerProps(String bootstrap, String group, String protocol) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return props;
    }

    /** A consumer (KIP-848 "consumer" protocol) polling in its own thread until closed. */
    static final class PollingConsumer implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        PollingConsumer(String bootstrap, String group, String clientId, Collection<String> topics) {
            Map<String, Object> props = consumerProps(bootstrap, group, "consumer");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            consumer = new KafkaConsumer<>(props);
            thread = new Thread(() -> {
                try {
                    consumer.subscribe(topics);
                    while (running) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } finally {
                    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
                }
            }, "polling-" + group);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
    }
}
