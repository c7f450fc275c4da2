package io.mirador.ui.page.mirroring;

import java.util.Arrays;

/**
 * The last few records-per-second values of one route, oldest first, for its sparkline: a fixed array used
 * as a ring, so a poll costs no allocation but the snapshot. Single-threaded (the UI thread).
 */
final class RateRing {

    private final double[] values;
    private int start;
    private int size;

    RateRing(int capacity) {
        values = new double[capacity];
    }

    /** Appends the newest value, dropping the oldest when full. NaN is kept as 0: nothing was copied. */
    void add(double value) {
        double v = Double.isNaN(value) ? 0 : value;
        if (size < values.length) {
            values[(start + size++) % values.length] = v;
        } else {
            values[start] = v;
            start = (start + 1) % values.length;
        }
    }

    /**
     * Puts older values (oldest first) before those held, as far as there is room: a history loaded after the
     * first polls already arrived must not push out newer values.
     */
    void prepend(double[] older) {
        int room = values.length - size;
        int take = Math.min(room, older.length);
        double[] now = snapshot();
        start = 0;
        size = 0;
        for (int i = older.length - take; i < older.length; i++) {
            add(older[i]);
        }
        for (double v : now) {
            add(v);
        }
    }

    /** Oldest first; a new array each time (the sparkline keeps it). */
    double[] snapshot() {
        double[] copy = new double[size];
        for (int i = 0; i < size; i++) {
            copy[i] = values[(start + i) % values.length];
        }
        return copy;
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        return Arrays.toString(snapshot());
    }
}
