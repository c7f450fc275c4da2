package io.mirador.replicator.engine;

import org.apache.kafka.common.TopicPartition;

/**
 * Copy progress of one source partition inside the worker that owns it.
 *
 * <p>Invariant: {@code ackedNext} only moves forward, and only past records the target acknowledged; every
 * record before it is on the target. Acks usually arrive in send order, but not always (a first batch retried
 * after later ones were appended to a fresh topic, say), so offsets in flight are queued in send order and the
 * checkpoint only moves over a contiguous acknowledged prefix. Written by the worker thread and the producer's
 * callback thread under this object's lock; read by anyone through the volatile fields.
 */
final class PartitionProgress {

    final TopicPartition source;
    /** Latencies of this partition's acknowledged copies in the current metrics window. */
    final io.mirador.replicator.metrics.LatencyHistogram latency = new io.mirador.replicator.metrics.LatencyHistogram();
    final String targetTopic;
    final int targetPartition;
    /** The source and target topics this progress belongs to; written into every checkpoint. */
    final io.mirador.replicator.state.TopicIdentity identity;

    /** Next source offset not yet acknowledged by the target (the checkpoint). */
    volatile long ackedNext;
    volatile long lastTargetOffset = -1;
    /** Source log end offset as last seen by the consumer. */
    volatile long endOffset = -1;
    /** Source offsets sent and not yet acknowledged, in send order. Guarded by {@code this}. */
    private final java.util.ArrayDeque<Long> inFlight = new java.util.ArrayDeque<>();
    /** Acknowledged offsets that overtook an earlier one still in flight. Guarded by {@code this}. */
    private final java.util.Set<Long> ackedEarly = new java.util.HashSet<>();
    /** Set by a failed send; later acks of the partition are ignored until the worker rewinds. */
    volatile boolean failed;
    volatile long copiedRecords;
    volatile long copiedBytes;
    volatile long lastProgressMs = System.currentTimeMillis();
    /** Source records that could not be copied because the source no longer had them (retention, deleteRecords). */
    volatile long lostRecords;
    /**
     * Set when records were lost and the route's policy stops the partition: the worker keeps it paused. Only a
     * restart of the route (or its worker) clears it, since a new progress starts clear.
     */
    volatile boolean stoppedOnDataLoss;
    /** When records were last found lost; 0 when never. */
    volatile long lastLossMs;
    /** Planner thread: since when the partition has had lag with no progress; 0 while it has none. */
    volatile long laggingSinceMs;

    /** {@code <source cluster id>/<topic>/<partition>/}, set when a worker takes the partition. */
    private volatile byte[] provenancePrefix = new byte[0];

    PartitionProgress(TopicPartition source, String targetTopic, int targetPartition, long startOffset,
                      io.mirador.replicator.state.TopicIdentity identity) {
        this.source = source;
        this.targetTopic = targetTopic;
        this.targetPartition = targetPartition;
        this.ackedNext = startOffset;
        this.identity = identity;
    }

    /** A progress for the same partition and topics that resumes at {@code startOffset}, with nothing in flight. */
    PartitionProgress restartAt(long startOffset) {
        return new PartitionProgress(source, targetTopic, targetPartition, startOffset, identity);
    }

    /** Worker thread, before handing the record at {@code offset} to the producer. */
    synchronized void sending(long offset) {
        inFlight.addLast(offset);
    }

    /** Producer callback thread: the record at {@code offset} is on the target at {@code targetOffset}. */
    synchronized void acked(long offset, long targetOffset, int bytes) {
        if (failed) {
            return;
        }
        copiedRecords++;
        copiedBytes += bytes;
        lastProgressMs = System.currentTimeMillis();
        Long head = inFlight.peekFirst();
        if (head == null || head != offset) {
            ackedEarly.add(offset);
            return;
        }
        long contiguous = inFlight.removeFirst();
        while (!inFlight.isEmpty() && ackedEarly.remove(inFlight.peekFirst())) {
            contiguous = inFlight.removeFirst();
        }
        ackedNext = Math.max(ackedNext, contiguous + 1);
        lastTargetOffset = targetOffset;
    }

    /** Producer callback thread: a send failed; nothing moves until the worker rewinds. */
    synchronized void sendFailed() {
        failed = true;
    }

    /** Worker thread, rewinding to the checkpoint: whatever was in flight will be sent again. */
    synchronized void rewind() {
        failed = false;
        inFlight.clear();
        ackedEarly.clear();
    }

    /**
     * Worker thread, with nothing in flight (the producer was flushed): the source no longer has the records
     * between the checkpoint and {@code position}, or no longer has the records the checkpoint covers (a
     * truncated log), so the checkpoint is set to {@code position}, forwards or backwards. The only place the
     * checkpoint may move without an acknowledgement; callers report why.
     */
    synchronized void resetTo(long position) {
        inFlight.clear();
        ackedEarly.clear();
        failed = false;
        ackedNext = position;
        lastProgressMs = System.currentTimeMillis();
    }

    synchronized int inFlightCount() {
        return inFlight.size();
    }

    /**
     * Worker thread: the consumer's position moved past offsets that carry no record (transaction markers,
     * compacted gaps). With nothing in flight, the checkpoint may follow it.
     */
    synchronized void skipTo(long position) {
        if (!failed && inFlight.isEmpty() && position > ackedNext) {
            ackedNext = position;
        }
    }

    void provenanceOf(String sourceClusterId) {
        provenancePrefix = (sourceClusterId + "/" + source.topic() + "/" + source.partition() + "/")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The provenance header value of the record at {@code offset}, built without string concatenation. */
    byte[] provenance(long offset) {
        byte[] prefix = provenancePrefix;
        byte[] digits = Long.toString(offset).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] value = java.util.Arrays.copyOf(prefix, prefix.length + digits.length);
        System.arraycopy(digits, 0, value, prefix.length, digits.length);
        return value;
    }

    long lag() {
        return endOffset < 0 ? 0 : Math.max(0, endOffset - ackedNext);
    }
}
