package io.mirador.replicator.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A failover drill's tools: source data with transaction markers and aborted records (so that source and target
 * offsets differ), consumer groups at random positions, and the check that each group's next record on the
 * target is the very record it would read next on the source. Values are unique, so a record is known by value.
 */
public final class GroupDrill {

    private GroupDrill() {
    }

    /**
     * Writes {@code count} records with unique values {@code prefix-n} over {@code partitions} partitions in
     * transactions of 1 to 20 records, one in four aborted (its records never count), so that the source log holds
     * markers and aborted records between the committed ones. Returns how many committed records were written.
     */
    public static int produceTransactional(String bootstrap, String topic, int partitions, String prefix, int count,
                                           long seed) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "drill-" + topic + "-" + prefix);
        Random random = new Random(seed);
        int committed = 0;
        int n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            while (committed < count) {
                boolean abort = random.nextInt(4) == 0;
                int size = 1 + random.nextInt(20);
                producer.beginTransaction();
                for (int i = 0; i < size && (abort || committed + i < count); i++) {
                    String value = (abort ? "aborted-" : "") + prefix + "-" + n++;
                    producer.send(new ProducerRecord<>(topic, random.nextInt(partitions), null, value.getBytes(StandardCharsets.UTF_8)));
                    if (!abort) {
                        committed++;
                    }
                }
                if (abort) {
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }
        }
        return committed;
    }

    /** Committed records of every partition of {@code topic}, by partition then offset ({@code read_committed}). */
    public static Map<Integer, TreeMap<Long, String>> committedRecords(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<Integer, TreeMap<Long, String>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            partitions.forEach(tp -> out.put(tp.partition(), new TreeMap<>()));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> out.get(r.partition())
                        .put(r.offset(), new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** Commits a random position in {@code [0, end]} of each partition for each of {@code groups} groups. */
    public static Map<String, Map<TopicPartition, Long>> commitRandomPositions(String bootstrap, String topic,
                                                                              int groups, long seed) {
        Random random = new Random(seed);
        Map<String, Map<TopicPartition, Long>> positions = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, Long> ends = ends(admin, topic);
            for (int g = 0; g < groups; g++) {
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                Map<TopicPartition, Long> chosen = new HashMap<>();
                ends.forEach((tp, end) -> {
                    long at = switch (random.nextInt(10)) {
                        case 0 -> 0;
                        case 1 -> end; // caught up
                        default -> (long) (random.nextDouble() * (end + 1));
                    };
                    commit.put(tp, new OffsetAndMetadata(Math.min(at, end)));
                    chosen.put(tp, Math.min(at, end));
                });
                String group = "drill-" + topic + "-" + g;
                admin.alterConsumerGroupOffsets(group, commit).all().get();
                positions.put(group, chosen);
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return positions;
    }

    /** The committed offsets of {@code groups} on a cluster. */
    public static Map<String, Map<TopicPartition, Long>> committed(String bootstrap, List<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, Long>> out = new TreeMap<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var result = admin.listConsumerGroupOffsets(specs);
            for (String g : groups) {
                Map<TopicPartition, Long> m = new HashMap<>();
                try {
                    result.partitionsToOffsetAndMetadata(g).get().forEach((tp, oam) -> {
                        if (oam != null) {
                            m.put(tp, oam.offset());
                        }
                    });
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                        throw e;
                    }
                }
                out.put(g, m);
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The verdict of one group on one partition. */
    public enum Landing { EXACT, REREAD, SKIPPED, MISSING }

    /**
     * Compares where each group would resume: the next committed record at or after its source position against the
     * next record at or after its target position. EXACT when they are the same record (or both at the end);
     * REREAD when the target would hand out a record the group already had; SKIPPED when it would miss one.
     */
    public static Map<Landing, Integer> verify(Map<String, Map<TopicPartition, Long>> sourcePositions,
                                               Map<String, Map<TopicPartition, Long>> targetPositions,
                                               Map<Integer, TreeMap<Long, String>> source,
                                               Map<Integer, TreeMap<Long, String>> target, List<String> problems) {
        Map<Landing, Integer> counts = new java.util.EnumMap<>(Landing.class);
        for (Landing l : Landing.values()) {
            counts.put(l, 0);
        }
        sourcePositions.forEach((group, positions) -> positions.forEach((tp, at) -> {
            Long targetAt = targetPositions.getOrDefault(group, Map.of()).get(tp);
            Landing landing;
            if (targetAt == null) {
                landing = Landing.MISSING;
            } else {
                var next = source.get(tp.partition()).ceilingEntry(at);
                var landed = target.get(tp.partition()).ceilingEntry(targetAt);
                String expected = next == null ? "<end>" : next.getValue();
                String got = landed == null ? "<end>" : landed.getValue();
                if (expected.equals(got)) {
                    landing = Landing.EXACT;
                } else {
                    // Already read on the source: any committed record before its position.
                    boolean alreadyRead = source.get(tp.partition()).headMap(at).containsValue(got);
                    landing = alreadyRead ? Landing.REREAD : Landing.SKIPPED;
                }
                if (landing != Landing.EXACT) {
                    problems.add(group + " " + tp + ": source " + at + " -> " + expected + ", target " + targetAt
                            + " -> " + got);
                }
            }
            counts.merge(landing, 1, Integer::sum);
        }));
        return counts;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws InterruptedException, ExecutionException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(topic, i), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    public static List<String> groupNames(Map<String, ?> positions) {
        return new ArrayList<>(positions.keySet());
    }
}
