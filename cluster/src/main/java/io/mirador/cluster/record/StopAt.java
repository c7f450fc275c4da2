package io.mirador.cluster.record;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Where a read stops in every chosen partition: at the end offsets as they were when the read started, never
 * (live tail), before an offset, or before the first record after a time. A cap on the number of records is
 * separate ({@link ReadSpec#limit()}).
 */
public sealed interface StopAt {

    /** The end of each partition when the read began: a bounded snapshot, whatever is produced meanwhile. */
    record AtEnd() implements StopAt {
    }

    /** Never: keep following new records until cancelled. */
    record Live() implements StopAt {
    }

    /** Before {@code offset} (exclusive) in each partition, or at its end if that comes first. */
    record AtOffset(long offset) implements StopAt {
    }

    /** After the last record whose offset is before the first at or after {@code time}. */
    record AtTime(Instant time) implements StopAt {
    }

    static StopAt end() {
        return new AtEnd();
    }

    static StopAt live() {
        return new Live();
    }

    /**
     * {@code end}, {@code live} (also {@code never}), an offset or a time ({@link Times#parse}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static StopAt parse(String text, ZoneId zone) {
        String t = text.trim();
        if (t.equalsIgnoreCase("end") || t.equalsIgnoreCase("latest")) {
            return new AtEnd();
        }
        if (t.equalsIgnoreCase("live") || t.equalsIgnoreCase("never")) {
            return new Live();
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return new AtOffset(Times.parseCount(t, t));
        }
        return new AtTime(Times.parse(t, zone, "stop", "end, live"));
    }
}
