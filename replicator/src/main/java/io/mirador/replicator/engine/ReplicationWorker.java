package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import io.mirador.replicator.state.Checkpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the partitions it owns: a consumer in assign mode on the source and an idempotent, acks=all
 * producer on the target. Key, value, headers, timestamp and partition are kept; a provenance header is added
 * unless switched off.
 *
 * <p>Delivery: at least once, never a loss. A partition's checkpoint ({@link PartitionProgress#ackedNext})
 * moves only on the target's acknowledgement, and acks of one target partition arrive in send order. After a
 * failed send the worker drops its producer, rewinds every partition to its checkpoint and goes on.
 *
 * <p>Threading: one thread of its own runs the consumer and producer ({@link #run()}); other threads talk to it
 * only through the command queue ({@link #assign}, {@link #revoke}, {@link #pause}) and read progress through
 * {@link #progress()}.
 */
final class ReplicationWorker implements Runnable {

    static final String PROVENANCE_HEADER = "mirador.provenance";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final WorkerSettings settings;
    private final RateLimiter rateLimiter;
    private final Consumer<List<Checkpoint>> checkpointSink;
    private final Consumer<String> errorSink;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> owned = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private long lastCheckpointMs;

    ReplicationWorker(WorkerSettings settings, RateLimiter rateLimiter, Consumer<List<Checkpoint>> checkpointSink,
                      Consumer<String> errorSink) {
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.checkpointSink = checkpointSink;
        this.errorSink = errorSink;
    }

    int id() {
        return settings.workerId();
    }

    /** Progress of the partitions this worker owns now; the map is live, its values mutate. */
    Map<TopicPartition, PartitionProgress> progress() {
        return owned;
    }

    /** Takes over {@code partitions}, each starting at its progress' {@code ackedNext}. */
    void assign(List<PartitionProgress> partitions) {
        commands.add(() -> {
            for (PartitionProgress p : partitions) {
                p.provenanceOf(settings.sourceClusterId());
                owned.put(p.source, p);
            }
            reassignConsumer();
            for (PartitionProgress p : partitions) {
                consumer.seek(p.source, p.ackedNext);
            }
        });
        wakeUp();
    }

    /**
     * Gives up {@code partitions} after everything sent for them is acknowledged; the future completes with
     * their final progress (checkpointed), from which another worker resumes without a gap.
     */
    CompletableFuture<List<PartitionProgress>> revoke(List<TopicPartition> partitions) {
        CompletableFuture<List<PartitionProgress>> done = new CompletableFuture<>();
        commands.add(() -> {
            producer.flush();
            List<PartitionProgress> released = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                PartitionProgress p = owned.remove(tp);
                if (p != null) {
                    released.add(p);
                }
            }
            reassignConsumer();
            checkpoint(released);
            done.complete(released);
        });
        wakeUp();
        return done;
    }

    void pause(boolean pause) {
        paused = pause;
        wakeUp();
    }

    /** Stops after flushing the producer and writing a last checkpoint. Returns at once; see {@link #run()}. */
    void stop() {
        running = false;
        wakeUp();
    }

    @Override
    public void run() {
        consumer = new KafkaConsumer<>(consumerProps());
        producer = new KafkaProducer<>(producerProps());
        try {
            while (running) {
                try {
                    loopOnce();
                } catch (WakeupException e) {
                    // Another thread queued a command or asked us to stop: go round again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Worker {} of route {} stopped on an error", settings.workerId(), settings.route(), e);
            errorSink.accept("worker " + settings.workerId() + " stopped: " + e);
        } finally {
            shutdown();
        }
    }

    private void loopOnce() throws InterruptedException {
        drainCommands();
        if (paused) {
            consumer.pause(consumer.assignment());
        } else {
            consumer.resume(consumer.paused());
        }
        ConsumerRecords<byte[], byte[]> records = pollQuietly();
        // Per partition, so the partition's progress is looked up once per batch, not once per record.
        for (TopicPartition tp : records.partitions()) {
            PartitionProgress p = owned.get(tp);
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                if (!running || p == null || p.failed) {
                    break;
                }
                send(p, record);
            }
        }
        rewindFailedPartitions();
        maybeCheckpoint(false);
    }

    private ConsumerRecords<byte[], byte[]> pollQuietly() {
        if (consumer.assignment().isEmpty()) {
            try {
                // Nothing to read: wait for a command instead of spinning.
                synchronized (commands) {
                    if (commands.isEmpty() && running) {
                        commands.wait(POLL.toMillis());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            return ConsumerRecords.empty();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (PartitionProgress p : owned.values()) {
            consumer.currentLag(p.source).ifPresent(lag -> p.endOffset = consumer.position(p.source) + lag);
        }
        return records;
    }

    private void send(PartitionProgress p, ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        int bytes = size(record);
        rateLimiter.acquire(bytes);
        Header[] source = record.headers().toArray();
        Header[] headers;
        if (settings.provenanceHeader()) {
            headers = java.util.Arrays.copyOf(source, source.length + 1);
            headers[source.length] = new RecordHeader(PROVENANCE_HEADER, p.provenance(record.offset()));
        } else {
            headers = source;
        }
        ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(p.targetTopic, p.targetPartition,
                record.timestamp(), record.key(), record.value(), new RecordHeaders(headers));
        long offset = record.offset();
        long timestamp = record.timestamp();
        p.sending(offset);
        producer.send(copy, (metadata, error) -> {
            if (error == null) {
                p.acked(offset, metadata.offset(), bytes);
                p.latency.record(System.currentTimeMillis() - timestamp);
            } else {
                if (!p.failed) {
                    // Once per failure, not once per record of the failed batches.
                    LOG.warn("Route {}: copy of {} offset {} failed, will resend from the checkpoint: {}",
                            settings.route(), p.source, offset, error.toString());
                }
                p.sendFailed();
            }
        });
    }

    /**
     * After a failed send the idempotent producer's sequence for that partition is broken: replace the
     * producer and resend everything after each partition's checkpoint. Duplicates, never gaps.
     */
    private void rewindFailedPartitions() {
        if (owned.values().stream().noneMatch(p -> p.failed)) {
            return;
        }
        errorSink.accept("worker " + settings.workerId() + " rewinds to its checkpoints after a failed send");
        producer.close(Duration.ZERO);
        producer = new KafkaProducer<>(producerProps());
        for (PartitionProgress p : owned.values()) {
            p.rewind();
            consumer.seek(p.source, p.ackedNext);
        }
    }

    private void maybeCheckpoint(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastCheckpointMs < settings.checkpointIntervalMs()) {
            return;
        }
        lastCheckpointMs = now;
        for (PartitionProgress p : owned.values()) {
            if (consumer.assignment().contains(p.source)) {
                p.skipTo(consumer.position(p.source, Duration.ofSeconds(1)));
            }
        }
        checkpoint(owned.values());
    }

    private void checkpoint(java.util.Collection<PartitionProgress> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (PartitionProgress p : partitions) {
            checkpoints.add(new Checkpoint(settings.route(), p.source.topic(), p.source.partition(), p.ackedNext,
                    p.targetPartition, p.lastTargetOffset, now));
        }
        checkpointSink.accept(checkpoints);
    }

    private void drainCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void reassignConsumer() {
        consumer.assign(new ArrayList<>(owned.keySet()));
    }

    private void wakeUp() {
        synchronized (commands) {
            commands.notifyAll();
        }
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void shutdown() {
        try {
            if (producer != null) {
                producer.flush();
            }
            drainCommands();
            try {
                maybeCheckpoint(true);
            } catch (WakeupException e) {
                // stop() woke the consumer once more; the wake-up is spent now, so the retry runs through.
                maybeCheckpoint(true);
            }
        } catch (RuntimeException e) {
            LOG.warn("Route {} worker {}: last checkpoint not written: {}", settings.route(), settings.workerId(), e.toString());
        } finally {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private Properties consumerProps() {
        return WorkerClients.consumer(settings.sourceClientProps(),
                "mirador-" + settings.route() + "-" + settings.workerId() + "-source");
    }

    private Properties producerProps() {
        return WorkerClients.producer(settings.targetClientProps(),
                "mirador-" + settings.route() + "-" + settings.workerId() + "-target");
    }

    private static int size(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    }
}
