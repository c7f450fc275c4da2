package io.mirador.replicator.engine;

import java.util.List;

/**
 * What a failover of a route leaves behind, or (preview) would leave if it happened now: per partition what the
 * target does not have (the recovery point, in records and seconds) and where records the target receives from
 * now on begin; per consumer group where it resumes on the target.
 *
 * @param sourceReachable whether the source answered; when not, end offsets are the last ones seen and ages unknown
 * @param drainMs         how long copying went on to drain what the source still had
 * @param unmirroredRecords records on the source not on the target, summed over partitions
 * @param rpoSeconds      age of the oldest record not on the target (NaN when unknown, 0 when none)
 * @param failbackRoute   the paused reverse route that failback resumes; null for a preview
 */
public record FailoverReport(String route, boolean preview, long atMs, boolean sourceReachable, long drainMs,
                             long unmirroredRecords, double rpoSeconds, List<PartitionGap> partitions,
                             List<GroupSyncStatus> groups, String failbackRoute, List<String> notes) {

    /**
     * @param sourceEndOffset    the source's last stable offset (read_committed end), or the last one seen
     * @param checkpoint         the next source offset not on the target
     * @param oldestUnmirroredAgeSeconds age of the record at {@code checkpoint}; 0 when nothing is missing, NaN
     *                           when unknown (source down)
     * @param targetResumeOffset the target offset after the last copied record: records produced to the target from
     *                           now on start here, and failback copies from here; -1 when not known
     */
    public record PartitionGap(String topic, int partition, String targetTopic, int targetPartition,
                               long sourceEndOffset, long checkpoint, long unmirroredRecords,
                               double oldestUnmirroredAgeSeconds, long targetResumeOffset) {
    }
}
