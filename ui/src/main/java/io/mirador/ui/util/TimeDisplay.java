package io.mirador.ui.util;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;

/**
 * Whether times are shown in the user's local zone or in UTC: one switch for the whole window, in the top bar.
 * Pages bind their time columns and charts to {@link #zoneProperty()} so a switch re-renders them. FX thread.
 */
public final class TimeDisplay {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final ZoneId local;
    private final BooleanProperty utc = new SimpleBooleanProperty(this, "utc", false);
    private final ObservableValue<ZoneId> zone;

    public TimeDisplay() {
        this(ZoneId.systemDefault());
    }

    public TimeDisplay(ZoneId local) {
        this.local = local;
        this.zone = utc.map(u -> u ? ZoneOffset.UTC : local);
    }

    public BooleanProperty utcProperty() {
        return utc;
    }

    /** The zone times are shown in now. */
    public ObservableValue<ZoneId> zoneProperty() {
        return zone;
    }

    public ZoneId zone() {
        return zone.getValue();
    }

    /** E.g. "UTC" or "Europe/Paris", for column headers and pickers. */
    public String zoneLabel() {
        return utc.get() ? "UTC" : local.getId();
    }

    /** Epoch milliseconds as {@code 2026-11-25 10:15:30.123} in the chosen zone; negative means unknown: "–". */
    public String format(long epochMillis) {
        return format(epochMillis, zone());
    }

    public static String format(long epochMillis, ZoneId zone) {
        return epochMillis < 0 ? "–" : FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }
}
