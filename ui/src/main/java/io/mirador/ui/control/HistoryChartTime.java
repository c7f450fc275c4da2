package io.mirador.ui.control;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.mirador.ui.service.history.Range;

/**
 * The time axis of a {@link HistoryChart}, in plain Java so it is tested without JavaFX: tick spacing per range,
 * ticks on round local times, and labels in the chosen zone. The axis itself counts epoch milliseconds.
 */
final class HistoryChartTime {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);

    private HistoryChartTime() {
    }

    /** Milliseconds between ticks: 10 minutes for an hour, 3 hours for a day, a day for a week. */
    static long tickMs(Range range) {
        return switch (range) {
            case HOUR -> 10 * MINUTE;
            case DAY -> 3 * HOUR;
            case WEEK -> 24 * HOUR;
        };
    }

    /**
     * Where the axis starts so that its ticks fall on round times in {@code zone} (14:10, 15:00, local midnight):
     * {@code fromMs} rounded down to a tick. The axis then shows up to one tick more than the range.
     */
    static long axisStart(long fromMs, Range range, ZoneId zone) {
        long tick = tickMs(range);
        ZoneOffset offset = zone.getRules().getOffset(Instant.ofEpochMilli(fromMs));
        long offsetMs = offset.getTotalSeconds() * 1000L;
        return Math.floorDiv(fromMs + offsetMs, tick) * tick - offsetMs;
    }

    /** "14:30" for hour and day ranges, "Mon 3" for a week, in {@code zone}. */
    static String label(long epochMs, Range range, ZoneId zone) {
        DateTimeFormatter format = range == Range.WEEK ? DAY : CLOCK;
        return format.format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    /** The axis caption: "Time (UTC)" or "Local time (Europe/Paris)". */
    static String caption(ZoneId zone) {
        if (zone.normalized().equals(ZoneOffset.UTC)) {
            return "Time (UTC)";
        }
        return "Local time (" + zone.getId() + ")";
    }
}
