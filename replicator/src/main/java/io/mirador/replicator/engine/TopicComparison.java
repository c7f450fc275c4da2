package io.mirador.replicator.engine;

import java.util.List;

/**
 * A mirrored topic's source and target side by side, partition by partition: what the "compare" action shows.
 * Record counts are end minus start offsets (compaction and transaction markers make them upper bounds).
 */
public record TopicComparison(String route, String sourceTopic, String targetTopic, List<PartitionComparison> partitions) {

    /** One source partition, the target partition it maps to, and the route's checkpoint for it (-1: none yet). */
    public record PartitionComparison(int sourcePartition, long sourceStartOffset, long sourceEndOffset,
                                      int targetPartition, long targetStartOffset, long targetEndOffset,
                                      long checkpoint) {

        public long sourceRecords() {
            return sourceEndOffset - sourceStartOffset;
        }

        public long targetRecords() {
            return targetEndOffset - targetStartOffset;
        }
    }

    public TopicComparison {
        partitions = List.copyOf(partitions);
    }

    public long sourceRecords() {
        return partitions.stream().mapToLong(PartitionComparison::sourceRecords).sum();
    }

    /** Records in the target partitions this topic maps to, each target partition counted once. */
    public long targetRecords() {
        return partitions.stream().collect(java.util.stream.Collectors.toMap(PartitionComparison::targetPartition,
                PartitionComparison::targetRecords, (a, b) -> a)).values().stream().mapToLong(Long::longValue).sum();
    }
}
