package io.mirador.replicator.engine;

/**
 * One partition of a route as the status API shows it. {@code checkpoint} is the next source offset to copy;
 * {@code lag} is {@code sourceEndOffset - checkpoint}. {@code state} is RUNNING, PAUSED, STALLED (lag and no
 * progress for {@code stuck.after.ms}), DATA_LOSS (the source deleted records before they were copied; see the
 * events for the range) or CAUGHT_UP. {@code lostRecords} counts such records since the route started;
 * {@code loopSkipped} the records the loop guard did not copy (they had been in the target already, or another
 * route brings them there directly).
 */
public record PartitionStatus(String topic, int partition, String targetTopic, int targetPartition, int worker,
                              long sourceEndOffset, long checkpoint, long lag, double latencyP99Ms,
                              double recordsPerSecond, double bytesPerSecond, String state, long lostRecords,
                              long loopSkipped) {

    public PartitionStatus(String topic, int partition, String targetTopic, int targetPartition, int worker,
                           long sourceEndOffset, long checkpoint, long lag, double latencyP99Ms,
                           double recordsPerSecond, double bytesPerSecond, String state, long lostRecords) {
        this(topic, partition, targetTopic, targetPartition, worker, sourceEndOffset, checkpoint, lag, latencyP99Ms,
                recordsPerSecond, bytesPerSecond, state, lostRecords, 0);
    }

    public PartitionStatus(String topic, int partition, String targetTopic, int targetPartition, int worker,
                           long sourceEndOffset, long checkpoint, long lag, double latencyP99Ms,
                           double recordsPerSecond, double bytesPerSecond, String state) {
        this(topic, partition, targetTopic, targetPartition, worker, sourceEndOffset, checkpoint, lag, latencyP99Ms,
                recordsPerSecond, bytesPerSecond, state, 0);
    }
}
