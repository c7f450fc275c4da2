package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.mirador.replicator.offsets.OffsetMapTopic;
import io.mirador.replicator.offsets.UnitOffsetsTopic;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the partitions it owns exactly once: one consumer in assign mode reads the source {@code read_committed},
 * and each partition is a {@link TransactionalUnit} with its own transactional producer on the target. A unit's
 * transaction commits its records, its next source offset ({@link UnitOffsetsTopic}) and its offset-mapping changes
 * together, every {@link WorkerSettings#transactionIntervalMs()} or {@link WorkerSettings#transactionMaxRecords()}
 * records, whichever comes first; due units commit in parallel on a few threads of the worker's own.
 *
 * <p>The target is the authority on where a unit resumes. On assignment (and after any failure) a unit fences its
 * older producers, reads its committed offset from the target, and seeks there; the H2 checkpoint (or the source's
 * start) is used only when the target has nothing for the unit's topics ({@link io.mirador.replicator.state.TopicIdentity}).
 * H2 checkpoints are written after commits, as history and a cache.
 *
 * <p>Failures: any error of a unit (a failed send, a fenced producer, a failed or timed-out commit) aborts its
 * transaction, drops its producer and rebuilds it, with back-off while it keeps failing; the unit resumes from the
 * offset committed on the target. Records of aborted transactions are invisible to {@code read_committed}
 * readers, so a reader sees no duplicate and no gap. An offset the source no longer has is handled as in
 * {@link ReplicationWorker} ({@link SourceGaps}): reported, then the route's data-loss policy.
 *
 * <p>Threading: like {@link ReplicationWorker}: its own thread runs the consumer and the units, other threads only
 * queue commands; commits of several units run on the worker's commit threads while the worker thread waits.
 */
final class ExactlyOnceWorker implements CopyWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceWorker.class);
    private static final long POLL_MS = 100;
    private static final long MAX_RETRY_BACKOFF_MS = 5_000;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(75);
    private static final int COMMIT_THREADS = 4;

    private final WorkerSettings settings;
    private final RateLimiter rateLimiter;
    private final Consumer<List<Checkpoint>> checkpointSink;
    private final Consumer<ReplicationEvent> events;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, PartitionProgress> owned = new ConcurrentHashMap<>();
    private final Map<TopicPartition, TransactionalUnit> units = new HashMap<>();
    /** Units committed since the last checkpoint. Worker thread. */
    private final Set<TopicPartition> committedSinceCheckpoint = new LinkedHashSet<>();
    private final ExecutorService commitThreads;
    private volatile boolean running = true;
    private volatile boolean paused;
    private KafkaConsumer<byte[], byte[]> consumer;
    private SourceGaps gaps;
    private long lastCheckpointMs;
    private int failuresReported;

    ExactlyOnceWorker(WorkerSettings settings, RateLimiter rateLimiter, Consumer<List<Checkpoint>> checkpointSink,
                      Consumer<ReplicationEvent> events) {
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.checkpointSink = checkpointSink;
        this.events = events;
        this.commitThreads = Executors.newFixedThreadPool(COMMIT_THREADS, task -> {
            Thread t = new Thread(task, "mirador-" + settings.route() + "-worker-" + settings.workerId() + "-commit");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int id() {
        return settings.workerId();
    }

    @Override
    public Map<TopicPartition, PartitionProgress> progress() {
        return owned;
    }

    @Override
    public void assign(List<PartitionProgress> partitions) {
        commands.add(() -> {
            List<TransactionalUnit> fresh = new ArrayList<>();
            for (PartitionProgress p : partitions) {
                p.provenanceOf(settings.sourceClusterId(), settings.targetClusterId());
                owned.put(p.source, p);
                TransactionalUnit old = units.put(p.source, new TransactionalUnit(p, settings));
                if (old != null) {
                    old.closeNow();
                }
                fresh.add(units.get(p.source));
            }
            consumer.assign(new ArrayList<>(owned.keySet()));
            establish(fresh);
        });
        wakeUp();
    }

    @Override
    public CompletableFuture<List<PartitionProgress>> revoke(List<TopicPartition> partitions) {
        CompletableFuture<List<PartitionProgress>> done = new CompletableFuture<>();
        commands.add(() -> {
            List<TransactionalUnit> leaving = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                TransactionalUnit u = units.get(tp);
                if (u != null) {
                    leaving.add(u);
                }
            }
            commit(leaving.stream().filter(u -> u.inTransaction).toList());
            List<PartitionProgress> released = new ArrayList<>();
            for (TransactionalUnit u : leaving) {
                u.closeNow(); // nothing is open any more, or what is will be aborted by the next owner's fencing
                units.remove(u.progress.source);
                owned.remove(u.progress.source);
                committedSinceCheckpoint.remove(u.progress.source);
                released.add(u.progress);
            }
            consumer.assign(new ArrayList<>(owned.keySet()));
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

    @Override
    public void stop() {
        running = false;
        wakeUp();
    }

    @Override
    public void run() {
        consumer = new KafkaConsumer<>(WorkerClients.consumer(settings.sourceClientProps(),
                "mirador-" + settings.route() + "-" + settings.workerId() + "-source"));
        gaps = new SourceGaps(settings, consumer, events);
        try {
            while (running) {
                try {
                    loopOnce();
                } catch (WakeupException e) {
                    // A command was queued or a stop asked for: go round again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Worker {} of route {} stopped on an error", settings.workerId(), settings.route(), e);
            warn("worker " + settings.workerId() + " stopped: " + e);
        } finally {
            shutdown();
        }
    }

    private void loopOnce() throws InterruptedException {
        drainCommands();
        retryBrokenUnits();
        pauseOrResume();
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = poll();
        } catch (OffsetOutOfRangeException e) {
            handleOutOfRange(e);
            return;
        }
        for (TopicPartition tp : records.partitions()) {
            TransactionalUnit unit = units.get(tp);
            if (!running || unit == null || !unit.isOpen() || unit.progress.stoppedOnDataLoss) {
                continue;
            }
            try {
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (unit.skippedByLoopGuard(record)) {
                        continue; // the committed offset passes it with the next commit
                    }
                    int size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
                    rateLimiter.acquire(size);
                    unit.send(record, size);
                }
            } catch (RuntimeException e) {
                failed(unit, e);
            }
        }
        commitDue(false);
        maybeCheckpoint(false);
    }

    /** Polls up to 100 ms, and never past the moment the oldest open transaction is due. */
    private ConsumerRecords<byte[], byte[]> poll() throws InterruptedException {
        if (consumer.assignment().isEmpty()) {
            synchronized (commands) {
                if (commands.isEmpty() && running) {
                    commands.wait(POLL_MS);
                }
            }
            return ConsumerRecords.empty();
        }
        long now = System.currentTimeMillis();
        long wait = POLL_MS;
        for (TransactionalUnit u : units.values()) {
            if (u.inTransaction) {
                wait = Math.min(wait, Math.max(0, u.transactionStartMs + settings.transactionIntervalMs() - now));
            }
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(wait));
        for (PartitionProgress p : owned.values()) {
            consumer.currentLag(p.source).ifPresent(lag -> p.endOffset = consumer.position(p.source) + lag);
        }
        return records;
    }

    /**
     * Commits the units whose transaction is due, and writes an offset-only transaction for units whose consumer
     * position moved past records the source does not show (markers, aborted records), so that their committed
     * offset, their checkpoint and their lag follow.
     */
    private void commitDue(boolean force) {
        long now = System.currentTimeMillis();
        List<TransactionalUnit> due = new ArrayList<>();
        for (TransactionalUnit u : units.values()) {
            if (!u.isOpen() || u.progress.stoppedOnDataLoss) {
                continue;
            }
            if (u.inTransaction) {
                if (force || u.records >= settings.transactionMaxRecords()
                        || now - u.transactionStartMs >= settings.transactionIntervalMs()) {
                    due.add(u);
                }
            } else if (position(u) > u.committedNext) {
                due.add(u);
            }
        }
        commit(due);
    }

    /** Commits {@code due} at their consumer positions, in parallel when several; failed units are rebuilt. */
    private void commit(List<TransactionalUnit> due) {
        if (due.isEmpty()) {
            return;
        }
        Map<TransactionalUnit, Long> next = new HashMap<>();
        for (TransactionalUnit u : due) {
            next.put(u, u.inTransaction ? Math.max(position(u), u.sentNext()) : position(u));
        }
        Map<TransactionalUnit, Future<Integer>> futures = new HashMap<>();
        if (due.size() > 1) {
            for (TransactionalUnit u : due) {
                futures.put(u, commitThreads.submit(() -> u.commit(next.get(u), OffsetMapTopic.DEFAULT_NAME)));
            }
        }
        for (TransactionalUnit u : due) {
            try {
                if (due.size() == 1) {
                    u.commit(next.get(u), OffsetMapTopic.DEFAULT_NAME);
                } else {
                    futures.get(u).get();
                }
                committedSinceCheckpoint.add(u.progress.source);
            } catch (ExecutionException e) {
                failed(u, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(u, e);
            } catch (RuntimeException e) {
                failed(u, e);
            }
        }
    }

    /**
     * The next source offset of {@code u}: the consumer's position, which is past every record handed to the unit
     * and past markers and aborted records after them (or where a gap or truncation moved it); when the position
     * is not known, the offset after what the unit sent.
     */
    private long position(TransactionalUnit u) {
        try {
            return consumer.position(u.progress.source, Duration.ZERO);
        } catch (RuntimeException e) {
            return u.sentNext();
        }
    }

    /**
     * Aborts the unit's transaction, drops its producer, and schedules its rebuild: at once after a first failure,
     * then with back-off while it keeps failing. Reported at the first failure and now and then afterwards.
     */
    private void failed(TransactionalUnit u, Throwable error) {
        u.abandon();
        u.failuresInARow++;
        u.retryAtMs = System.currentTimeMillis()
                + (u.failuresInARow <= 1 ? 0 : Math.min(MAX_RETRY_BACKOFF_MS, 100L << Math.min(u.failuresInARow, 6)));
        LOG.warn("Route {}: transaction of {} aborted ({}); resuming from the offset committed on the target",
                settings.route(), u.progress.source, String.valueOf(error));
        if (failuresReported++ % 20 == 0) {
            warn("worker " + settings.workerId() + ": a transaction of " + u.progress.source + " was aborted (" + error
                    + "); its producer is rebuilt and copying resumes from the offset committed on the target");
        }
    }

    private void retryBrokenUnits() {
        long now = System.currentTimeMillis();
        List<TransactionalUnit> retry = units.values().stream()
                .filter(u -> u.broken && now >= u.retryAtMs).toList();
        if (!retry.isEmpty()) {
            establish(retry);
        }
    }

    /**
     * Opens the producers of {@code fresh} (fencing older ones, in parallel), reads their committed offsets from
     * the target, and seeks each there. A unit that cannot be opened or whose offset cannot be read stays broken
     * and is retried with back-off; its partition is paused meanwhile.
     */
    private void establish(List<TransactionalUnit> fresh) {
        List<Future<?>> opening = new ArrayList<>();
        for (TransactionalUnit u : fresh) {
            u.broken = true;
            opening.add(commitThreads.submit(u::open));
        }
        List<TransactionalUnit> opened = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            try {
                opening.get(i).get();
                opened.add(fresh.get(i));
            } catch (ExecutionException e) {
                failed(fresh.get(i), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(fresh.get(i), e);
            }
        }
        if (opened.isEmpty()) {
            return;
        }
        Map<TopicPartition, UnitOffsetsTopic.Entry> stored;
        try {
            stored = UnitOffsetsTopic.load(settings.targetClientProps(), UnitOffsetsTopic.DEFAULT_NAME, settings.route(),
                    opened.stream().map(u -> u.progress.source).toList(), LOAD_TIMEOUT);
        } catch (RuntimeException e) {
            opened.forEach(u -> failed(u, e));
            return;
        }
        for (TransactionalUnit u : opened) {
            PartitionProgress p = u.progress;
            UnitOffsetsTopic.Entry entry = stored.get(p.source);
            long start = u.committedNext;
            if (entry != null && entry.identity().sameAs(p.identity)) {
                start = entry.nextOffset();
            }
            if (start != p.ackedNext) {
                LOG.info("Route {}: {} resumes at offset {}, committed on the target (its checkpoint said {})",
                        settings.route(), p.source, start, p.ackedNext);
                p.resetTo(start);
            }
            u.committedNext = start;
            u.broken = false;
            consumer.seek(p.source, start);
        }
    }

    /** Everything paused while the route is; otherwise partitions stopped by the data-loss policy or being rebuilt. */
    private void pauseOrResume() {
        List<TopicPartition> stop = new ArrayList<>();
        List<TopicPartition> go = new ArrayList<>();
        for (TopicPartition tp : consumer.assignment()) {
            TransactionalUnit u = units.get(tp);
            (paused || u == null || u.broken || u.progress.stoppedOnDataLoss ? stop : go).add(tp);
        }
        consumer.pause(stop);
        consumer.resume(go);
    }

    /**
     * The source no longer has an offset to be read: open transactions are committed first (so that the unit's
     * committed offset is everything sent), then each partition is handled as the at-least-once worker does, and
     * a new position is committed on the target at once, so that a crash cannot bring back the old one.
     */
    private void handleOutOfRange(OffsetOutOfRangeException e) {
        commitDue(true);
        List<TopicPartition> partitions = e.partitions().stream()
                .filter(tp -> units.containsKey(tp) && units.get(tp).isOpen()).toList();
        Map<TopicPartition, Long> moved = gaps.handle(e, partitions, owned);
        List<TransactionalUnit> toCommit = new ArrayList<>();
        moved.forEach((tp, position) -> {
            consumer.seek(tp, position);
            toCommit.add(units.get(tp));
        });
        commit(toCommit);
    }

    private void maybeCheckpoint(boolean force) {
        long now = System.currentTimeMillis();
        if (!force && now - lastCheckpointMs < settings.checkpointIntervalMs()) {
            return;
        }
        lastCheckpointMs = now;
        List<PartitionProgress> committed = new ArrayList<>();
        for (TopicPartition tp : committedSinceCheckpoint) {
            PartitionProgress p = owned.get(tp);
            if (p != null) {
                committed.add(p);
            }
        }
        committedSinceCheckpoint.clear();
        checkpoint(committed);
    }

    /** H2 checkpoints of committed offsets: a cache and history; the target's offsets topic is the authority. */
    private void checkpoint(Collection<PartitionProgress> partitions) {
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

    private void warn(String message) {
        events.accept(ReplicationEvent.warn(settings.route(), ReplicationEvent.ERROR, message));
    }

    private void drainCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
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

    /** Commits what is open, writes a last checkpoint, and closes every client. */
    private void shutdown() {
        try {
            drainCommands();
            commitDue(true);
            maybeCheckpoint(true);
        } catch (WakeupException e) {
            // stop() woke the consumer once more; the wake-up is spent now, so the retry runs through.
            try {
                commitDue(true);
                maybeCheckpoint(true);
            } catch (RuntimeException again) {
                LOG.warn("Route {} worker {}: last commit not written: {}", settings.route(), settings.workerId(), again.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("Route {} worker {}: last commit not written: {}", settings.route(), settings.workerId(), e.toString());
        } finally {
            units.values().forEach(TransactionalUnit::closeNow);
            commitThreads.shutdownNow();
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }
}
