package io.mirador.replicator.offsets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The offset-mapping topic on a target cluster ({@value #DEFAULT_NAME}): compacted and time-bounded
 * ({@code cleanup.policy=compact,delete}, {@code retention.ms} = the mapping window, 7 days by default), one
 * partition so that the changes of one source partition keep their order. The target is the authority for its
 * own offsets, and the mapping outlives the engine's state file.
 *
 * <p>Records: key {@code route \0 topic \0 partition \0 sourceStart} with a {@link Entry} value (null value:
 * the segment was replaced), and key {@code route \0 topic \0 partition \0 covered} with the checkpoint the
 * segments reach. Readers replay them in order with {@link PartitionOffsetMap}'s overwrite rule.
 */
public final class OffsetMapTopic {

    public static final String DEFAULT_NAME = "mirador.offset-map";
    public static final long DEFAULT_RETENTION_MS = Duration.ofDays(7).toMillis();
    private static final String COVERED = "covered";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private OffsetMapTopic() {
    }

    /**
     * A segment or the covered-to mark as stored. {@code origin}: the segment starts where copying of the partition
     * began.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String sourceClusterId, String sourceTopicId, String targetClusterId, String targetTopicId,
                        String targetTopic, Integer targetPartition, Long sourceStart, Long sourceEnd,
                        Long targetStart, Long coveredTo, Boolean origin, long writtenAtMs) {
    }

    /** Creates the topic on the target unless it exists. */
    public static void ensure(Admin target, String name, long retentionMs) {
        NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs)));
        try {
            target.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the offset-mapping topic " + name + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the offset-mapping topic " + name + ": no answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The records that persist {@code changes} of {@code map} for {@code route}. */
    public static List<ProducerRecord<byte[], byte[]>> records(String topic, String route, PartitionOffsetMap map,
                                                              PartitionOffsetMap.Changes changes, long nowMs) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        var id = map.identity();
        changes.segments().forEach((start, segment) -> {
            byte[] value = segment == null ? null : json(new Entry(id.sourceClusterId(), id.sourceTopicId(),
                    id.targetClusterId(), id.targetTopicId(), map.targetTopic(), map.targetPartition(),
                    segment.sourceStart(), segment.sourceEnd(), segment.targetStart(), null,
                    start.equals(changes.originStart()) ? Boolean.TRUE : null, nowMs));
            out.add(new ProducerRecord<>(topic, 0, key(route, map.source(), Long.toString(start)), value));
        });
        if (changes.coveredTo() >= 0) {
            out.add(new ProducerRecord<>(topic, 0, key(route, map.source(), COVERED), json(new Entry(id.sourceClusterId(),
                    id.sourceTopicId(), id.targetClusterId(), id.targetTopicId(), map.targetTopic(), map.targetPartition(),
                    null, null, null, changes.coveredTo(), null, nowMs))));
        }
        return out;
    }

    /**
     * Reads the whole topic (committed records only) and rebuilds the maps of {@code route}, by source partition.
     * Entries of another topic identity than the latest one seen for a partition are dropped. Returns an empty map
     * when the topic does not exist yet.
     */
    public static Map<TopicPartition, PartitionOffsetMap> load(Map<String, Object> targetClientProps, String topic,
                                                             String route, Duration timeout) {
        Properties p = new Properties();
        p.putAll(targetClientProps);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mirador-" + route + "-offset-map-loader");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<TopicPartition, PartitionOffsetMap> maps = new HashMap<>();
        String prefix = route + "\0";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return maps;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the offset-mapping topic " + topic + " could not be read to its end in "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    if (key.startsWith(prefix)) {
                        replay(maps, key.substring(prefix.length()), r.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
            return maps;
        }
        return maps;
    }

    private static void replay(Map<TopicPartition, PartitionOffsetMap> maps, String key, byte[] value) {
        String[] parts = key.split("\0");
        if (parts.length != 3) {
            return;
        }
        TopicPartition tp = new TopicPartition(parts[0], Integer.parseInt(parts[1]));
        if (value == null) {
            PartitionOffsetMap map = maps.get(tp);
            if (map != null && !COVERED.equals(parts[2])) {
                map.loadRemoval(Long.parseLong(parts[2]));
            }
            return;
        }
        Entry e = read(value);
        if (e == null) {
            return;
        }
        var identity = new io.mirador.replicator.state.TopicIdentity(e.sourceClusterId(), e.sourceTopicId(),
                e.targetClusterId(), e.targetTopicId());
        PartitionOffsetMap map = maps.get(tp);
        if (map == null || !map.identity().equals(identity)) {
            // A new identity (a recreated topic) starts the partition's history over.
            map = new PartitionOffsetMap(tp, identity, e.targetTopic(), e.targetPartition() == null ? 0 : e.targetPartition());
            maps.put(tp, map);
        }
        if (e.coveredTo() != null) {
            map.loadCoveredTo(e.coveredTo());
        } else if (e.sourceStart() != null && e.sourceEnd() != null && e.targetStart() != null
                && e.sourceEnd() > e.sourceStart()) {
            map.load(new OffsetSegment(e.sourceStart(), e.sourceEnd(), e.targetStart()), Boolean.TRUE.equals(e.origin()));
        }
    }

    static byte[] key(String route, TopicPartition tp, String last) {
        return (route + "\0" + tp.topic() + "\0" + tp.partition() + "\0" + last).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(Entry entry) {
        try {
            return JSON.writeValueAsBytes(entry);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry read(byte[] value) {
        try {
            return JSON.readValue(value, Entry.class);
        } catch (java.io.IOException e) {
            return null; // not ours, or damaged: a record that cannot be read maps nothing
        }
    }
}
