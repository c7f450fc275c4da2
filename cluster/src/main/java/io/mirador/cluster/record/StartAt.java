package io.mirador.cluster.record;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Where a read starts in every chosen partition: the earliest offset, N records before the end, an offset, or
 * the first record at or after a time. Parsed from the strings users type ({@link #parse}).
 */
public sealed interface StartAt {

    record Earliest() implements StartAt {
    }

    /** {@code count} records before the end of each partition ("latest" is {@code count} 0: only new records). */
    record Latest(long count) implements StartAt {
        public Latest {
            if (count < 0) {
                throw new IllegalArgumentException("latest-N needs N ≥ 0");
            }
        }
    }

    record AtOffset(long offset) implements StartAt {
        public AtOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("an offset cannot be negative: " + offset);
            }
        }
    }

    record AtTime(Instant time) implements StartAt {
    }

    static StartAt earliest() {
        return new Earliest();
    }

    static StartAt latest(long count) {
        return new Latest(count);
    }

    /**
     * {@code earliest}, {@code latest}, {@code latest-N}, an offset, or a time (see {@link Times#parse}; a time
     * without a zone is in {@code zone}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static StartAt parse(String text, ZoneId zone) {
        String t = text.trim();
        if (t.equalsIgnoreCase("earliest") || t.equalsIgnoreCase("beginning")) {
            return new Earliest();
        }
        if (t.equalsIgnoreCase("latest") || t.equalsIgnoreCase("end")) {
            return new Latest(0);
        }
        if (t.regionMatches(true, 0, "latest-", 0, 7)) {
            return new Latest(Times.parseCount(t.substring(7), t));
        }
        if (t.chars().allMatch(Character::isDigit) && !t.isEmpty()) {
            return new AtOffset(Times.parseCount(t, t));
        }
        return new AtTime(Times.parse(t, zone, "start", "earliest, latest, latest-N"));
    }
}
