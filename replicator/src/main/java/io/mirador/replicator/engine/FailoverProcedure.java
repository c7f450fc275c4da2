package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mirador.replicator.offsets.Translation;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The measuring half of a failover, on one route's live progress: drain (keep copying while the source still has
 * records, up to a deadline), then tell per partition what the target lacks and where it will take new records.
 * The route runner pauses and syncs groups in between; the engine prepares failback.
 *
 * <p>Threading: runs on the caller's thread; reads progress that workers update (volatile fields).
 */
final class FailoverProcedure {

    private static final Duration ASK = Duration.ofSeconds(5);
    /** With the source down, draining stops once nothing moved for this long. */
    private static final long IDLE_MS = 3_000;

    private final Collection<PartitionProgress> progress;
    private final Admin sourceAdmin;
    private final Admin targetAdmin;
    private final Map<String, Object> sourceClientProps;

    FailoverProcedure(Collection<PartitionProgress> progress, Admin sourceAdmin, Admin targetAdmin,
                      Map<String, Object> sourceClientProps) {
        this.progress = progress;
        this.sourceAdmin = sourceAdmin;
        this.targetAdmin = targetAdmin;
        this.sourceClientProps = sourceClientProps;
    }

    /**
     * Waits until every partition's checkpoint reached the source's last stable offset, or the source stopped
     * answering and nothing moved for a while, or {@code timeout} passed. Returns the time it took.
     */
    long drain(Duration timeout) throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + timeout.toMillis();
        long lastSum = -1;
        long lastMove = start;
        while (System.currentTimeMillis() < deadline) {
            Map<TopicPartition, Long> ends = sourceEnds();
            boolean drained = true;
            long sum = 0;
            for (PartitionProgress p : progress) {
                long end = ends != null ? ends.getOrDefault(p.source, p.endOffset) : p.endOffset;
                drained &= p.ackedNext >= end;
                sum += p.ackedNext;
            }
            if (drained) {
                break;
            }
            long now = System.currentTimeMillis();
            if (sum != lastSum) {
                lastSum = sum;
                lastMove = now;
            } else if (ends == null && now - lastMove > IDLE_MS) {
                break; // the source is gone: what could be read was read
            }
            Thread.sleep(100); // polling the source's offsets; nothing to be woken by
        }
        return System.currentTimeMillis() - start;
    }

    /** The report's numbers, taken now. {@code notes} gets what the reader must know. */
    List<FailoverReport.PartitionGap> gaps(List<String> notes) {
        Map<TopicPartition, Long> ends = sourceEnds();
        if (ends == null) {
            notes.add("the source did not answer: end offsets are the last ones seen, and the age of the missing"
                    + " records is unknown");
        }
        List<PartitionProgress> sorted = new ArrayList<>(progress);
        sorted.sort(java.util.Comparator.comparing((PartitionProgress p) -> p.source.topic())
                .thenComparingInt(p -> p.source.partition()));
        Map<TopicPartition, Long> missingFrom = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (PartitionProgress p : sorted) {
            long e = ends != null ? ends.getOrDefault(p.source, p.endOffset) : Math.max(p.endOffset, p.ackedNext);
            end.put(p.source, e);
            if (e > p.ackedNext) {
                missingFrom.put(p.source, p.ackedNext);
            }
        }
        Map<TopicPartition, Long> ages = ends == null ? Map.of() : oldestAges(missingFrom);
        Map<TopicPartition, Long> targetEnds = null;
        List<FailoverReport.PartitionGap> gaps = new ArrayList<>();
        for (PartitionProgress p : sorted) {
            long e = end.get(p.source);
            long missing = Math.max(0, e - p.ackedNext);
            double age = missing == 0 ? 0 : ages.containsKey(p.source) ? ages.get(p.source) / 1000.0 : Double.NaN;
            Translation next = p.offsetMap.translate(p.ackedNext, p.ackedNext);
            long resume = next.usable() ? next.targetOffset() : -1;
            if (resume < 0) {
                if (targetEnds == null) {
                    targetEnds = targetEnds();
                }
                resume = targetEnds.getOrDefault(new TopicPartition(p.targetTopic, p.targetPartition), -1L);
                notes.add(p.source + ": where its last copy landed is not recorded; failback starts at the target's"
                        + " end offset " + resume + " as of now");
            }
            gaps.add(new FailoverReport.PartitionGap(p.source.topic(), p.source.partition(), p.targetTopic,
                    p.targetPartition, e, p.ackedNext, missing, age, resume));
        }
        return gaps;
    }

    /** The source's last stable offsets (what a read_committed reader can reach); null when it does not answer. */
    private Map<TopicPartition, Long> sourceEnds() {
        if (progress.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        progress.forEach(p -> latest.put(p.source, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            sourceAdmin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)
                    .timeoutMs((int) ASK.toMillis())).all().get(ASK.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    private Map<TopicPartition, Long> targetEnds() {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        progress.forEach(p -> latest.put(new TopicPartition(p.targetTopic, p.targetPartition), OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            targetAdmin.listOffsets(latest).all().get(ASK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        }
    }

    /** Age in ms of the first committed record at or after each offset, read from the source. */
    private Map<TopicPartition, Long> oldestAges(Map<TopicPartition, Long> from) {
        if (from.isEmpty()) {
            return Map.of();
        }
        Properties p = new Properties();
        p.putAll(sourceClientProps);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<TopicPartition, Long> ages = new HashMap<>();
        long now = System.currentTimeMillis();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.currentTimeMillis() + ASK.toMillis();
            while (ages.size() < from.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    ages.putIfAbsent(tp, Math.max(0, now - r.timestamp()));
                    consumer.pause(List.of(tp));
                }
            }
        } catch (RuntimeException e) {
            // Ages stay unknown for the partitions not read.
        }
        return ages;
    }
}
