package io.mirador.replicator.state;

/** Partition {@code partition} of {@code topic} is copied by worker {@code worker} of the route. */
public record Assignment(String route, String topic, int partition, int worker) {
}
