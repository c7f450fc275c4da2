package io.mirador.replicator.engine;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The records of one source partition that one poll handed to the producer: a contiguous range of source
 * offsets, {@code [firstOffset, endOffset)}, tracked as a whole. It is also the producer callback of every record
 * in it, so that copying allocates no callback, takes no lock and boxes no offset per record; the partition's
 * lock is taken once per batch, when the batch is opened and when it is complete.
 *
 * <p>Completion: {@code pending} starts at {@link #OPEN}, far above any batch size. Each acknowledged record
 * counts it down; {@link #seal()} subtracts {@code OPEN - records} once the worker has sent the batch's last
 * record. Whoever brings it to exactly 0 (the last ack, or the seal when every ack came first) reports the batch
 * complete to its {@link PartitionProgress}; that happens once. A failed record never counts down, so a batch
 * holding one never completes and the checkpoint cannot pass it; the worker rewinds instead.
 *
 * <p>Threading: {@link #add} and {@link #seal} on the worker thread; {@link #onCompletion} on the producer's I/O
 * thread (or the worker's, for a record refused at once). The worker's writes reach the completing thread through
 * {@code pending}.
 */
final class SendBatch implements Callback {

    private static final int OPEN = 1 << 30;

    private final PartitionProgress owner;
    private final AtomicInteger pending = new AtomicInteger(OPEN);
    /** Source timestamps of the records, in send order; worker thread until sealed. */
    private long[] timestamps;
    /** Source offsets of the records, in send order; worker thread until sealed, read once complete. */
    private long[] offsets;
    /**
     * Target offsets in ack order, written by the producer's I/O thread only (callbacks of one target partition run
     * in send order, KafkaProducer's guarantee, so the n-th ack is the n-th record). Sized once, never replaced: a
     * batch that outgrows it (never in the worker, which sizes it by the poll) records a hole in the mapping.
     */
    private final long[] targets;
    private int acks;
    /** (source offset, target offset) of skipped records whose original is on the target; worker thread. */
    private long[] skipped = new long[0];
    private int skippedCount;
    private int records;
    private long bytes;
    private long firstOffset = -1;
    private long endOffset = -1;
    /** Highest target offset acknowledged for this batch; producer I/O thread, read once the batch is complete. */
    private long lastTargetOffset = -1;
    /** Guarded by the owner's lock: complete, and taken off the in-flight queue or dropped by a rewind. */
    boolean complete;
    boolean abandoned;

    SendBatch(PartitionProgress owner, int expectedRecords) {
        this.owner = owner;
        this.timestamps = new long[Math.max(1, expectedRecords)];
        this.offsets = new long[timestamps.length];
        this.targets = new long[timestamps.length];
    }

    /** Worker thread, before the record at {@code offset} is handed to the producer with this batch as callback. */
    void add(long offset, int recordBytes, long timestamp) {
        if (firstOffset < 0) {
            firstOffset = offset;
        }
        endOffset = offset + 1;
        if (records == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, records * 2);
            offsets = Arrays.copyOf(offsets, records * 2);
        }
        offsets[records] = offset;
        timestamps[records++] = timestamp;
        bytes += recordBytes;
    }

    /**
     * Worker thread: the record at {@code offset} is not copied (the loop guard skipped it); the batch still covers
     * it, so the checkpoint passes it once the records before it are acknowledged.
     */
    void skip(long offset) {
        if (firstOffset < 0) {
            firstOffset = offset;
        }
        endOffset = offset + 1;
    }

    /**
     * Worker thread: as {@link #skip}, for a record whose original is on the target at {@code targetOffset} of the
     * target partition (it came from there): the mapping records that, so a group's position on it translates.
     */
    void skipAt(long offset, long targetOffset) {
        skip(offset);
        if (skippedCount * 2 == skipped.length) {
            skipped = Arrays.copyOf(skipped, Math.max(8, skipped.length * 2));
        }
        skipped[skippedCount * 2] = offset;
        skipped[skippedCount * 2 + 1] = targetOffset;
        skippedCount++;
    }

    /** Worker thread: no more records join this batch. May complete it, when every record was already acked. */
    void seal() {
        if (pending.addAndGet(records - OPEN) == 0) {
            owner.completed(this);
        }
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error != null) {
            owner.sendFailed(this, error);
            return;
        }
        if (metadata.offset() > lastTargetOffset) {
            lastTargetOffset = metadata.offset();
        }
        int k = acks++;
        if (k < targets.length) {
            targets[k] = metadata.offset();
        }
        if (pending.decrementAndGet() == 0) {
            owner.completed(this);
        }
    }

    /**
     * Once complete (every record acknowledged, so the arrays are final and visible through {@code pending}): the
     * batch's offset mapping, appended in source order as runs of constant difference. Skipped offsets are gaps.
     */
    void appendSegmentsTo(io.mirador.replicator.offsets.PartitionOffsetMap map) {
        if (records > 0 && (acks != records || records > targets.length)) {
            // Not the one-ack-per-record order the producer guarantees: where they landed is unknown.
            map.append(new io.mirador.replicator.offsets.OffsetSegment(offsets[0], offsets[records - 1] + 1,
                    io.mirador.replicator.offsets.OffsetSegment.UNKNOWN));
            offsets = null;
            return;
        }
        // Two ascending sequences of (source, target): the copies and the skipped records found on the target.
        int i = 0;
        int j = 0;
        long runSource = -1;
        long runTarget = 0;
        long runEnd = 0;
        while (i < records || j < skippedCount) {
            boolean copy = j >= skippedCount || (i < records && offsets[i] < skipped[j * 2]);
            long s = copy ? offsets[i] : skipped[j * 2];
            long t = copy ? targets[i++] : skipped[j++ * 2 + 1];
            if (runSource >= 0 && s == runEnd && t == runTarget + (runEnd - runSource)) {
                runEnd = s + 1;
                continue;
            }
            if (runSource >= 0) {
                map.append(new io.mirador.replicator.offsets.OffsetSegment(runSource, runEnd, runTarget));
            }
            runSource = s;
            runTarget = t;
            runEnd = s + 1;
        }
        if (runSource >= 0) {
            map.append(new io.mirador.replicator.offsets.OffsetSegment(runSource, runEnd, runTarget));
        }
        offsets = null;
        skipped = null;
    }

    int records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    long firstOffset() {
        return firstOffset;
    }

    /** One past the last source offset sent in this batch; -1 while it holds none. */
    long endOffset() {
        return endOffset;
    }

    long lastTargetOffset() {
        return lastTargetOffset;
    }

    /** Each record's latency, from its source timestamp to {@code nowMs} (when the whole batch was acknowledged). */
    void recordLatencies(io.mirador.replicator.metrics.LatencyHistogram histogram, long nowMs) {
        for (int i = 0; i < records; i++) {
            histogram.record(nowMs - timestamps[i]);
        }
        timestamps = null; // done with them; the batch may linger in a retired producer's hands
    }
}
