package io.mirador.bench;

import java.util.Arrays;

import io.mirador.cluster.record.KafkaRecord;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;

/**
 * Watches the Messages table's rows during a live tail, on the FX thread: how many times the table was updated
 * (all list changes of one FX turn count once: the page may add and then trim in the same turn), how many records
 * became visible for the first time, and how old each was then (from its producer timestamp). A record counts as
 * new when its offset is beyond the highest seen in its partition, so rows the page merely re-inserts (a batch
 * replacing the list) are not counted again. The per-record work is a comparison, negligible next to the page's.
 */
final class TailCounter implements ListChangeListener<KafkaRecord> {

    /** One window's counts; {@code ageMs} holds the milliseconds from produce to the table of each new record. */
    record Window(long updates, long shown, Percentiles ageMs) {
    }

    private final long[] highest;
    private boolean turnCounted;
    private long updates;
    private long shown;
    private Percentiles ageMs = new Percentiles();

    TailCounter(int partitions) {
        highest = new long[partitions];
        Arrays.fill(highest, -1);
    }

    @Override
    public void onChanged(Change<? extends KafkaRecord> change) {
        if (!turnCounted) {
            turnCounted = true;
            updates++;
            Platform.runLater(() -> turnCounted = false); // runs after this turn: its other changes are the same update
        }
        long now = System.currentTimeMillis();
        while (change.next()) {
            if (!change.wasAdded()) {
                continue;
            }
            for (KafkaRecord r : change.getAddedSubList()) {
                if (r.partition() < highest.length && r.offset() > highest[r.partition()]) {
                    highest[r.partition()] = r.offset();
                    shown++;
                    ageMs.add(Math.max(0, now - r.timestamp()));
                }
            }
        }
    }

    /** The counts since the last call, and starts a new window. FX thread. */
    Window take() {
        Window window = new Window(updates, shown, ageMs);
        updates = 0;
        shown = 0;
        ageMs = new Percentiles();
        return window;
    }
}
