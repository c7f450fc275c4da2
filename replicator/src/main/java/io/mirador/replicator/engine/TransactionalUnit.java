package io.mirador.replicator.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import io.mirador.replicator.offsets.OffsetMapTopic;
import io.mirador.replicator.offsets.OffsetSegment;
import io.mirador.replicator.offsets.PartitionOffsetMap;
import io.mirador.replicator.offsets.UnitOffsetsTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One exactly-once work unit: a source partition of a route and the transactional producer that copies it. Its
 * {@code transactional.id} is derived from (route, topic, partition) alone, so that whichever worker or process
 * takes the unit over fences every earlier producer of it ({@code initTransactions}) and completes or aborts the
 * transaction that producer left open.
 *
 * <p>One transaction holds: the unit's records on the target; its next source offset in {@link UnitOffsetsTopic};
 * and the changes of its {@link PartitionOffsetMap} in the mapping topic. They become visible together or not at
 * all, so the position the unit resumes from always matches what a {@code read_committed} reader sees: no record
 * twice, none missing. Target offsets are learnt from the data records' acknowledgements (one target partition, so
 * acks arrive in send order) before the commit, which is why {@link #commit} flushes first and then writes the
 * mapping and the offset.
 *
 * <p>An aborted transaction may leave segments of its records in the in-memory map until the next commit replaces
 * them (a copy of the same source offsets wins); its drained changes are marked dirty again so that the next
 * transaction writes the map as it then is. Translation meanwhile only concerns positions up to the committed
 * offset, and a target offset of an aborted copy reads, for a {@code read_committed} reader, as the next
 * committed copy of the same record.
 *
 * <p>Threading: sends on the worker thread; {@link #commit} on the worker thread or one of its commit threads,
 * never at the same time as sends of the same unit; the ack callback on the producer's I/O thread.
 */
final class TransactionalUnit implements Callback {

    final PartitionProgress progress;
    private final WorkerSettings settings;
    private final String transactionalId;
    private KafkaProducer<byte[], byte[]> producer;
    /** The source offset after the last committed transaction: where the unit resumes after any failure. */
    volatile long committedNext;
    /** Whether a transaction is open, since when, and with how many records. Worker thread. */
    boolean inTransaction;
    long transactionStartMs;
    int records;
    long bytes;
    /** Source offsets and timestamps of the open transaction's records, in send order. */
    private long[] offsets = new long[256];
    private long[] timestamps = new long[256];
    /**
     * Where the acknowledged records landed, run-length: {@code (record index, target offset)} of every ack whose
     * target offset does not follow the previous one (the first of a transaction, or after another writer's
     * records). Written by the I/O thread under its own lock; read after {@code flush}.
     */
    private final java.util.ArrayList<long[]> targetRuns = new java.util.ArrayList<>();
    private long lastAckedTarget = -1;
    private volatile int acked;
    /** The first send error of the open transaction, null while none. */
    volatile Exception sendError;
    /** Set when the unit's producer must be rebuilt and the unit resumed from its committed offset. */
    boolean broken;
    int failuresInARow;
    long retryAtMs;

    TransactionalUnit(PartitionProgress progress, WorkerSettings settings) {
        this.progress = progress;
        this.settings = settings;
        this.transactionalId = transactionalId(settings.route(), progress.source.topic(), progress.source.partition());
        this.committedNext = progress.ackedNext;
    }

    /**
     * {@code mirador-<route>-<topic>-<partition>-<hash>}: names sanitised to what any tool displays, and a hash of
     * the exact triple so that two units whose names sanitise alike (or whose dashes line up) never share an id.
     */
    static String transactionalId(String route, String topic, int partition) {
        String raw = route + "\0" + topic + "\0" + partition;
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "mirador-" + sanitise(route) + "-" + sanitise(topic) + "-" + partition + "-"
                + HexFormat.of().formatHex(digest, 0, 4);
    }

    private static String sanitise(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Creates the producer and fences every older one with the same id (blocks up to {@code max.block.ms}). */
    void open() {
        producer = new KafkaProducer<>(WorkerClients.transactionalProducer(settings.targetClientProps(),
                "mirador-" + settings.route() + "-" + settings.workerId() + "-" + progress.source + "-target",
                transactionalId));
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            closeNow();
            throw e;
        }
    }

    boolean isOpen() {
        return producer != null;
    }

    /**
     * Worker thread: the loop guard (as in {@link ReplicationWorker}): whether the record must not be copied into the
     * target because it has been there, or a direct route brings it there. Counted; not sent.
     */
    boolean skippedByLoopGuard(ConsumerRecord<byte[], byte[]> record) {
        org.apache.kafka.common.header.Header existing = record.headers().lastHeader(Provenance.HEADER);
        Provenance provenance = existing == null ? null : Provenance.read(existing.value());
        if (provenance != null && provenance.hasHops()
                && provenance.skipInto(progress, record.topic(), settings.directRoutes())) {
            progress.loopSkipped++;
            return true;
        }
        return false;
    }

    /** Worker thread: copies one record inside the unit's transaction, opening one when none is. */
    void send(ConsumerRecord<byte[], byte[]> record, int size) {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            transactionStartMs = System.currentTimeMillis();
            reset();
        }
        if (records == offsets.length) {
            offsets = Arrays.copyOf(offsets, records * 2);
            timestamps = Arrays.copyOf(timestamps, records * 2);
        }
        offsets[records] = record.offset();
        timestamps[records++] = record.timestamp();
        bytes += size;
        Headers headers = record.headers();
        if (settings.provenanceHeader()) {
            org.apache.kafka.common.header.Header existing = headers.lastHeader(Provenance.HEADER);
            Provenance provenance = existing == null ? null : Provenance.read(existing.value());
            byte[] value = provenance == null ? Provenance.first(record.partition(), record.offset(), progress.sourceHop())
                    : provenance.then(progress.sourceHop());
            if (existing != null) {
                headers.remove(Provenance.HEADER);
            }
            headers.add(new RecordHeader(Provenance.HEADER, value));
        }
        producer.send(new ProducerRecord<>(progress.targetTopic, progress.targetPartition, record.timestamp(),
                record.key(), record.value(), headers), this);
    }

    /** One past the last source offset sent in the open transaction; the committed offset when none. */
    long sentNext() {
        return inTransaction && records > 0 ? offsets[records - 1] + 1 : committedNext;
    }

    /** Producer I/O thread: acks of one target partition arrive in send order, so the n-th ack is the n-th record. */
    @Override
    public void onCompletion(RecordMetadata metadata, Exception error) {
        if (error != null) {
            if (sendError == null) {
                sendError = error;
            }
            return;
        }
        int n = acked;
        long t = metadata.offset();
        if (n == 0 || t != lastAckedTarget + 1) {
            synchronized (targetRuns) {
                targetRuns.add(new long[] {n, t});
            }
        }
        lastAckedTarget = t;
        acked = n + 1;
    }

    /**
     * Commits the open transaction (or, with none open, one that only moves the offset past records the source
     * does not show: markers, aborted records, a gap reported as lost) with the unit's next source offset
     * {@code next} and its mapping changes. On success the progress moves to {@code next}; on any error the
     * caller aborts and rebuilds the unit ({@link #abandon}).
     *
     * @return the number of records the commit made visible
     */
    int commit(long next, String mappingTopic) {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
            reset();
        }
        producer.flush();
        if (sendError != null) {
            throw new org.apache.kafka.common.KafkaException("a send failed: " + sendError, sendError);
        }
        if (acked != records) {
            throw new IllegalStateException("flushed, yet " + (records - acked) + " of " + records + " sends unanswered");
        }
        PartitionOffsetMap map = progress.offsetMap;
        long lastTarget = appendSegments(map);
        map.coveredTo(next);
        PartitionOffsetMap.Changes changes = map.drainDirty();
        long now = System.currentTimeMillis();
        try {
            if (!changes.isEmpty()) {
                for (ProducerRecord<byte[], byte[]> r : OffsetMapTopic.records(mappingTopic, settings.route(), map, changes, now)) {
                    producer.send(r, this::mappingSent);
                }
            }
            producer.send(UnitOffsetsTopic.record(UnitOffsetsTopic.DEFAULT_NAME, settings.route(), progress.source,
                    progress.identity, progress.targetTopic, progress.targetPartition, next, now), this::mappingSent);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            map.undrain(changes);
            throw e;
        }
        inTransaction = false;
        int visible = records;
        committed(next, lastTarget, now);
        return visible;
    }

    private void mappingSent(RecordMetadata metadata, Exception error) {
        if (error != null && sendError == null) {
            sendError = error;
        }
    }

    /** A new transaction: nothing sent, nothing acknowledged. */
    private void reset() {
        records = 0;
        bytes = 0;
        acked = 0;
        lastAckedTarget = -1;
        sendError = null;
        synchronized (targetRuns) {
            targetRuns.clear();
        }
    }

    /**
     * The transaction's (source, target) pairs as run-length segments, in source order: a segment ends where the
     * source offsets jump (markers, aborted or compacted records on the source) or the target offsets do.
     * Returns the target offset of the last record.
     */
    private long appendSegments(PartitionOffsetMap map) {
        java.util.List<long[]> runs;
        synchronized (targetRuns) {
            runs = java.util.List.copyOf(targetRuns);
        }
        long lastTarget = -1;
        int run = 0;
        int i = 0;
        while (i < records) {
            while (run + 1 < runs.size() && runs.get(run + 1)[0] <= i) {
                run++;
            }
            long targetStart = runs.get(run)[1] + (i - runs.get(run)[0]);
            long nextBreak = run + 1 < runs.size() ? runs.get(run + 1)[0] : Long.MAX_VALUE;
            int j = i + 1;
            while (j < records && j < nextBreak && offsets[j] == offsets[j - 1] + 1) {
                j++;
            }
            map.append(new OffsetSegment(offsets[i], offsets[j - 1] + 1, targetStart));
            lastTarget = targetStart + (j - 1 - i);
            i = j;
        }
        return lastTarget;
    }

    private void committed(long next, long lastTarget, long now) {
        committedNext = next;
        failuresInARow = 0;
        PartitionProgress p = progress;
        synchronized (p) {
            p.ackedNext = next;
            if (records > 0) {
                p.lastTargetOffset = lastTarget;
                p.copiedRecords += records;
                p.copiedBytes += bytes;
            }
            p.lastProgressMs = now;
        }
        for (int i = 0; i < records; i++) {
            p.latency.record(now - timestamps[i]);
        }
        records = 0;
    }

    /**
     * After any error: the open transaction is aborted (by the next producer's fencing when this one cannot), the
     * producer closed at once, and the unit marked for rebuilding; it resumes from {@link #committedNext}.
     */
    void abandon() {
        if (producer != null && inTransaction) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                // Fenced, or in an error state: initTransactions of the next producer aborts it.
            }
        }
        closeNow();
        inTransaction = false;
        records = 0;
        broken = true;
    }

    /** Closes the producer, waiting for nothing: an open transaction is then aborted by fencing or its timeout. */
    void closeNow() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }
}
