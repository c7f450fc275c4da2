package io.mirador.replicator.state;

/**
 * How far a partition of a route has been copied: every source record before {@code sourceOffset} has been
 * acknowledged by the target, the last of them at {@code targetOffset} of target partition
 * {@code targetPartition}. {@code sourceOffset} is the next offset to read, as in Kafka's committed offsets.
 * {@code identity} names the source and target topics it was recorded for; it applies to no other.
 */
public record Checkpoint(String route, String topic, int partition, long sourceOffset, int targetPartition,
                         long targetOffset, long updatedAtMs, TopicIdentity identity) {

    public Checkpoint {
        identity = identity == null ? TopicIdentity.UNKNOWN : identity;
    }

    /** A checkpoint without identity, as schema version 1 kept them. */
    public Checkpoint(String route, String topic, int partition, long sourceOffset, int targetPartition,
                      long targetOffset, long updatedAtMs) {
        this(route, topic, partition, sourceOffset, targetPartition, targetOffset, updatedAtMs, TopicIdentity.UNKNOWN);
    }
}
