package io.mirador.cluster.group;

import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * One previewed reset: the group's committed offset on a partition ({@code current}, empty when it has none)
 * and where it will be. {@code requested} is what the {@link ResetSpec} asked for before clamping.
 */
public record OffsetChange(String topic, int partition, OptionalLong current, long target, long requested,
                           Adjustment adjustment) {

    /** Why {@code target} may differ from what was asked. */
    public enum Adjustment {
        NONE,
        /** Asked for an offset before the log start (deleted or never written): moved to the earliest. */
        CLAMPED_TO_EARLIEST,
        /** Asked for an offset past the log end: moved to the latest. */
        CLAMPED_TO_LATEST,
        /** No record at or after the timestamp: moved to the latest. */
        NO_RECORD_AT_TIMESTAMP
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }

    public boolean clamped() {
        return adjustment == Adjustment.CLAMPED_TO_EARLIEST || adjustment == Adjustment.CLAMPED_TO_LATEST;
    }
}
