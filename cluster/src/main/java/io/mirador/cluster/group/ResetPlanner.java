package io.mirador.cluster.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.mirador.cluster.group.OffsetChange.Adjustment;
import org.apache.kafka.common.TopicPartition;

/**
 * Computes reset targets from offsets already read; no I/O, so every rule is testable without a broker.
 * Targets always land in [earliest, latest]: a committed offset outside that range would make the consumer
 * fall back to its auto.offset.reset policy, which is exactly what a deliberate reset must not leave to chance.
 */
final class ResetPlanner {

    /** Offsets of the partitions to reset, read before planning. {@code atTimestamp} only for ToTimestamp. */
    record Offsets(Map<TopicPartition, Long> current, Map<TopicPartition, Long> earliest,
                   Map<TopicPartition, Long> latest, Map<TopicPartition, Long> atTimestamp) {
    }

    private ResetPlanner() {
    }

    /**
     * One change per partition, sorted by topic then partition.
     *
     * @throws IllegalArgumentException when a shift meets partitions without a committed offset to shift from
     */
    static List<OffsetChange> plan(String groupId, ResetSpec spec, List<TopicPartition> partitions, Offsets offsets) {
        if (spec instanceof ResetSpec.ShiftBy) {
            List<TopicPartition> missing = partitions.stream().filter(tp -> !offsets.current().containsKey(tp)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("group " + groupId + " has no committed offset to shift from on "
                        + missing.size() + " partition(s), e.g. " + missing.get(0) + ": reset those to an offset instead");
            }
        }
        List<OffsetChange> changes = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long committed = offsets.current().get(tp);
            long earliest = offsets.earliest().get(tp);
            long latest = offsets.latest().get(tp);
            OptionalLong current = committed == null ? OptionalLong.empty() : OptionalLong.of(committed);
            changes.add(target(spec, tp, current, committed, earliest, latest, offsets.atTimestamp().get(tp)));
        }
        changes.sort(Comparator.comparing(OffsetChange::topic).thenComparingInt(OffsetChange::partition));
        return changes;
    }

    // Java 17 has no pattern switch over sealed types yet, hence the instanceof chain.
    private static OffsetChange target(ResetSpec spec, TopicPartition tp, OptionalLong current, Long committed,
                                       long earliest, long latest, Long atTimestamp) {
        if (spec instanceof ResetSpec.ToEarliest) {
            return exact(tp, current, earliest);
        }
        if (spec instanceof ResetSpec.ToLatest) {
            return exact(tp, current, latest);
        }
        if (spec instanceof ResetSpec.ToTimestamp) {
            return atTimestamp == null || atTimestamp < 0
                    ? new OffsetChange(tp.topic(), tp.partition(), current, latest, latest, Adjustment.NO_RECORD_AT_TIMESTAMP)
                    : clamp(tp, current, atTimestamp, earliest, latest);
        }
        if (spec instanceof ResetSpec.ToOffset o) {
            return clamp(tp, current, o.offset(), earliest, latest);
        }
        ResetSpec.ShiftBy shift = (ResetSpec.ShiftBy) spec;
        return clamp(tp, current, saturatedAdd(committed, shift.delta()), earliest, latest);
    }

    private static OffsetChange exact(TopicPartition tp, OptionalLong current, long target) {
        return new OffsetChange(tp.topic(), tp.partition(), current, target, target, Adjustment.NONE);
    }

    private static OffsetChange clamp(TopicPartition tp, OptionalLong current, long requested, long earliest, long latest) {
        Adjustment adjustment = requested < earliest ? Adjustment.CLAMPED_TO_EARLIEST
                : requested > latest ? Adjustment.CLAMPED_TO_LATEST : Adjustment.NONE;
        long target = Math.max(earliest, Math.min(latest, requested));
        return new OffsetChange(tp.topic(), tp.partition(), current, target, requested, adjustment);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        // Overflow flips the sign only when both operands share one that the sum lacks.
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
