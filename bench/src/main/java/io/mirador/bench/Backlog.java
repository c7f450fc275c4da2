package io.mirador.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The backlog every contender copies: {@code records} records of a value of {@code valueBytes} bytes
 * ({@value #VALUE_BYTES} unless told otherwise) and a small key ({@code k0}..{@code k999}), round-robin over {@value #PARTITIONS} partitions of one source topic.
 * Written once, before anything is measured.
 *
 * <p>Values are random bytes: Mirador's producer compresses with lz4, and compressible values would let it
 * look faster than the copy really is. The backlog producer itself uses linger 20 ms, 256 KiB batches and no
 * compression, so the source log holds the records as they will be read.
 */
final class Backlog {

    static final int PARTITIONS = 8;
    static final int VALUE_BYTES = 100;

    private final String topic;
    private final long records;
    private final int valueBytes;
    private long payloadBytes;

    Backlog(String topic, long records) {
        this(topic, records, VALUE_BYTES);
    }

    Backlog(String topic, long records, int valueBytes) {
        this.topic = topic;
        this.records = records;
        this.valueBytes = valueBytes;
    }

    String topic() {
        return topic;
    }

    long records() {
        return records;
    }

    int valueBytes() {
        return valueBytes;
    }

    /** Key plus value bytes of the whole backlog: the MB in MB/s. */
    long payloadBytes() {
        return payloadBytes;
    }

    /** Creates the topic and fills it; returns the elapsed milliseconds. */
    double produce(String bootstrap) throws Exception {
        long start = System.nanoTime();
        createTopic(bootstrap, topic, PARTITIONS);
        byte[] value = new byte[valueBytes];
        new Random(42).nextBytes(value);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(fastProducer(bootstrap))) {
            for (long i = 0; i < records; i++) {
                byte[] key = ("k" + (i % 1000)).getBytes();
                payloadBytes += key.length + value.length;
                producer.send(new ProducerRecord<>(topic, (int) (i % PARTITIONS), key, value));
            }
            producer.flush();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    static Properties fastProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return p;
    }

    /**
     * Creates a topic and returns once every partition's leader answers ListOffsets, as Mirador's TopicSync waits
     * for a target topic it creates: a producer that writes into a partition whose leader is still creating its log
     * gets its first batch refused while later ones pass, and the idempotent producer then stalls on that partition
     * until the delivery timeout. Every contender thus pays the same readiness wait inside its clock.
     */
    static void createTopic(String bootstrap, String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
            // Metadata of a new topic reaches the brokers a moment after CreateTopics returns: ask again until then.
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try {
                    admin.listOffsets(latest).all().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                            || System.currentTimeMillis() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                }
            }
        }
    }
}
