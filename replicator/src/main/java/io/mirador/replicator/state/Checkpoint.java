package io.mirador.replicator.state;

/**
 * How far a partition of a route has been copied: every source record before {@code sourceOffset} has been
 * acknowledged by the target, the last of them at {@code targetOffset} of target partition
 * {@code targetPartition}. {@code sourceOffset} is the next offset to read, as in Kafka's committed offsets.
 */
public record Checkpoint(String route, String topic, int partition, long sourceOffset, int targetPartition,
                         long targetOffset, long updatedAtMs) {
}
