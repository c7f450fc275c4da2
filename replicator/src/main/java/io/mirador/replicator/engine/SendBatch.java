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
    /** Source offsets of the records, in send order; worker thread until sealed, then read by acks. */
    private long[] offsets;
    /**
     * Offset mapping of the acknowledged records, producer I/O thread: callbacks of one target partition run in
     * send order (KafkaProducer's guarantee), so the n-th ack is the n-th record. Closed runs as (source start,
     * source end, target start) triples, and the open run.
     */
    private int acks;
    private long[] runs = new long[3];
    private int runCount;
    private long runSourceStart = -1;
    private long runSourceEnd;
    private long runTargetStart;
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
        mapped(offsets[acks++], metadata.offset());
        if (pending.decrementAndGet() == 0) {
            owner.completed(this);
        }
    }

    /** Producer I/O thread: the record at source offset {@code s} is at target offset {@code t}. */
    private void mapped(long s, long t) {
        if (runSourceStart >= 0 && s == runSourceEnd && t == runTargetStart + (runSourceEnd - runSourceStart)) {
            runSourceEnd = s + 1;
            return;
        }
        closeRun();
        runSourceStart = s;
        runSourceEnd = s + 1;
        runTargetStart = t;
    }

    private void closeRun() {
        if (runSourceStart < 0) {
            return;
        }
        if (runCount * 3 == runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[runCount * 3] = runSourceStart;
        runs[runCount * 3 + 1] = runSourceEnd;
        runs[runCount * 3 + 2] = runTargetStart;
        runCount++;
        runSourceStart = -1;
    }

    /** Once complete (every record acknowledged): the batch's offset mapping, appended in source order. */
    void appendSegmentsTo(io.mirador.replicator.offsets.PartitionOffsetMap map) {
        closeRun();
        for (int i = 0; i < runCount; i++) {
            map.append(new io.mirador.replicator.offsets.OffsetSegment(runs[i * 3], runs[i * 3 + 1], runs[i * 3 + 2]));
        }
        runCount = 0;
        offsets = null;
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
