package io.mirador.replicator.engine;

/**
 * One partition of a route as the status API shows it. {@code checkpoint} is the next source offset to copy;
 * {@code lag} is {@code sourceEndOffset - checkpoint}. {@code state} is RUNNING, PAUSED, STUCK or CAUGHT_UP.
 */
public record PartitionStatus(String topic, int partition, String targetTopic, int targetPartition, int worker,
                              long sourceEndOffset, long checkpoint, long lag, double latencyP99Ms,
                              double recordsPerSecond, double bytesPerSecond, String state) {
}
