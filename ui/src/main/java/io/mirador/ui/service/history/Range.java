package io.mirador.ui.service.history;

import java.time.Duration;

/**
 * How far back a history chart looks. The store keeps raw points for an hour, minute averages up to a day and
 * ten-minute averages up to a week, so each range reads points of one resolution, mostly.
 */
public enum Range {
    HOUR("Hour", Duration.ofHours(1)),
    DAY("Day", Duration.ofDays(1)),
    WEEK("Week", Duration.ofDays(7));

    private final String label;
    private final Duration length;

    Range(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** "Hour", "Day", "Week": what a toggle button says. */
    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public long millis() {
        return length.toMillis();
    }
}
