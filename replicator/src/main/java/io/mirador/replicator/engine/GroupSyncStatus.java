package io.mirador.replicator.engine;

import java.util.List;

/**
 * One consumer group as a route's group offset sync sees it.
 *
 * @param state      SYNCED (every mirrored partition written to the target), PARTIAL (some wait for the mirror
 *                   to copy up to the group's position, or cannot be translated), ACTIVE_ON_TARGET (the group has
 *                   members on the target: its offsets there are its own and are not touched) or FAILED (the
 *                   target refused the write; {@code error} says why)
 * @param lastSyncMs when the group's offsets were last written to the target; 0 when never
 */
public record GroupSyncStatus(String group, String state, String error, long lastSyncMs,
                              List<Partition> partitions) {

    /**
     * @param translation EXACT, APPROXIMATE (older than the mapping window; off by at most {@code errorBound}
     *                    records), NOT_COPIED (the mirror has not copied up to the group's position yet) or UNMAPPED
     * @param targetOffset the translated position; -1 when not translated
     * @param written      whether the target holds this position for the group now (written by this sync or
     *                     already at or past it)
     */
    public record Partition(String topic, int partition, long sourceOffset, String targetTopic, int targetPartition,
                            long targetOffset, String translation, long errorBound, boolean written) {
    }
}
