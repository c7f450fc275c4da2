package io.mirador.ui.page.mirroring.detail;

import io.mirador.replicator.engine.PartitionStatus;

/**
 * Identifies a source partition of a route across polls: rows are new objects every poll, so selection is kept
 * by this key. {@link #scope()} is the engine's history scope for the partition ("topic/partition", as
 * {@code RouteMetrics} writes it).
 */
public record PartitionKey(String topic, int partition) {

    public static PartitionKey of(PartitionStatus status) {
        return new PartitionKey(status.topic(), status.partition());
    }

    public String scope() {
        return topic + "/" + partition;
    }

    @Override
    public String toString() {
        return scope();
    }
}
