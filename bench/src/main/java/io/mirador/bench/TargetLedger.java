package io.mirador.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a target topic really holds of a {@link SequencedBacklog}: reads it from its first offset, marks every
 * sequence number in a BitSet and remembers which sequence number sits at each offset of each partition. From
 * that it tells lost records (never seen) from duplicates, and, given the end offsets the target had at each
 * kill, which restart wrote each duplicate. Not thread-safe: one thread reads and asks.
 */
final class TargetLedger implements AutoCloseable {

    private final String topic;
    private final int records;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BitSet seen;
    /** Per target partition, the sequence number at each offset; -1 where no record of ours was read. */
    private final Map<Integer, int[]> sequences = new TreeMap<>();
    private long copies;
    private long foreign;

    TargetLedger(String bootstrap, String topic, long records) {
        this.topic = topic;
        this.records = Math.toIntExact(records);
        this.seen = new BitSet(this.records);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        // Reading must never create the topic it waits for: that would hide a mirror that never creates it.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p);
    }

    /**
     * The target's end offset per partition, or an empty map while the topic does not exist. Asked of the
     * broker each time (not the reader's position), so it can be called between reads.
     */
    Map<Integer, Long> endOffsets() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return Map.of();
        }
        List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        Map<Integer, Long> ends = new TreeMap<>();
        consumer.endOffsets(tps, Duration.ofSeconds(10)).forEach((tp, end) -> ends.put(tp.partition(), end));
        return ends;
    }

    static long total(Map<Integer, Long> endOffsets) {
        return endOffsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One poll of the target (assigning its partitions first when they appeared since the last call).
     *
     * @return whether a sequence number not seen before was read
     */
    boolean readSome(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            // The mirror creates the target with the source's partition count, all at once.
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return false; // not created yet
            }
            consumer.assign(infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList());
        }
        int before = seen.cardinality();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
            copies++;
            long seq = SequencedBacklog.sequence(r.value());
            if (seq < 0 || seq >= records) {
                foreign++;
                continue;
            }
            seen.set((int) seq);
            int[] at = sequences.computeIfAbsent(r.partition(), p -> filled(records / Backlog.PARTITIONS + 1024));
            if (r.offset() >= at.length) {
                int[] grown = filled((int) Math.min(Integer.MAX_VALUE - 8, Math.max(r.offset() + 1, at.length * 3L / 2)));
                System.arraycopy(at, 0, grown, 0, at.length);
                sequences.put(r.partition(), at = grown);
            }
            at[(int) r.offset()] = (int) seq;
        }
        return seen.cardinality() > before;
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    /** Distinct backlog records read so far. */
    int distinct() {
        return seen.cardinality();
    }

    boolean complete() {
        return distinct() == records;
    }

    /** Records read so far, duplicates included. */
    long copies() {
        return copies;
    }

    /** Records read that carry no sequence number of this backlog: must be 0. */
    long foreign() {
        return foreign;
    }

    /** Backlog records not (yet) seen on the target. */
    long missing() {
        return records - distinct();
    }

    /** The first few missing sequence numbers, to report a loss precisely. */
    List<Integer> firstMissing(int n) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = seen.nextClearBit(0); i < records && out.size() < n; i = seen.nextClearBit(i + 1)) {
            out.add(i);
        }
        return out;
    }

    /**
     * Duplicates per kill. The target is cut into segments by the end offsets noted just after each kill:
     * segment 0 is what the first start wrote, segment i what the start after kill i wrote. Walking the segments
     * in order, a record met again is a duplicate of the kill that came right after its previous copy: that kill
     * caught the copy written but not yet checkpointed, so a later start copied it again. (A restart killed
     * before it caught up makes the next one copy those records again: they count for the kill that caught
     * them, not for the one that happened to come next.)
     *
     * @param boundaries the target's end offsets per partition just after each kill, in kill order
     * @return {@code boundaries.size() + 1} counts: [0] duplicates within one start (no kill between the two
     *         copies: should be 0), [i] duplicates caused by kill i
     */
    long[] duplicatesPerKill(List<Map<Integer, Long>> boundaries) {
        return duplicatesPerKill(sequences, records, boundaries);
    }

    /** {@link #duplicatesPerKill(List)} over the sequence numbers at each offset of each target partition. */
    static long[] duplicatesPerKill(Map<Integer, int[]> sequences, int records, List<Map<Integer, Long>> boundaries) {
        if (boundaries.size() >= Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many kills: " + boundaries.size());
        }
        // The segment of each record's latest copy so far; -1: not met yet.
        short[] lastSegment = new short[records];
        Arrays.fill(lastSegment, (short) -1);
        long[] dups = new long[boundaries.size() + 1];
        Map<Integer, Long> from = new HashMap<>();
        for (int segment = 0; segment <= boundaries.size(); segment++) {
            Map<Integer, Long> to = segment < boundaries.size() ? boundaries.get(segment) : null;
            for (Map.Entry<Integer, int[]> e : sequences.entrySet()) {
                int[] at = e.getValue();
                long lo = from.getOrDefault(e.getKey(), 0L);
                long hi = to == null ? at.length : Math.min(at.length, to.getOrDefault(e.getKey(), 0L));
                for (long o = lo; o < hi; o++) {
                    int seq = at[(int) o];
                    if (seq < 0) {
                        continue;
                    }
                    int previous = lastSegment[seq];
                    if (previous >= 0) {
                        dups[previous == segment ? 0 : previous + 1]++;
                    }
                    lastSegment[seq] = (short) segment;
                }
                from.put(e.getKey(), Math.max(lo, hi));
            }
        }
        return dups;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
