package io.mirador.replicator.engine;

import org.apache.kafka.common.TopicPartition;

/**
 * Copy progress of one source partition inside the worker that owns it.
 *
 * <p>Invariant: {@code ackedNext} only moves forward, and only past records the target acknowledged; every
 * record before it is on the target. Records are sent in {@link SendBatch}es (one per partition per poll), queued
 * here in send order; the checkpoint only moves over a contiguous prefix of complete batches, each to one past
 * its last offset. Acks usually arrive in send order, but not always (a first batch retried after later ones
 * were appended to a fresh topic, say): a batch completed early waits in the queue for the ones before it.
 * Written by the worker thread and the producer's callback thread under this object's lock, once per batch (never
 * per record); read by anyone through the volatile fields.
 */
final class PartitionProgress {

    final TopicPartition source;
    /** Latencies of this partition's acknowledged copies in the current metrics window. */
    final io.mirador.replicator.metrics.LatencyHistogram latency = new io.mirador.replicator.metrics.LatencyHistogram();
    final String targetTopic;
    final int targetPartition;
    /** The source and target topics this progress belongs to; written into every checkpoint. */
    final io.mirador.replicator.state.TopicIdentity identity;
    /** Where each copied record landed; complete batches are appended as the checkpoint passes them. */
    final io.mirador.replicator.offsets.PartitionOffsetMap offsetMap;

    /** Next source offset not yet acknowledged by the target (the checkpoint). */
    volatile long ackedNext;
    volatile long lastTargetOffset = -1;
    /** Source log end offset as last seen by the consumer. */
    volatile long endOffset = -1;
    /**
     * Batches sent and not yet taken off by the checkpoint, in send order; the head is the oldest not complete.
     * Guarded by {@code this}.
     */
    private final java.util.ArrayDeque<SendBatch> inFlight = new java.util.ArrayDeque<>();
    /** Set by a failed send; later acks of the partition are ignored until the worker rewinds. */
    volatile boolean failed;
    /** The error of the first failed send since the last rewind, for the worker's log; null when none. */
    volatile Exception failure;
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

    /** The cluster and topic this partition's records are copied from, and into (loop guard hops). */
    private volatile long sourceHop;
    private volatile long targetHop;
    private volatile int sourceCluster;
    /** Records not copied because they had been in the target cluster and topic already, or come by a direct route. */
    volatile long loopSkipped;

    PartitionProgress(TopicPartition source, String targetTopic, int targetPartition, long startOffset,
                      io.mirador.replicator.state.TopicIdentity identity) {
        this(source, targetTopic, targetPartition, startOffset, identity,
                new io.mirador.replicator.offsets.PartitionOffsetMap(source, identity, targetTopic, targetPartition));
    }

    PartitionProgress(TopicPartition source, String targetTopic, int targetPartition, long startOffset,
                      io.mirador.replicator.state.TopicIdentity identity,
                      io.mirador.replicator.offsets.PartitionOffsetMap offsetMap) {
        this.source = source;
        this.targetTopic = targetTopic;
        this.targetPartition = targetPartition;
        this.ackedNext = startOffset;
        this.identity = identity;
        this.offsetMap = offsetMap;
    }

    /** A progress for the same partition and topics that resumes at {@code startOffset}, with nothing in flight. */
    PartitionProgress restartAt(long startOffset) {
        return new PartitionProgress(source, targetTopic, targetPartition, startOffset, identity, offsetMap);
    }

    /**
     * Worker thread: a batch for the records of one poll, queued behind those in flight. The caller adds records,
     * sends them with the batch as their callback and seals it.
     */
    synchronized SendBatch openBatch(int expectedRecords) {
        SendBatch batch = new SendBatch(this, expectedRecords);
        inFlight.addLast(batch);
        return batch;
    }

    /**
     * Every record of {@code batch} is on the target (producer callback thread, or the worker at seal time). The
     * checkpoint moves over the complete batches at the head of the queue; a batch of a rewound generation, or
     * one completing after a failure, changes nothing.
     */
    void completed(SendBatch batch) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (batch.abandoned || failed) {
                return;
            }
            batch.complete = true;
            copiedRecords += batch.records();
            copiedBytes += batch.bytes();
            lastProgressMs = now;
            while (!inFlight.isEmpty() && inFlight.peekFirst().complete) {
                SendBatch head = inFlight.removeFirst();
                head.appendSegmentsTo(offsetMap);
                if (head.endOffset() > ackedNext) {
                    ackedNext = head.endOffset();
                    lastTargetOffset = head.lastTargetOffset();
                }
            }
        }
        batch.recordLatencies(latency, now);
    }

    /** Producer callback thread: a send of {@code batch} failed; nothing moves until the worker rewinds. */
    synchronized void sendFailed(SendBatch batch, Exception error) {
        if (batch.abandoned || failed) {
            return; // a retired producer's late error, or the same failure again
        }
        failed = true;
        failure = error;
    }

    /** Worker thread, rewinding to the checkpoint: whatever was in flight will be sent again. */
    synchronized void rewind() {
        abandonInFlight();
        failed = false;
        failure = null;
    }

    /** Late callbacks of the batches in flight change nothing from now on. Guarded by {@code this}. */
    private void abandonInFlight() {
        for (SendBatch b : inFlight) {
            b.abandoned = true;
        }
        inFlight.clear();
    }

    /**
     * Worker thread, with nothing in flight (the producer was flushed): the source no longer has the records
     * between the checkpoint and {@code position}, or no longer has the records the checkpoint covers (a
     * truncated log), so the checkpoint is set to {@code position}, forwards or backwards. The only place the
     * checkpoint may move without an acknowledgement; callers report why.
     */
    synchronized void resetTo(long position) {
        abandonInFlight();
        failed = false;
        failure = null;
        ackedNext = position;
        lastProgressMs = System.currentTimeMillis();
    }

    /** Batches sent and not yet passed by the checkpoint. */
    synchronized int inFlightBatches() {
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

    /** Set when a worker takes the partition: the hops of the loop guard. */
    void provenanceOf(String sourceClusterId, String targetClusterId) {
        sourceHop = Provenance.hop(sourceClusterId, source.topic());
        targetHop = targetClusterId == null ? 0 : Provenance.hop(targetClusterId, targetTopic);
        sourceCluster = Provenance.hash(sourceClusterId);
    }

    long sourceHop() {
        return sourceHop;
    }

    long targetHop() {
        return targetHop;
    }

    int sourceCluster() {
        return sourceCluster;
    }

    long lag() {
        return endOffset < 0 ? 0 : Math.max(0, endOffset - ackedNext);
    }
}
