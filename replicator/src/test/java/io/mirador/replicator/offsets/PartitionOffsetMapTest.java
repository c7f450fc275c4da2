package io.mirador.replicator.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.replicator.offsets.Translation.Kind;
import io.mirador.replicator.state.TopicIdentity;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Segments, the overwrite rule and translation of one partition's offset mapping. */
class PartitionOffsetMapTest {

    private final PartitionOffsetMap map = new PartitionOffsetMap(new TopicPartition("t", 0),
            new TopicIdentity("s", "st", "d", "dt"), "t", 0);

    @Test
    void contiguousCopiesMergeIntoOneSegment() {
        map.beginsAt(0);
        map.append(new OffsetSegment(0, 10, 0));
        map.append(new OffsetSegment(10, 20, 10));
        assertThat(map.segments()).containsExactly(new OffsetSegment(0, 20, 0));
        assertThat(map.translate(7, 20)).isEqualTo(Translation.exact(7));
        assertThat(map.translate(20, 20)).isEqualTo(Translation.exact(20));
        assertThat(map.translate(21, 20).kind()).isEqualTo(Kind.NOT_COPIED);
    }

    @Test
    void aSourceGapStartsANewSegmentAndAPositionInTheGapGoesToTheNextRecord() {
        map.beginsAt(0);
        map.append(new OffsetSegment(0, 5, 0));   // 0..4 -> 0..4
        map.append(new OffsetSegment(6, 10, 5));  // offset 5 was a transaction marker: 6..9 -> 5..8
        assertThat(map.segments()).hasSize(2);
        assertThat(map.translate(5, 10)).isEqualTo(Translation.exact(5));
        assertThat(map.translate(6, 10)).isEqualTo(Translation.exact(5));
        assertThat(map.translate(9, 10)).isEqualTo(Translation.exact(8));
        assertThat(map.translate(10, 12)).isEqualTo(Translation.exact(9));
    }

    @Test
    void aResendAfterACrashReplacesTheFirstCopyFromWhereItStarts() {
        map.beginsAt(0);
        map.append(new OffsetSegment(0, 100, 0));
        // Checkpoint was at 60 when the worker crashed: 60..99 are resent and land at 100..139.
        map.append(new OffsetSegment(60, 100, 100));
        assertThat(map.segments()).containsExactly(new OffsetSegment(0, 60, 0), new OffsetSegment(60, 100, 100));
        assertThat(map.translate(59, 100)).isEqualTo(Translation.exact(59));
        assertThat(map.translate(60, 100)).isEqualTo(Translation.exact(100));
        assertThat(map.translate(80, 100)).isEqualTo(Translation.exact(120));
        assertThat(map.translate(100, 100)).isEqualTo(Translation.exact(140));
    }

    @Test
    void changesAreDrainedOnceWithTombstonesForReplacedSegments() {
        map.beginsAt(0);
        map.append(new OffsetSegment(0, 10, 0));
        map.append(new OffsetSegment(10, 20, 30));
        map.coveredTo(20);
        PartitionOffsetMap.Changes first = map.drainDirty();
        assertThat(first.segments()).containsKeys(0L, 10L);
        assertThat(first.coveredTo()).isEqualTo(20);
        assertThat(first.originStart()).isZero();
        assertThat(map.drainDirty().isEmpty()).isTrue();
        map.append(new OffsetSegment(5, 25, 50));
        PartitionOffsetMap.Changes second = map.drainDirty();
        assertThat(second.segments()).containsEntry(10L, null).containsEntry(0L, new OffsetSegment(0, 5, 0))
                .containsEntry(5L, new OffsetSegment(5, 25, 50));
    }

    @Test
    void offsetsCopiedWithoutARecordedMappingAreNeverTranslated() {
        map.append(new OffsetSegment(0, 50, 0));
        map.coveredTo(50);
        map.resumesAt(80); // the checkpoint reached 80 but the mapping write for 50..79 failed
        map.append(new OffsetSegment(80, 90, 200));
        assertThat(map.translate(60, 90).kind()).isEqualTo(Kind.UNMAPPED);
        assertThat(map.translate(50, 90).kind()).isEqualTo(Kind.UNMAPPED);
        assertThat(map.translate(49, 90)).isEqualTo(Translation.exact(49));
        assertThat(map.translate(85, 90)).isEqualTo(Translation.exact(205));
    }

    @Test
    void belowTheOriginTheNextRecordIsTheFirstCopiedOne() {
        map.beginsAt(40); // retention had deleted 0..39 before copying began
        map.append(new OffsetSegment(40, 50, 0));
        assertThat(map.translate(10, 50)).isEqualTo(Translation.exact(0));
    }

    @Test
    void belowTheMappingWindowTheTranslationIsApproximateWithItsBound() {
        map.load(new OffsetSegment(1_000, 1_100, 500), false); // older segments expired from the mapping topic
        Translation t = map.translate(900, 1_100);
        assertThat(t.kind()).isEqualTo(Kind.APPROXIMATE);
        assertThat(t.targetOffset()).isEqualTo(400);
        assertThat(t.errorBound()).isEqualTo(100);
    }

    @Test
    void aHugeNumberOfSegmentsIsBoundedByDroppingTheOldest() {
        map.beginsAt(0);
        for (long i = 0; i < PartitionOffsetMap.MAX_SEGMENTS + 10; i++) {
            map.append(new OffsetSegment(i * 2, i * 2 + 1, i)); // a source compacted every other record
        }
        assertThat(map.segments()).hasSize(PartitionOffsetMap.MAX_SEGMENTS);
        assertThat(map.translate(0, Long.MAX_VALUE).kind()).isEqualTo(Kind.APPROXIMATE);
    }
}
