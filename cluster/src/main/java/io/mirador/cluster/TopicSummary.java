package io.mirador.cluster;

/**
 * One row of a topic list. {@code records} is the sum over partitions of latest minus earliest offset (an
 * upper bound on compacted or transactional topics); {@code sizeBytes} the on-disk size of the leader replicas.
 */
public record TopicSummary(String name, int partitions, int replicationFactor, long records, long sizeBytes,
                           boolean internal) {
}
