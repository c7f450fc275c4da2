package io.mirador.replicator.offsets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
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
import io.mirador.replicator.state.TopicIdentity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where each exactly-once work unit resumes: the compacted topic {@value #DEFAULT_NAME} on the target cluster. A
 * unit (route, source topic, source partition) writes its next source offset into it inside every transaction
 * that carries its records, so the target is the authority: after any crash, the offset committed here and the
 * records committed to the target are the same transaction's, never one without the other.
 *
 * <p>Records: key {@code route \0 topic \0 partition}, value a JSON {@link Entry} with the next source offset and
 * the {@link TopicIdentity} it was written under; an entry of another identity (a recreated topic, another
 * cluster behind the same name) does not apply. Compacted only (no time retention): a unit that copies nothing for
 * weeks must still find its offset.
 */
public final class UnitOffsetsTopic {

    public static final String DEFAULT_NAME = "mirador.offsets";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private UnitOffsetsTopic() {
    }

    /** A unit's committed position as stored. */
    public record Entry(String sourceClusterId, String sourceTopicId, String targetClusterId, String targetTopicId,
                        String targetTopic, int targetPartition, long nextOffset, long committedAtMs) {

        public TopicIdentity identity() {
            return new TopicIdentity(sourceClusterId, sourceTopicId, targetClusterId, targetTopicId);
        }
    }

    /** Creates the topic on the target unless it exists: one partition, compacted. */
    public static void ensure(Admin target, String name) {
        NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            target.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the exactly-once offsets topic " + name + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create the exactly-once offsets topic " + name + ": no answer in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The record that stores {@code nextOffset} of {@code source} for {@code route}, to send in the transaction. */
    public static ProducerRecord<byte[], byte[]> record(String topic, String route, TopicPartition source,
                                                        TopicIdentity identity, String targetTopic,
                                                        int targetPartition, long nextOffset, long nowMs) {
        Entry entry = new Entry(identity.sourceClusterId(), identity.sourceTopicId(), identity.targetClusterId(),
                identity.targetTopicId(), targetTopic, targetPartition, nextOffset, nowMs);
        try {
            return new ProducerRecord<>(topic, 0, key(route, source), JSON.writeValueAsBytes(entry));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The last committed entry of each of {@code sources} for {@code route}; a partition with none is absent. Reads
     * the topic {@code read_committed} up to the end it had when called, counted with the records of transactions
     * still open: a read_committed reader stops at the first open transaction (another unit's, committing within
     * its interval), and a unit's own last commit may lie beyond it. Call it after the units' producers were
     * initialised, so that their own earlier transactions are complete. Throws when that end is not reached within
     * {@code timeout}.
     */
    public static Map<TopicPartition, Entry> load(Map<String, Object> targetClientProps, String topic, String route,
                                                  Collection<TopicPartition> sources, Duration timeout) {
        Map<TopicPartition, Entry> found = new HashMap<>();
        Map<String, TopicPartition> wanted = new HashMap<>();
        for (TopicPartition tp : sources) {
            wanted.put(new String(key(route, tp), StandardCharsets.UTF_8), tp);
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        long end;
        try (Admin admin = Admin.create(adminProps(targetClientProps))) {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                    .partitionResult(partition).get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return found;
            }
            throw new IllegalStateException("cannot read " + topic + ": " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read " + topic + ": no answer in " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (end == 0) {
            return found;
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(targetClientProps, route))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (consumer.position(partition, timeout) < end) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the exactly-once offsets topic " + topic + " could not be read to"
                            + " offset " + end + " in " + timeout.toSeconds() + " s (a transaction left open?)");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = r.key() == null ? null : wanted.get(new String(r.key(), StandardCharsets.UTF_8));
                    if (tp == null) {
                        continue;
                    }
                    Entry e = read(r.value());
                    if (e == null) {
                        found.remove(tp);
                    } else {
                        found.put(tp, e);
                    }
                }
            }
        }
        return found;
    }

    static byte[] key(String route, TopicPartition tp) {
        return (route + "\0" + tp.topic() + "\0" + tp.partition()).getBytes(StandardCharsets.UTF_8);
    }

    private static Entry read(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readValue(value, Entry.class);
        } catch (java.io.IOException e) {
            return null; // damaged or not ours: no position, the unit falls back to its checkpoint
        }
    }

    private static Properties adminProps(Map<String, Object> connection) {
        Properties p = new Properties();
        p.putAll(connection);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    private static Properties consumerProps(Map<String, Object> connection, String route) {
        Properties p = new Properties();
        p.putAll(connection);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mirador-" + route + "-offsets-loader");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }
}
