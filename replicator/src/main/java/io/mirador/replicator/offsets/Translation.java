package io.mirador.replicator.offsets;

/**
 * Where a consumer group's committed source offset lands on the target.
 *
 * @param kind         {@link Kind#EXACT}: the target offset of the very record the group would read next on the
 *                     source; {@link Kind#APPROXIMATE}: older than the mapping kept (its retention), placed by
 *                     offset distance from the oldest known segment, off by at most {@code errorBound} records;
 *                     {@link Kind#NOT_COPIED}: the group is ahead of the mirror, translated once the records
 *                     before its position are copied; {@link Kind#UNMAPPED}: copied, but where they landed was
 *                     not recorded
 * @param targetOffset the target offset to commit; -1 unless EXACT or APPROXIMATE
 */
public record Translation(Kind kind, long targetOffset, long errorBound) {

    public enum Kind { EXACT, APPROXIMATE, NOT_COPIED, UNMAPPED }

    static Translation exact(long targetOffset) {
        return new Translation(Kind.EXACT, targetOffset, 0);
    }

    static Translation approximate(long targetOffset, long errorBound) {
        return new Translation(Kind.APPROXIMATE, targetOffset, errorBound);
    }

    static final Translation NOT_COPIED = new Translation(Kind.NOT_COPIED, -1, 0);
    static final Translation UNMAPPED = new Translation(Kind.UNMAPPED, -1, 0);

    public boolean usable() {
        return kind == Kind.EXACT || kind == Kind.APPROXIMATE;
    }
}
