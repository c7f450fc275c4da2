package io.mirador.replicator.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;

/**
 * What the planner ({@link RouteRunner}) and {@link RouteWorkers} ask of a worker, whichever way it copies:
 * {@link ReplicationWorker} (at least once) or {@link ExactlyOnceWorker} (transactions). A worker runs on its own
 * thread ({@link #run()}); the other methods may be called from any thread and only queue a command for it.
 */
interface CopyWorker extends Runnable {

    int id();

    /** Progress of the partitions this worker owns now; the map is live, its values mutate. */
    Map<TopicPartition, PartitionProgress> progress();

    /** Takes over {@code partitions}, each resuming where its progress (or, exactly once, the target) says. */
    void assign(List<PartitionProgress> partitions);

    /** Gives up {@code partitions} once what was copied of them is on the target; completes with their progress. */
    CompletableFuture<List<PartitionProgress>> revoke(List<TopicPartition> partitions);

    void pause(boolean pause);

    /** Stops after a last flush (or commit) and checkpoint. Returns at once. */
    void stop();
}
