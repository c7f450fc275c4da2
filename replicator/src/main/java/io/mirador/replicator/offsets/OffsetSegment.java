package io.mirador.replicator.offsets;

/**
 * A run of copied records whose target offsets are their source offsets shifted by one constant: the record at
 * source offset {@code s}, for {@code sourceStart <= s < sourceEnd}, is at target offset
 * {@code targetStart + (s - sourceStart)}. A new segment starts wherever that difference changes (a compacted
 * source, transaction markers on one side only, aborted records, duplicates resent after a crash, another writer
 * between two copies).
 *
 * <p>A segment whose {@code targetStart} is {@link #UNKNOWN} is a hole: those source offsets were copied, but
 * where they landed was not recorded (the mapping write failed before the checkpoint moved past them). Offsets in
 * a hole are never translated.
 */
public record OffsetSegment(long sourceStart, long sourceEnd, long targetStart) {

    public static final long UNKNOWN = -1;

    public OffsetSegment {
        if (sourceStart < 0 || sourceEnd <= sourceStart) {
            throw new IllegalArgumentException("empty or negative segment: " + sourceStart + ".." + sourceEnd);
        }
    }

    public boolean hole() {
        return targetStart == UNKNOWN;
    }

    /** One past the target offset of the segment's last record. */
    public long targetEnd() {
        return targetStart + (sourceEnd - sourceStart);
    }

    public boolean contains(long sourceOffset) {
        return sourceOffset >= sourceStart && sourceOffset < sourceEnd;
    }

    /** The target offset of source offset {@code s}, inside this segment. */
    public long targetOf(long s) {
        return targetStart + (s - sourceStart);
    }

    /** Whether the record (s, t) continues this segment: right after its end, with the same difference. */
    public boolean continuedBy(long s, long t) {
        return !hole() && s == sourceEnd && t == targetEnd();
    }

    OffsetSegment endingAt(long newEnd) {
        return new OffsetSegment(sourceStart, newEnd, targetStart);
    }
}
