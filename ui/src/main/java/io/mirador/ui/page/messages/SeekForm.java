package io.mirador.ui.page.messages;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.StartAt;
import io.mirador.cluster.record.StopAt;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The seek part of the Messages page as plain properties: which partitions, where to start, where to stop.
 * Number fields are kept as the text the user typed and only read by {@link #toSpec}, which says in one line what
 * is wrong, so a half-typed field never throws while typing. Times are a date and a time of day in the display
 * zone ({@link io.mirador.ui.util.TimeDisplay}); {@link #rezone} keeps the same instant when that zone switches.
 * UI thread only.
 */
public final class SeekForm {

    public enum Start {
        EARLIEST("Earliest"), LATEST("Latest − N"), OFFSET("Offset"), TIME("Time");

        private final String label;

        Start(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** COUNT stops after that many records (or at the end of the range, whichever comes first). */
    public enum Stop {
        END("End (now)"), LIVE("Never (live)"), OFFSET("Offset"), TIME("Time"), COUNT("Count");

        private final String label;

        Stop(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final StringProperty partitions = new SimpleStringProperty(this, "partitions", "");
    private final ObjectProperty<Start> start = new SimpleObjectProperty<>(this, "start", Start.EARLIEST);
    private final StringProperty latestCount = new SimpleStringProperty(this, "latestCount", "100");
    private final StringProperty startOffset = new SimpleStringProperty(this, "startOffset", "0");
    private final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>(this, "startDate");
    private final StringProperty startTime = new SimpleStringProperty(this, "startTime", "00:00:00");
    private final ObjectProperty<Stop> stop = new SimpleObjectProperty<>(this, "stop", Stop.END);
    private final StringProperty stopOffset = new SimpleStringProperty(this, "stopOffset", "");
    private final ObjectProperty<LocalDate> stopDate = new SimpleObjectProperty<>(this, "stopDate");
    private final StringProperty stopTime = new SimpleStringProperty(this, "stopTime", "00:00:00");
    private final StringProperty stopCount = new SimpleStringProperty(this, "stopCount", "100");

    /** Partitions as typed: empty or "all" for every partition, else numbers and ranges, "0,2,5-7". */
    public StringProperty partitionsProperty() {
        return partitions;
    }

    public ObjectProperty<Start> startProperty() {
        return start;
    }

    /** N of "latest − N": records before the end of each partition. */
    public StringProperty latestCountProperty() {
        return latestCount;
    }

    public StringProperty startOffsetProperty() {
        return startOffset;
    }

    public ObjectProperty<LocalDate> startDateProperty() {
        return startDate;
    }

    /** Time of day, HH:mm, HH:mm:ss or HH:mm:ss.SSS, in the display zone; empty is midnight. */
    public StringProperty startTimeProperty() {
        return startTime;
    }

    public ObjectProperty<Stop> stopProperty() {
        return stop;
    }

    public StringProperty stopOffsetProperty() {
        return stopOffset;
    }

    public ObjectProperty<LocalDate> stopDateProperty() {
        return stopDate;
    }

    public StringProperty stopTimeProperty() {
        return stopTime;
    }

    public StringProperty stopCountProperty() {
        return stopCount;
    }

    /**
     * The read the form describes, without filter.
     *
     * @param partitionCount the topic's partition count to check chosen partitions against; ≤ 0 when unknown
     * @param zone           the zone the date and time fields are in
     * @throws IllegalArgumentException with a one-line reason naming the field
     */
    public ReadSpec toSpec(String topic, int partitionCount, ZoneId zone) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("Choose a topic.");
        }
        Set<Integer> chosen = parsePartitions(partitions.get(), partitionCount);
        StartAt from = switch (start.get()) {
            case EARLIEST -> StartAt.earliest();
            case LATEST -> StartAt.latest(number(latestCount.get(), "Latest − N", 0));
            case OFFSET -> new StartAt.AtOffset(number(startOffset.get(), "Start offset", 0));
            case TIME -> new StartAt.AtTime(instant(startDate.get(), startTime.get(), zone, "Start").toInstant());
        };
        StopAt to = StopAt.end();
        long limit = Long.MAX_VALUE;
        switch (stop.get()) {
            case END -> to = StopAt.end();
            case LIVE -> to = StopAt.live();
            case OFFSET -> to = new StopAt.AtOffset(number(stopOffset.get(), "Stop offset", 0));
            case TIME -> to = new StopAt.AtTime(instant(stopDate.get(), stopTime.get(), zone, "Stop").toInstant());
            case COUNT -> limit = number(stopCount.get(), "Count", 1);
            default -> throw new IllegalStateException();
        }
        return new ReadSpec(topic.trim(), chosen, from, to, null, limit);
    }

    /** Re-expresses both times in {@code now}, so they keep meaning the same instant after the zone switch. */
    public void rezone(ZoneId before, ZoneId now) {
        if (before == null || now == null || before.equals(now)) {
            return;
        }
        rezone(startDate, startTime, before, now);
        rezone(stopDate, stopTime, before, now);
    }

    private static void rezone(ObjectProperty<LocalDate> date, StringProperty time, ZoneId before, ZoneId now) {
        if (date.get() == null) {
            return;
        }
        LocalTime local;
        try {
            local = parseTime(time.get());
        } catch (DateTimeParseException e) {
            return;
        }
        ZonedDateTime moved = ZonedDateTime.of(date.get(), local, before).withZoneSameInstant(now);
        date.set(moved.toLocalDate());
        time.set(formatTime(moved.toLocalTime()));
    }

    /** HH:mm:ss, or HH:mm:ss.SSS when there are milliseconds. */
    public static String formatTime(LocalTime time) {
        return (time.getNano() == 0 ? SECONDS : MILLIS).format(time);
    }

    static Set<Integer> parsePartitions(String text, int partitionCount) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("all")) {
            return Set.of();
        }
        Set<Integer> chosen = new TreeSet<>();
        for (String part : t.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                int dash = part.indexOf('-', 1);
                int low = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int high = dash < 0 ? low : Integer.parseInt(part.substring(dash + 1));
                if (low < 0 || high < low || high - low > 100_000) {
                    throw new NumberFormatException();
                }
                for (int p = low; p <= high; p++) {
                    chosen.add(p);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Partitions: cannot read '" + part
                        + "'; use all, or numbers and ranges like 0,2,5-7.");
            }
        }
        if (partitionCount > 0) {
            int highest = ((TreeSet<Integer>) chosen).last();
            if (highest >= partitionCount) {
                throw new IllegalArgumentException("Partitions: the topic has partitions 0 to " + (partitionCount - 1)
                        + ", there is no partition " + highest + ".");
            }
        }
        return chosen;
    }

    private static long number(String text, String field, long min) {
        String t = text == null ? "" : text.trim().replace(",", "").replace("_", "");
        try {
            long n = Long.parseLong(t);
            if (n < min) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + (text == null ? "" : text.trim())
                    + "' is not a whole number ≥ " + min + ".");
        }
    }

    private static ZonedDateTime instant(LocalDate date, String time, ZoneId zone, String field) {
        if (date == null) {
            throw new IllegalArgumentException(field + " time: choose a date.");
        }
        try {
            return ZonedDateTime.of(date, parseTime(time), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " time: cannot read '" + time.trim()
                    + "'; use HH:mm, HH:mm:ss or HH:mm:ss.SSS.");
        }
    }

    static LocalTime parseTime(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(t);
    }
}
