package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.mirador.replicator.state.ReplicationEvent;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * What the exactly-once worker does when the source no longer has the offset a partition is to be read from, with
 * the same reports and policy as {@link ReplicationWorker}: a truncated source log (records already copied are
 * gone) is followed from the point of divergence; records deleted before they were copied (retention,
 * {@code deleteRecords}) are reported as {@link ReplicationEvent#DATA_LOSS}, then copying goes on from the log start
 * or, with the {@code stop} policy, the partition stops. Never silent.
 */
final class SourceGaps {

    private final WorkerSettings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Consumer<ReplicationEvent> events;

    SourceGaps(WorkerSettings settings, KafkaConsumer<byte[], byte[]> consumer, Consumer<ReplicationEvent> events) {
        this.settings = settings;
        this.consumer = consumer;
        this.events = events;
    }

    /**
     * Compares each of {@code partitions} (everything sent for it committed, so its checkpoint is its committed
     * offset) with the source log. Returns the position each partition that goes on must be read from; a partition
     * stopped by the policy is absent.
     */
    Map<TopicPartition, Long> handle(OffsetOutOfRangeException e, List<TopicPartition> partitions,
                                     Map<TopicPartition, PartitionProgress> owned) {
        Map<TopicPartition, Long> moved = new HashMap<>();
        if (partitions.isEmpty()) {
            return moved;
        }
        Map<TopicPartition, OffsetAndMetadata> divergent = e instanceof LogTruncationException t
                ? t.divergentOffsets() : Map.of();
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition tp : partitions) {
            PartitionProgress p = owned.get(tp);
            long checkpoint = p.ackedNext;
            long logStart = start.get(tp);
            long logEnd = end.get(tp);
            OffsetAndMetadata diverged = divergent.get(tp);
            if (diverged != null && diverged.offset() < checkpoint) {
                moved.put(tp, truncated(p, checkpoint, diverged.offset(), "its leader's log diverged (an unclean leader election?)"));
            } else if (checkpoint > logEnd) {
                moved.put(tp, truncated(p, checkpoint, logEnd, "its log now ends there"));
            } else if (checkpoint < logStart) {
                if (lost(p, checkpoint, logStart)) {
                    moved.put(tp, logStart);
                }
            } else {
                moved.put(tp, checkpoint); // in range again (the log start moved while we asked): go on
            }
        }
        return moved;
    }

    private long truncated(PartitionProgress p, long checkpoint, long resumeAt, String why) {
        events.accept(ReplicationEvent.warn(settings.route(), ReplicationEvent.SOURCE_TRUNCATED, p.source
                + ": the source no longer has offsets " + resumeAt + " to " + (checkpoint - 1) + ", which were already"
                + " copied (" + why + "); the target keeps them, and copying goes on from offset " + resumeAt));
        p.resetTo(resumeAt);
        return resumeAt;
    }

    /** Reports the lost range; true when copying goes on from the log start. */
    private boolean lost(PartitionProgress p, long checkpoint, long logStart) {
        long count = logStart - checkpoint;
        p.lostRecords += count;
        p.lastLossMs = System.currentTimeMillis();
        String range = p.source + ": offsets " + checkpoint + " to " + (logStart - 1) + " (" + count
                + " records) were deleted on the source before they could be copied (retention or deleteRecords)";
        if (settings.stopOnDataLoss()) {
            p.stoppedOnDataLoss = true;
            events.accept(ReplicationEvent.error(settings.route(), ReplicationEvent.DATA_LOSS, range
                    + "; the partition is stopped (policy: stop); restart the route to continue from offset " + logStart));
            return false;
        }
        events.accept(ReplicationEvent.error(settings.route(), ReplicationEvent.DATA_LOSS, range
                + "; copying goes on from offset " + logStart));
        p.resetTo(logStart);
        return true;
    }
}
