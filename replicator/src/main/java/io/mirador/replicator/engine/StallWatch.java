package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.common.TopicPartition;

/**
 * A route's watchdog: finds partitions with lag that made no progress for {@code stuck.after.ms}, and target
 * topics that could not be made ready for as long; reports each (a {@link ReplicationEvent#PARTITION_STALLED}
 * event, the partition's STALLED mark in {@link RouteMetrics}, the stall count). What to do about a stalled
 * partition (rebuild its worker) is the route's.
 *
 * <p>The clock of a partition starts at the later of its last progress and the moment lag appeared, so an idle
 * partition that just got records is not stalled. Threading: the route's planner thread, except {@link #stalls}.
 */
final class StallWatch {

    private final String route;
    private final long stuckAfterMs;
    private final RouteMetrics metrics;
    private final Consumer<ReplicationEvent> events;
    private final AtomicLong stalls = new AtomicLong();
    /** Per source topic whose target is not ready: since when, and when it was last reported. */
    private final Map<String, long[]> targetMissingSince = new HashMap<>();

    StallWatch(String route, long stuckAfterMs, RouteMetrics metrics, Consumer<ReplicationEvent> events) {
        this.route = route;
        this.stuckAfterMs = stuckAfterMs;
        this.metrics = metrics;
        this.events = events;
    }

    /** Stalls found since the route started in this process. Any thread. */
    long stalls() {
        return stalls.get();
    }

    /** The stalled partitions, reported, by the worker that owns them. */
    Map<Integer, List<PartitionProgress>> stalledPartitions(Collection<PartitionProgress> partitions,
                                                            Map<TopicPartition, Integer> assignment, long now) {
        Map<Integer, List<PartitionProgress>> stalledByWorker = new TreeMap<>();
        for (PartitionProgress p : partitions) {
            Integer worker = assignment.get(p.source);
            if (p.lag() == 0 || p.stoppedOnDataLoss || worker == null) {
                p.laggingSinceMs = 0;
                continue;
            }
            if (p.laggingSinceMs == 0) {
                p.laggingSinceMs = now;
            }
            long stillFor = now - Math.max(p.lastProgressMs, p.laggingSinceMs);
            if (stillFor >= stuckAfterMs) {
                stalledByWorker.computeIfAbsent(worker, w -> new ArrayList<>()).add(p);
                metrics.markStalled(p.source);
                stalls.incrementAndGet();
                events.accept(ReplicationEvent.warn(route, ReplicationEvent.PARTITION_STALLED, p.source + " made no"
                        + " progress for " + (stillFor / 1000) + " s with lag " + p.lag() + "; worker " + worker
                        + " is rebuilt with new clients from its checkpoints"));
            }
        }
        return stalledByWorker;
    }

    /** The target topic of {@code topic} is ready (again). */
    void targetReady(String topic) {
        targetMissingSince.remove(topic);
    }

    /**
     * The target topic of {@code topic} could not be created or made ready this round: reported as stalled once
     * that has lasted {@code stuck.after.ms}, then again each time as much longer has passed.
     */
    void targetNotReady(String topic, String targetName, String reason, long now) {
        long[] since = targetMissingSince.computeIfAbsent(topic, t -> new long[] {now, now});
        if (now - since[1] >= stuckAfterMs) {
            since[1] = now;
            stalls.incrementAndGet();
            events.accept(ReplicationEvent.warn(route, ReplicationEvent.PARTITION_STALLED, "target topic " + targetName
                    + " for " + topic + " has not been ready for " + ((now - since[0]) / 1000) + " s: " + reason));
        }
    }
}
