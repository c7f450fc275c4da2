package io.mirador.cluster.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of the times and counts users type for reads. */
final class Times {

    private Times() {
    }

    /**
     * An ISO-8601 time with or without zone ({@code 2026-11-25T10:00:00Z}, {@code 2026-11-25T11:00+01:00},
     * {@code 2026-11-25T10:00}, {@code 2026-11-25}) or epoch milliseconds prefixed with {@code @}
     * ({@code @1764064800000}). A time without a zone is in {@code zone}.
     *
     * @param what  "start" or "stop", for the message
     * @param words the position's own words, listed first when the text is none of the forms ("earliest, latest")
     */
    static Instant parse(String text, ZoneId zone, String what, String words) {
        String t = text.trim();
        if (t.startsWith("@")) {
            return Instant.ofEpochMilli(parseCount(t.substring(1), t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms below
        }
        try {
            return ZonedDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms below
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the forms below
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a " + what + ": use " + words
                    + ", an offset, an ISO time like 2026-11-25T10:00:00Z, or @epoch-millis");
        }
    }

    static long parseCount(String digits, String whole) {
        try {
            long n = Long.parseLong(digits.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + whole + "' needs a whole number ≥ 0");
        }
    }
}
