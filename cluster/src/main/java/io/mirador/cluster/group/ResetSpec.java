package io.mirador.cluster.group;

/**
 * Where to move a group's committed offsets. Every target is clamped to the partition's [earliest, latest]
 * range, and the clamp is reported in {@link OffsetChange#adjustment()}.
 */
public sealed interface ResetSpec {

    /** The first offset still in the log. */
    record ToEarliest() implements ResetSpec {
    }

    /** The log end: the group skips everything not yet consumed. */
    record ToLatest() implements ResetSpec {
    }

    /** The first record with a timestamp at or after {@code epochMillis}; the log end when there is none. */
    record ToTimestamp(long epochMillis) implements ResetSpec {
        public ToTimestamp {
            // Kafka reads -1 and -2 as "latest" and "earliest": a negative time would silently mean something else.
            if (epochMillis < 0) {
                throw new IllegalArgumentException("timestamp must not be negative: " + epochMillis);
            }
        }
    }

    /** The same offset on every partition. */
    record ToOffset(long offset) implements ResetSpec {
    }

    /** The committed offset moved by {@code delta} (negative to re-read); needs a committed offset. */
    record ShiftBy(long delta) implements ResetSpec {
    }

    static ResetSpec earliest() {
        return new ToEarliest();
    }

    static ResetSpec latest() {
        return new ToLatest();
    }

    static ResetSpec toTimestamp(long epochMillis) {
        return new ToTimestamp(epochMillis);
    }

    static ResetSpec toOffset(long offset) {
        return new ToOffset(offset);
    }

    static ResetSpec shiftBy(long delta) {
        return new ShiftBy(delta);
    }
}
