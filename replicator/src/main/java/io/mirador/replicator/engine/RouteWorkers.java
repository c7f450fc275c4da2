package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.common.TopicPartition;

/**
 * The workers of one route, by id, and their threads: launch, replace (a dead worker, or one whose partitions
 * stalled) and stop.
 *
 * <p>Replacing a worker hands its partitions to a new worker with new clients, each resuming at its progress'
 * checkpoint through a fresh {@link PartitionProgress}, so that late acknowledgements of the old worker's
 * producer cannot move the new progress. An old worker that does not stop in time (blocked on a broker) is
 * left to end by itself: whatever it still writes is a checkpoint it truly reached, so the worst case is a
 * checkpoint moving back, i.e. duplicates, never a gap.
 *
 * <p>Threading: launch and replace run on the route's planner thread; {@link #pause} and {@link #stopAll} may be
 * called from any thread (copy-on-write lists).
 */
final class RouteWorkers {

    private static final long REPLACE_WAIT_MS = 5_000;
    private static final long STOP_WAIT_MS = 30_000;

    private final String route;
    private final IntFunction<WorkerSettings> settings;
    private final RateLimiter limiter;
    private final Consumer<List<Checkpoint>> checkpointSink;
    private final Consumer<ReplicationEvent> events;
    private final List<CopyWorker> workers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    RouteWorkers(String route, IntFunction<WorkerSettings> settings, RateLimiter limiter,
                 Consumer<List<Checkpoint>> checkpointSink, Consumer<ReplicationEvent> events) {
        this.route = route;
        this.settings = settings;
        this.limiter = limiter;
        this.checkpointSink = checkpointSink;
        this.events = events;
    }

    /** Starts workers {@code 0..count-1}, paused or not. */
    void launchAll(int count, boolean paused) {
        for (int id = 0; id < count; id++) {
            launch(id, paused);
        }
    }

    CopyWorker get(int id) {
        return workers.get(id);
    }

    int size() {
        return workers.size();
    }

    boolean isAlive(int id) {
        return threads.get(id).isAlive();
    }

    void pause(boolean pause) {
        workers.forEach(w -> w.pause(pause));
    }

    /**
     * Stops worker {@code id} (waiting a little for it) and starts a new one with new clients on the partitions
     * {@code assignment} gives it, each resuming at its checkpoint. {@code progress} gets the new progress objects.
     *
     * @return how many partitions the new worker took over
     */
    int replace(int id, boolean paused, Map<TopicPartition, Integer> assignment,
                Map<TopicPartition, PartitionProgress> progress) {
        workers.get(id).stop();
        try {
            threads.get(id).join(REPLACE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PartitionProgress> resumed = new ArrayList<>();
        for (Map.Entry<TopicPartition, Integer> e : assignment.entrySet()) {
            PartitionProgress old = progress.get(e.getKey());
            if (e.getValue() == id && old != null) {
                PartitionProgress fresh = old.restartAt(old.ackedNext);
                progress.put(e.getKey(), fresh);
                resumed.add(fresh);
            }
        }
        launch(id, paused);
        workers.get(id).assign(resumed);
        return resumed.size();
    }

    /** Stops every worker after its last flush and checkpoint; blocks until they are done (30 s at most each). */
    void stopAll() {
        workers.forEach(CopyWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks every worker to stop without waiting: the route failed and must copy nothing more. */
    void stopAllNow() {
        workers.forEach(CopyWorker::stop);
    }

    private void launch(int id, boolean paused) {
        WorkerSettings workerSettings = settings.apply(id);
        // Exactly-once routes copy with one transactional producer per partition; see ExactlyOnceWorker.
        CopyWorker worker = workerSettings.exactlyOnce()
                ? new ExactlyOnceWorker(workerSettings, limiter, checkpointSink, events)
                : new ReplicationWorker(workerSettings, limiter, checkpointSink, events);
        if (paused) {
            worker.pause(true);
        }
        Thread thread = new Thread(worker, "mirador-" + route + "-worker-" + id);
        thread.setDaemon(true);
        thread.start();
        // Ids are launched in order, so a new id is the next index; a replacement takes its predecessor's place.
        if (id < workers.size()) {
            workers.set(id, worker);
            threads.set(id, thread);
        } else {
            workers.add(worker);
            threads.add(thread);
        }
    }
}
