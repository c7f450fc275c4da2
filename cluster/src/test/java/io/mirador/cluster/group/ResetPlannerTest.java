package io.mirador.cluster.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.mirador.cluster.group.OffsetChange.Adjustment;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Reset targets and clamps, without a broker: p0 holds [2, 10) and p1 [0, 10); the group sits at 5 on p0 only. */
class ResetPlannerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final List<TopicPartition> BOTH = List.of(P1, P0);

    private static ResetPlanner.Offsets offsets(Map<TopicPartition, Long> atTimestamp) {
        return new ResetPlanner.Offsets(Map.of(P0, 5L), Map.of(P0, 2L, P1, 0L), Map.of(P0, 10L, P1, 10L), atTimestamp);
    }

    @Test
    void earliestAndLatestTakeTheLogBounds() {
        assertThat(ResetPlanner.plan("g", ResetSpec.earliest(), BOTH, offsets(Map.of()))).containsExactly(
                new OffsetChange("t", 0, OptionalLong.of(5), 2, 2, Adjustment.NONE),
                new OffsetChange("t", 1, OptionalLong.empty(), 0, 0, Adjustment.NONE));
        assertThat(ResetPlanner.plan("g", ResetSpec.latest(), BOTH, offsets(Map.of())))
                .extracting(OffsetChange::target).containsExactly(10L, 10L);
    }

    @Test
    void aTimestampWithoutRecordFallsBackToLatestAndSaysSo() {
        List<OffsetChange> plan = ResetPlanner.plan("g", ResetSpec.toTimestamp(1_000), BOTH,
                offsets(Map.of(P0, 4L, P1, -1L)));
        assertThat(plan).containsExactly(
                new OffsetChange("t", 0, OptionalLong.of(5), 4, 4, Adjustment.NONE),
                new OffsetChange("t", 1, OptionalLong.empty(), 10, 10, Adjustment.NO_RECORD_AT_TIMESTAMP));
    }

    @Test
    void anOffsetOutsideTheLogIsClampedAndReported() {
        List<OffsetChange> low = ResetPlanner.plan("g", ResetSpec.toOffset(1), BOTH, offsets(Map.of()));
        assertThat(low).containsExactly(
                new OffsetChange("t", 0, OptionalLong.of(5), 2, 1, Adjustment.CLAMPED_TO_EARLIEST),
                new OffsetChange("t", 1, OptionalLong.empty(), 1, 1, Adjustment.NONE));
        assertThat(low.get(0).clamped()).isTrue();
        assertThat(low.get(1).clamped()).isFalse();
        assertThat(ResetPlanner.plan("g", ResetSpec.toOffset(11), BOTH, offsets(Map.of())))
                .extracting(OffsetChange::target, OffsetChange::adjustment)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(10L, Adjustment.CLAMPED_TO_LATEST));
    }

    @Test
    void aShiftMovesFromTheCommittedOffsetAndClampsWithoutOverflow() {
        List<TopicPartition> p0 = List.of(P0);
        assertThat(ResetPlanner.plan("g", ResetSpec.shiftBy(-2), p0, offsets(Map.of())).get(0).target()).isEqualTo(3);
        assertThat(ResetPlanner.plan("g", ResetSpec.shiftBy(-4), p0, offsets(Map.of())).get(0))
                .isEqualTo(new OffsetChange("t", 0, OptionalLong.of(5), 2, 1, Adjustment.CLAMPED_TO_EARLIEST));
        assertThat(ResetPlanner.plan("g", ResetSpec.shiftBy(Long.MAX_VALUE), p0, offsets(Map.of())).get(0))
                .isEqualTo(new OffsetChange("t", 0, OptionalLong.of(5), 10, Long.MAX_VALUE, Adjustment.CLAMPED_TO_LATEST));
    }

    @Test
    void aShiftNeedsACommittedOffsetOnEveryPartition() {
        assertThatThrownBy(() -> ResetPlanner.plan("billing", ResetSpec.shiftBy(1), BOTH, offsets(Map.of())))
                .hasMessage("group billing has no committed offset to shift from on 1 partition(s), e.g. t-1: "
                        + "reset those to an offset instead");
    }

    @Test
    void aNegativeTimestampIsRefusedBecauseKafkaReadsItAsASentinel() {
        assertThatThrownBy(() -> ResetSpec.toTimestamp(-1)).hasMessageContaining("must not be negative");
    }
}
