package io.mirador.cluster.topic;

import java.util.List;

/**
 * One partition of a topic. {@code leader} is -1 when the partition is offline; offsets are -1 when they
 * could not be read (no leader); {@code sizeBytes} is the leader replica's size on disk (0 when unknown).
 */
public record PartitionDetail(int partition, int leader, List<Integer> replicas, List<Integer> isr,
                              long earliestOffset, long latestOffset, long sizeBytes) {

    public PartitionDetail {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** Records retained, an upper bound on compacted or transactional topics. */
    public long records() {
        return earliestOffset < 0 || latestOffset < 0 ? 0 : Math.max(0, latestOffset - earliestOffset);
    }

    public boolean isOffline() {
        return leader < 0;
    }

    public boolean isUnderReplicated() {
        return isr.size() < replicas.size();
    }
}
