package io.mirador.cluster.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterErrors;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One read of a topic: resolves where each partition starts and stops, then polls until every partition reached
 * its stop offset, the limit of matching records was handed over, or {@link #cancel()} was called. Nothing is
 * kept: matches go to the {@link ScanListener} once per poll, so memory stays bounded however much is scanned.
 * No consumer group is used and nothing is committed.
 *
 * <p>Threading: {@link #run()} blocks on the calling thread, where the listener is called too;
 * {@link #cancel()} may be called from any thread and makes {@code run} return promptly.
 */
public final class RecordScan {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(100);

    private final ClusterConnection connection;
    private final ReadSpec spec;
    private final ScanListener listener;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** The latest progress: what {@link #run()} returns when a cancel interrupts a poll. Read thread only. */
    private ScanProgress last = new ScanProgress(0, 0, 0, 0, 0);

    public RecordScan(ClusterConnection connection, ReadSpec spec, ScanListener listener) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Consumer settings for reading: no group, no commits, big polls; the connection's own settings win. */
    public static Map<String, Object> consumerProperties(ClusterConnection connection) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "mirador-reader-" + connection.name());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(connection.clientProperties());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /**
     * Reads until done or cancelled.
     *
     * @return the last progress
     * @throws ClusterException with a one-line reason: unknown topic or partition, cluster unreachable, not allowed
     */
    public ScanProgress run() {
        long started = System.nanoTime();
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProperties(connection));
        try {
            consumer = kafka;
            if (cancelled.get()) {
                return new ScanProgress(0, 0, 0, 0, 0);
            }
            Ranges ranges = resolve(kafka);
            return poll(kafka, ranges, started);
        } catch (WakeupException e) {
            return last;
        } catch (ClusterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ClusterException(ClusterErrors.describe(connection, "read topic " + spec.topic(), e), e);
        } finally {
            consumer = null;
            close(kafka);
        }
    }

    /**
     * Closes without waiting for fetches in flight (a read is over; nothing is committed), and outside any
     * interrupt: a task cancelled by interruption would otherwise make Kafka log the close as a failure.
     */
    private static void close(KafkaConsumer<byte[], byte[]> kafka) {
        boolean interrupted = Thread.interrupted();
        try {
            kafka.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(CLOSE_TIMEOUT));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the read; {@link #run()} returns what it has. Any thread; idempotent. */
    public void cancel() {
        cancelled.set(true);
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Start and stop offsets of each chosen partition; stop is exclusive, Long.MAX_VALUE when live. */
    record Ranges(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) {

        long total() {
            long total = 0;
            for (Map.Entry<TopicPartition, Long> e : start.entrySet()) {
                long s = stop.get(e.getKey());
                if (s == Long.MAX_VALUE) {
                    return -1;
                }
                total += Math.max(0, s - e.getValue());
            }
            return total;
        }
    }

    private Ranges resolve(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, Long> stop = new HashMap<>();
        Map<TopicPartition, Long> startTimes = new HashMap<>();
        Map<TopicPartition, Long> stopTimes = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long b = begin.get(tp);
            long e = end.get(tp);
            StartAt from = spec.start();
            if (from instanceof StartAt.Latest latest) {
                start.put(tp, Math.max(b, e - latest.count()));
            } else if (from instanceof StartAt.AtOffset at) {
                start.put(tp, Math.max(b, Math.min(e, at.offset())));
            } else if (from instanceof StartAt.AtTime at) {
                startTimes.put(tp, at.time().toEpochMilli());
            } else {
                start.put(tp, b);
            }
            StopAt to = spec.stop();
            if (to instanceof StopAt.Live) {
                stop.put(tp, Long.MAX_VALUE);
            } else if (to instanceof StopAt.AtOffset at) {
                stop.put(tp, Math.max(b, Math.min(e, at.offset())));
            } else if (to instanceof StopAt.AtTime at) {
                stopTimes.put(tp, at.time().toEpochMilli());
            } else {
                stop.put(tp, e);
            }
        }
        byTime(kafka, startTimes, end, start);
        byTime(kafka, stopTimes, end, stop);
        return new Ranges(start, stop);
    }

    /** The first offset at or after each time; the end offset where no record is that late. */
    private static void byTime(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> times,
                               Map<TopicPartition, Long> end, Map<TopicPartition, Long> into) {
        if (times.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndTimestamp> found = kafka.offsetsForTimes(times);
        for (TopicPartition tp : times.keySet()) {
            OffsetAndTimestamp at = found.get(tp);
            into.put(tp, at == null ? end.get(tp) : at.offset());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(spec.topic());
        if (infos == null || infos.isEmpty()) {
            throw new ClusterException("topic " + spec.topic() + " does not exist on cluster " + connection.name(), null);
        }
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList();
        Set<Integer> chosen = spec.partitions();
        if (chosen.isEmpty()) {
            return all;
        }
        List<TopicPartition> selected = all.stream().filter(tp -> chosen.contains(tp.partition())).toList();
        if (selected.size() != chosen.size()) {
            throw new ClusterException("topic " + spec.topic() + " has partitions 0 to " + (all.size() - 1)
                    + ": there is no partition " + chosen.stream().filter(p -> p < 0 || p >= all.size()).sorted().toList()
                    .toString().replaceAll("[\\[\\]]", ""), null);
        }
        return selected;
    }

    private ScanProgress poll(KafkaConsumer<byte[], byte[]> kafka, Ranges ranges, long started) {
        Map<TopicPartition, Long> stop = ranges.stop();
        List<TopicPartition> active = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : ranges.start().entrySet()) {
            if (e.getValue() < stop.get(e.getKey())) {
                active.add(e.getKey());
            }
        }
        long total = ranges.total();
        long scanned = 0;
        long matched = 0;
        kafka.assign(active);
        active.forEach(tp -> kafka.seek(tp, ranges.start().get(tp)));
        ScanProgress progress = new ScanProgress(0, 0, total, 0, System.nanoTime() - started);
        last = progress;
        while (!active.isEmpty() && !cancelled.get() && matched < spec.limit()) {
            ConsumerRecords<byte[], byte[]> records = kafka.poll(POLL);
            List<KafkaRecord> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= stop.get(tp)) {
                    continue;
                }
                scanned++;
                KafkaRecord kept = KafkaRecord.of(record);
                if (matched < spec.limit() && spec.filter().test(kept)) {
                    batch.add(kept);
                    matched++;
                }
            }
            List<TopicPartition> finished = finished(kafka, active, stop);
            if (!finished.isEmpty()) {
                active.removeAll(finished);
                kafka.assign(active);
            }
            if (!batch.isEmpty()) {
                listener.onRecords(batch);
            }
            progress = new ScanProgress(scanned, matched, total, position(kafka, ranges, active),
                    System.nanoTime() - started);
            last = progress;
            listener.onProgress(progress);
        }
        return progress;
    }

    /** Partitions whose position reached their stop (transaction markers and compaction make gaps: use positions). */
    private static List<TopicPartition> finished(KafkaConsumer<byte[], byte[]> kafka, Collection<TopicPartition> active,
                                                 Map<TopicPartition, Long> stop) {
        List<TopicPartition> done = new ArrayList<>();
        for (TopicPartition tp : active) {
            long s = stop.get(tp);
            if (s != Long.MAX_VALUE && kafka.position(tp) >= s) {
                done.add(tp);
            }
        }
        return done;
    }

    /** Records of the range behind the read: finished partitions count whole. */
    private long position(KafkaConsumer<byte[], byte[]> kafka, Ranges ranges, List<TopicPartition> active) {
        long position = 0;
        for (Map.Entry<TopicPartition, Long> e : ranges.start().entrySet()) {
            TopicPartition tp = e.getKey();
            long s = ranges.stop().get(tp);
            if (s == Long.MAX_VALUE) {
                return -1;
            }
            long at = active.contains(tp) ? kafka.position(tp) : s;
            position += Math.max(0, Math.min(at, s) - e.getValue());
        }
        return position;
    }
}
