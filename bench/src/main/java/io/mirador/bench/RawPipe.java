package io.mirador.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The practical limit: one plain consumer (all partitions assigned, from the beginning) feeding one producer,
 * in one thread, with no bookkeeping at all. Its client settings mirror Mirador's ReplicationWorker
 * (consumerProps/producerProps) so that the ratio measures Mirador's overhead, not different tuning.
 */
final class RawPipe implements Contender {

    private final String source;
    private final String target;
    private final Backlog backlog;
    private final TargetWatch watch;

    RawPipe(String source, String target, Backlog backlog, TargetWatch watch) {
        this.source = source;
        this.target = target;
        this.backlog = backlog;
        this.watch = watch;
    }

    @Override
    public String name() {
        return "raw pipe (1 consumer -> 1 producer)";
    }

    @Override
    public CopyTime copy(int round) throws Exception {
        String targetTopic = "raw-r" + round + "." + backlog.topic();
        long start = System.nanoTime();
        // Created inside the clock: Mirador and MirrorMaker 2 create their target topics inside it too.
        Backlog.createTopic(target, targetTopic, Backlog.PARTITIONS);
        // The pipe runs on a thread of its own while this one watches the target, as for the other contenders.
        CompletableFuture<Void> pipe = CompletableFuture.runAsync(() -> pipe(targetTopic),
                task -> new Thread(task, "bench-raw-pipe").start());
        long first = watch.await(targetTopic, backlog.records(), 600_000);
        CopyTime elapsed = CopyTime.since(start, first);
        pipe.join();
        watch.delete(targetTopic);
        return elapsed;
    }

    private void pipe(String targetTopic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Backlog.PARTITIONS; p++) {
            partitions.add(new TopicPartition(backlog.topic(), p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(targetTopic, r.partition(), r.timestamp(), r.key(), r.value(),
                            r.headers()), (metadata, error) -> {
                        if (error != null) {
                            System.err.println("raw pipe: send failed: " + error);
                        }
                    });
                }
            }
            producer.flush();
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** ReplicationWorker.consumerProps(), minus client id and auto-commit details that do not apply. */
    private Properties consumerProps() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        return p;
    }

    /** ReplicationWorker.producerProps(): acks=all, idempotent, 5 in flight, linger 5 ms, 256 KiB batches, lz4. */
    private Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }
}
