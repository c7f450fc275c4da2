package io.mirador.ui.page.groups;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;
import io.mirador.ui.page.groups.ResetOffsetsViewModel.Mode;

/** The reset dialog's text rules: inputs as typed to a {@link ResetSpec}, and previews to short sentences. Pure. */
final class ResetInputs {

    /** "9:30", "09:30:15" or "09:30:15.250". */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss[.SSS]]", Locale.ROOT);

    private ResetInputs() {
    }

    /**
     * The reset the inputs describe; only the inputs of {@code mode} are read.
     *
     * @throws IllegalArgumentException with a sentence for the user when they describe none
     */
    static ResetSpec spec(Mode mode, LocalDate date, String time, String offset, String shift, ZoneId zone) {
        switch (mode) {
            case EARLIEST:
                return ResetSpec.earliest();
            case LATEST:
                return ResetSpec.latest();
            case TIMESTAMP:
                return ResetSpec.toTimestamp(epochMillis(date, time, zone));
            case OFFSET: {
                long value = number(offset, "Enter the offset as a whole number, e.g. 1000.");
                if (value < 0) {
                    throw new IllegalArgumentException("An offset cannot be negative.");
                }
                return ResetSpec.toOffset(value);
            }
            case SHIFT:
                return ResetSpec.shiftBy(number(shift, "Enter the shift as a whole number, e.g. -100 to re-read 100."));
            default:
                throw new IllegalStateException("unknown mode " + mode);
        }
    }

    /** The instant of a local date and time of day in {@code zone}. */
    static long epochMillis(LocalDate date, String time, ZoneId zone) {
        if (date == null) {
            throw new IllegalArgumentException("Choose a date.");
        }
        LocalTime at;
        try {
            at = LocalTime.parse(Objects.requireNonNullElse(time, "").trim(), TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Enter the time as HH:mm or HH:mm:ss, e.g. 14:05.");
        }
        long millis;
        try {
            // In a DST gap or overlap, atZone takes the offset before the change: a documented, stable choice.
            millis = LocalDateTime.of(date, at).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("Choose a date between 1970 and 9999.");
        }
        // Kafka reads -1 and -2 as "latest" and "earliest": a time before 1970 must not silently mean one of them.
        if (millis < 0) {
            throw new IllegalArgumentException("Choose a date from 1970 on.");
        }
        return millis;
    }

    static long number(String text, String problem) {
        try {
            return Long.parseLong(Objects.requireNonNullElse(text, "").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** E.g. "2 partitions, 2 moving." or "3 partitions, 1 moving, 1 adjusted to the log's range." */
    static String summary(List<OffsetChange> changes) {
        long moving = changes.stream()
                .filter(c -> c.current().isEmpty() || c.current().getAsLong() != c.target()).count();
        long adjusted = changes.stream().filter(c -> c.adjustment() != OffsetChange.Adjustment.NONE).count();
        String text = changes.size() + (changes.size() == 1 ? " partition, " : " partitions, ") + moving + " moving";
        return adjusted == 0 ? text + "." : text + ", " + adjusted + " adjusted to the log's range.";
    }

    /** Why a target differs from what was asked, for the preview's note column; empty when it does not. */
    static String note(OffsetChange change) {
        switch (change.adjustment()) {
            case CLAMPED_TO_EARLIEST:
                return "before the log start (" + change.requested() + "): earliest";
            case CLAMPED_TO_LATEST:
                return "past the log end (" + change.requested() + "): latest";
            case NO_RECORD_AT_TIMESTAMP:
                return "no record since then: latest";
            default:
                return change.current().isEmpty() ? "no committed offset yet" : "";
        }
    }
}
