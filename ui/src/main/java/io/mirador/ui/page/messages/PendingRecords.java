package io.mirador.ui.page.messages;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.mirador.cluster.record.KafkaRecord;

/**
 * The hand-over from a read's worker thread to the UI thread: the worker {@link #offer}s each poll's records,
 * the UI's frame tick {@link #drain}s whatever arrived since the last tick in one go, so the table is updated at
 * most once per tick however fast records come, never once per record.
 *
 * <p>Bounded by a record count and a byte count: when the UI does not drain (a paused live tail, a busy FX
 * thread) the oldest records are dropped and counted, so memory stays bounded however fast the topic grows.
 * Dropping the oldest is right for a tail, which shows the newest records; the capacity equals the table's, so
 * what is dropped here would have scrolled out of the table anyway. Thread-safe.
 */
final class PendingRecords {

    /** What one drain hands over. */
    record Drained(List<KafkaRecord> records, long dropped) {
    }

    private final ArrayDeque<KafkaRecord> queue = new ArrayDeque<>();
    private final int maxRecords;
    private final long maxBytes;
    private long bytes;
    private long dropped;

    PendingRecords(int maxRecords, long maxBytes) {
        if (maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a pending buffer holds at least one record");
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Adds a batch, dropping the oldest records beyond the bounds (the newest record is always kept). */
    synchronized void offer(List<KafkaRecord> batch) {
        for (KafkaRecord record : batch) {
            queue.addLast(record);
            bytes += record.size();
        }
        while (queue.size() > 1 && (queue.size() > maxRecords || bytes > maxBytes)) {
            bytes -= queue.removeFirst().size();
            dropped++;
        }
    }

    /** Everything offered since the last drain, oldest first, and how many were dropped meanwhile. */
    synchronized Drained drain() {
        Drained drained = new Drained(new ArrayList<>(queue), dropped);
        queue.clear();
        bytes = 0;
        dropped = 0;
        return drained;
    }

    synchronized int size() {
        return queue.size();
    }
}
