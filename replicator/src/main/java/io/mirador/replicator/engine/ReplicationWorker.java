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
import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the partitions it owns: a consumer in assign mode on the source and an idempotent, acks=all
 * producer on the target. Key, value, headers, timestamp and partition are kept; a provenance header is added
 * unless switched off.
 *
 * <p>Delivery: at least once, never a silent loss. A partition's checkpoint ({@link PartitionProgress#ackedNext})
 * moves only on the target's acknowledgement, and acks of one target partition arrive in send order. After a
 * failed send the worker drops its producer, rewinds every partition to its checkpoint and goes on. The
 * consumer never resets an offset by itself ({@code auto.offset.reset=none}): when the source no longer has the
 * records after a checkpoint, the worker reports the range as lost ({@link ReplicationEvent#DATA_LOSS}) and
 * applies the route's policy, and when the source log was truncated below it, says so and follows the log.
 *
 * <p>Threading: one thread of its own runs the consumer and producer ({@link #run()}); other threads talk to it
 * only through the command queue ({@link #assign}, {@link #revoke}, {@link #pause}) and read progress through
 * {@link #progress()}.
 */
final class ReplicationWorker implements CopyWorker {

    static final String PROVENANCE_HEADER = Provenance.HEADER;
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long MAX_REWIND_BACKOFF_MS = 5_000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final WorkerSettings settings;
    private final RateLimiter rateLimiter;
    private final Consumer<List<Checkpoint>> checkpointSink;
    private final Consumer<ReplicationEvent> events;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> owned = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile boolean paused;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private long lastCheckpointMs;
    /** Rewinds in a row with no checkpoint moving in between, and the checkpoints' sum at the last one. */
    private int failedRewinds;
    private long ackedAtLastRewind = -1;

    /**
     * @param checkpointSink saves checkpoints; when it throws, the worker stops at once (its route fails), since
     *                       records copied past a checkpoint that cannot be saved would be copied again
     */
    ReplicationWorker(WorkerSettings settings, RateLimiter rateLimiter, Consumer<List<Checkpoint>> checkpointSink,
                      Consumer<ReplicationEvent> events) {
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.checkpointSink = checkpointSink;
        this.events = events;
    }

    @Override
    public int id() {
        return settings.workerId();
    }

    /** Progress of the partitions this worker owns now; the map is live, its values mutate. */
    @Override
    public Map<TopicPartition, PartitionProgress> progress() {
        return owned;
    }

    /** Takes over {@code partitions}, each starting at its progress' {@code ackedNext}. */
    @Override
    public void assign(List<PartitionProgress> partitions) {
        commands.add(() -> {
            for (PartitionProgress p : partitions) {
                p.provenanceOf(settings.sourceClusterId(), settings.targetClusterId());
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
    @Override
    public CompletableFuture<List<PartitionProgress>> revoke(List<TopicPartition> partitions) {
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

    @Override
    public void pause(boolean pause) {
        paused = pause;
        wakeUp();
    }

    /** Stops after flushing the producer and writing a last checkpoint. Returns at once; see {@link #run()}. */
    @Override
    public void stop() {
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
            warn(ReplicationEvent.ERROR, "worker " + settings.workerId() + " stopped: " + e);
        } finally {
            shutdown();
        }
    }

    private void loopOnce() throws InterruptedException {
        drainCommands();
        pauseOrResume();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = pollQuietly();
        } catch (OffsetOutOfRangeException e) {
            handleOutOfRange(e);
            return;
        }
        // Per partition: one progress lookup and one SendBatch (the records' shared callback) per partition and poll.
        for (TopicPartition tp : records.partitions()) {
            PartitionProgress p = owned.get(tp);
            if (!running || p == null || p.failed) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> batchRecords = records.records(tp);
            SendBatch batch = p.openBatch(batchRecords.size());
            try {
                for (ConsumerRecord<byte[], byte[]> record : batchRecords) {
                    if (!running || p.failed) {
                        break;
                    }
                    send(p, batch, record);
                }
            } finally {
                batch.seal();
            }
        }
        rewindFailedPartitions();
        maybeCheckpoint(false);
    }

    /** Everything paused while the route is; otherwise only partitions stopped by the data-loss policy. */
    private void pauseOrResume() {
        List<TopicPartition> stop = new ArrayList<>();
        List<TopicPartition> go = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            PartitionProgress p = owned.get(tp);
            (paused || p == null || p.stoppedOnDataLoss ? stop : go).add(tp);
        }
        consumer.pause(stop);
        consumer.resume(go);
    }

    /**
     * The source does not have the offset a partition is to be read from. With everything sent acknowledged first
     * (so that a checkpoint may move without an ack), each such partition is compared with the source's log:
     * <ul>
     *   <li>the log was truncated below records already copied (the consumer found a diverging leader epoch, or
     *       the log end is now below the checkpoint): copying follows the log from the point of divergence, and
     *       an event says which copied offsets the source no longer has;</li>
     *   <li>the log starts after the checkpoint (retention, {@code deleteRecords}): the records between were never
     *       copied and cannot be. An event and the partition's lost-record count name the range; then the route's
     *       policy continues from the log start or stops the partition.</li>
     * </ul>
     * Never silent, never a skip that is not reported.
     */
    private void handleOutOfRange(OffsetOutOfRangeException e) throws InterruptedException {
        producer.flush();
        rewindFailedPartitions();
        Map<TopicPartition, OffsetAndMetadata> divergent = e instanceof LogTruncationException t
                ? t.divergentOffsets() : Map.of();
        List<TopicPartition> partitions = e.partitions().stream().filter(owned::containsKey).toList();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            PartitionProgress p = owned.get(tp);
            long checkpoint = p.ackedNext;
            long logStart = start.get(tp);
            long logEnd = end.get(tp);
            OffsetAndMetadata diverged = divergent.get(tp);
            if (diverged != null && diverged.offset() < checkpoint) {
                truncated(p, checkpoint, diverged.offset(), "its leader's log diverged (an unclean leader election?)");
            } else if (checkpoint > logEnd) {
                truncated(p, checkpoint, logEnd, "its log now ends there");
            } else if (checkpoint < logStart) {
                lost(p, checkpoint, logStart);
            } else {
                consumer.seek(tp, checkpoint); // in range again (the log start moved while we asked): go on
            }
        }
    }

    private void truncated(PartitionProgress p, long checkpoint, long resumeAt, String why) {
        warn(ReplicationEvent.SOURCE_TRUNCATED, p.source + ": the source no longer has offsets " + resumeAt + " to "
                + (checkpoint - 1) + ", which were already copied (" + why + "); the target keeps them, and copying"
                + " goes on from offset " + resumeAt);
        p.resetTo(resumeAt);
        consumer.seek(p.source, resumeAt);
    }

    private void lost(PartitionProgress p, long checkpoint, long logStart) {
        long count = logStart - checkpoint;
        p.lostRecords += count;
        p.lastLossMs = System.currentTimeMillis();
        String range = p.source + ": offsets " + checkpoint + " to " + (logStart - 1) + " (" + count
                + " records) were deleted on the source before they could be copied (retention or deleteRecords)";
        if (settings.stopOnDataLoss()) {
            p.stoppedOnDataLoss = true;
            events.accept(ReplicationEvent.error(settings.route(), ReplicationEvent.DATA_LOSS, range
                    + "; the partition is stopped (policy: stop); restart the route to continue from offset " + logStart));
        } else {
            events.accept(ReplicationEvent.error(settings.route(), ReplicationEvent.DATA_LOSS, range
                    + "; copying goes on from offset " + logStart));
            p.resetTo(logStart);
            consumer.seek(p.source, logStart);
        }
    }

    private ConsumerRecords<byte[], byte[]> pollQuietly() {
        if (consumer.assignment().isEmpty()) {
            try {
                // Nothing to read: wait for a command instead of spinning.
                waitForCommand(POLL.toMillis());
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

    /**
     * Hands one record to the producer, unless the loop guard says it must not be copied. The copy reuses the
     * consumed record's headers object, with the provenance header extended: the consumer made that object for this
     * record alone, and nothing reads it afterwards (a rewind reads the records again).
     *
     * <p>Loop guard, always on (the header is written only when the route adds it): a record that has been in the
     * target cluster and topic already is skipped (A to B to A), and so is one whose origin cluster has a route of
     * its own into the target for this topic (in a mesh, that route copies it; forwarding it too would make a
     * duplicate). Skipped records are covered by their batch, so checkpoints pass them.
     */
    private void send(PartitionProgress p, SendBatch batch, ConsumerRecord<byte[], byte[]> record)
            throws InterruptedException {
        Headers headers = record.headers();
        org.apache.kafka.common.header.Header existing = headers.lastHeader(PROVENANCE_HEADER);
        Provenance provenance = existing == null ? null : Provenance.read(existing.value());
        if (provenance != null && provenance.hasHops() && provenance.skipInto(p, record.topic(), settings.directRoutes())) {
            if (provenance.origin() == p.targetHop() && provenance.originPartition() == p.targetPartition) {
                batch.skipAt(record.offset(), provenance.originOffset()); // its original is there: map to it
            } else {
                batch.skip(record.offset());
            }
            p.loopSkipped++;
            return;
        }
        int bytes = size(record);
        rateLimiter.acquire(bytes);
        if (settings.provenanceHeader()) {
            byte[] value = provenance == null ? Provenance.first(record.partition(), record.offset(), p.sourceHop())
                    : provenance.then(p.sourceHop());
            if (existing != null) {
                headers.remove(PROVENANCE_HEADER);
            }
            headers.add(new RecordHeader(PROVENANCE_HEADER, value));
        }
        batch.add(record.offset(), bytes, record.timestamp());
        producer.send(new ProducerRecord<>(p.targetTopic, p.targetPartition, record.timestamp(), record.key(),
                record.value(), headers), batch);
    }


    /**
     * After a failed send the idempotent producer's sequence for that partition is broken: replace the
     * producer and resend everything after each partition's checkpoint. Duplicates, never gaps. A failure that
     * repeats with no checkpoint moving in between (a record the target refuses, a target that is down) backs
     * off, up to {@link #MAX_REWIND_BACKOFF_MS}, and is reported at its first occurrence and then now and then,
     * not at every turn; the watchdog reports the partition as stalled meanwhile.
     */
    private void rewindFailedPartitions() throws InterruptedException {
        if (owned.values().stream().noneMatch(p -> p.failed)) {
            return;
        }
        long acked = owned.values().stream().mapToLong(p -> p.ackedNext).sum();
        failedRewinds = acked == ackedAtLastRewind ? failedRewinds + 1 : 0;
        ackedAtLastRewind = acked;
        if (failedRewinds % 20 == 0) {
            warn(ReplicationEvent.ERROR, "worker " + settings.workerId() + " rewinds to its checkpoints after a failed send"
                    + (failedRewinds == 0 ? "" : " (" + failedRewinds + " times in a row without progress)"));
        }
        if (failedRewinds > 0) {
            waitForCommand(Math.min(MAX_REWIND_BACKOFF_MS, 100L << Math.min(failedRewinds, 6)));
        }
        producer.close(Duration.ZERO);
        producer = new KafkaProducer<>(producerProps());
        for (PartitionProgress p : owned.values()) {
            Exception failure = p.failure;
            if (failure != null) {
                // Once per failure, not once per record of the failed batches.
                LOG.warn("Route {}: copying {} failed, resending from the checkpoint at offset {}: {}",
                        settings.route(), p.source, p.ackedNext, failure.toString());
            }
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
            if (consumer.assignment().contains(p.source) && !p.stoppedOnDataLoss) {
                try {
                    p.skipTo(consumer.position(p.source, Duration.ofSeconds(1)));
                } catch (TimeoutException | OffsetOutOfRangeException e) {
                    // The source is unreachable or the position is being validated: the checkpoint stays put.
                }
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
                    p.targetPartition, p.lastTargetOffset, now, p.identity));
        }
        checkpointSink.accept(checkpoints);
    }

    /** Waits up to {@code ms}, or until a command is queued or the worker is asked to stop. */
    private void waitForCommand(long ms) throws InterruptedException {
        synchronized (commands) {
            if (commands.isEmpty() && running) {
                commands.wait(ms);
            }
        }
    }

    private void warn(String kind, String message) {
        events.accept(ReplicationEvent.warn(settings.route(), kind, message));
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

    /**
     * Writes a last checkpoint of what the target acknowledged. The producer gets {@link #CLOSE_WAIT} to finish
     * what is in flight (a target that is down must not hold a stop for the whole delivery timeout); whatever it
     * aborts then fails its batch, so the checkpoint never covers it.
     */
    private void shutdown() {
        try {
            drainCommands();
            if (producer != null) {
                producer.close(CLOSE_WAIT);
            }
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
                producer.close(Duration.ZERO);
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
