package io.mirador.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import io.mirador.replicator.engine.WorkerClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

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
        CompletableFuture<Void> pipe = CompletableFuture.runAsync(() -> pipe(source, target, backlog.topic(), targetTopic),
                task -> new Thread(task, "bench-raw-pipe").start());
        long first = watch.await(targetTopic, backlog.records(), 600_000);
        CopyTime elapsed = CopyTime.since(start, first);
        pipe.join();
        watch.delete(targetTopic);
        return elapsed;
    }

    /**
     * The pipe as a process of its own, for {@link ProcessContenders}: {@code RawPipe <source> <target> <topic>
     * <target-topic>} creates the target topic and copies the topic's current records into it, then waits to be
     * stopped, like {@code mirador mirror}, so that the benchmark reads its CPU time from a live process.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: RawPipe <source-bootstrap> <target-bootstrap> <topic> <target-topic>");
            System.exit(2);
        }
        Backlog.createTopic(args[1], args[3], Backlog.PARTITIONS);
        pipe(args[0], args[1], args[2], args[3]);
        new java.util.concurrent.CountDownLatch(1).await();
    }

    private static void pipe(String source, String target, String topic, String targetTopic) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Backlog.PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(source));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(target))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(targetTopic, r.partition(), r.timestamp(), r.key(), r.value(),
                            r.headers()), (metadata, error) -> {
                        if (error != null && !failed.getAndSet(true)) {
                            // Once: the pipe has no rewind, so its copy will never complete; say why.
                            System.err.println("raw pipe: send failed, records lost: " + error);
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

    /** Exactly the clients a Mirador worker uses, so the pipe differs only in what Mirador adds. */
    private static Properties consumerProps(String source) {
        return WorkerClients.consumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source), "raw-pipe-source");
    }

    private static Properties producerProps(String target) {
        return WorkerClients.producer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target), "raw-pipe-target");
    }
}
