package io.mirador.replicator.offsets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.mirador.replicator.state.TopicIdentity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offset mapping of one route: a {@link PartitionOffsetMap} per source partition, rebuilt from the mapping
 * topic when the route starts, and written back to it, through a producer of its own, before every checkpoint.
 *
 * <p>Invariant: a checkpoint is saved only after the mapping below it was written, or its write failed; a failed
 * write leaves a hole that the next start marks as such ({@link PartitionOffsetMap#resumesAt}), so a position in
 * it is never translated.
 *
 * <p>Threading: {@link #forPartition} and {@link #get} from any thread; {@link #persist} from worker threads
 * (the producer is thread-safe).
 */
public final class RouteOffsetMap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteOffsetMap.class);
    private static final Duration WRITE_WAIT = Duration.ofSeconds(5);

    private final String route;
    private final String topic;
    private final Map<TopicPartition, PartitionOffsetMap> maps = new ConcurrentHashMap<>();
    private final Map<TopicPartition, PartitionOffsetMap> loaded = new ConcurrentHashMap<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private volatile boolean writeFailedReported;
    private volatile String lastWriteError;

    /** A map that writes through a producer on {@code targetClientProps}; null props: in memory only. */
    public RouteOffsetMap(String route, String topic, Map<String, Object> targetClientProps,
                          Map<TopicPartition, PartitionOffsetMap> stored) {
        this.route = route;
        this.topic = topic;
        this.loaded.putAll(stored);
        this.producer = targetClientProps == null ? null : new KafkaProducer<>(producerProps(targetClientProps, route));
    }

    public String topic() {
        return topic;
    }

    /**
     * The map of {@code source} copied to {@code targetTopic}/{@code targetPartition} under {@code identity}: the
     * one in use, else the stored one when it belongs to the same topics, else a new, empty one.
     */
    public PartitionOffsetMap forPartition(TopicPartition source, TopicIdentity identity, String targetTopic,
                                           int targetPartition) {
        return maps.compute(source, (tp, current) -> {
            if (fits(current, identity, targetTopic, targetPartition)) {
                return current;
            }
            PartitionOffsetMap stored = loaded.remove(tp);
            if (fits(stored, identity, targetTopic, targetPartition)) {
                return stored;
            }
            return new PartitionOffsetMap(tp, identity, targetTopic, targetPartition);
        });
    }

    public PartitionOffsetMap get(TopicPartition source) {
        return maps.get(source);
    }

    /**
     * Writes what changed in the maps of {@code partitions} and waits for the target's acknowledgement (5 s at
     * most). Returns false, and keeps the changes for the next write, when it could not.
     */
    public boolean persist(Collection<TopicPartition> partitions) {
        if (producer == null) {
            return true;
        }
        List<PartitionOffsetMap.Changes> drained = new ArrayList<>();
        List<PartitionOffsetMap> drainedFrom = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        long now = System.currentTimeMillis();
        try {
            for (TopicPartition tp : partitions) {
                PartitionOffsetMap map = maps.get(tp);
                if (map == null) {
                    continue;
                }
                PartitionOffsetMap.Changes changes = map.drainDirty();
                if (changes.isEmpty()) {
                    continue;
                }
                drained.add(changes);
                drainedFrom.add(map);
                for (ProducerRecord<byte[], byte[]> r : OffsetMapTopic.records(topic, route, map, changes, now)) {
                    sends.add(producer.send(r));
                }
            }
            long deadline = System.nanoTime() + WRITE_WAIT.toNanos();
            for (Future<RecordMetadata> f : sends) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            writeFailedReported = false;
            lastWriteError = null;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            undrain(drained, drainedFrom);
            return false;
        } catch (Exception e) {
            undrain(drained, drainedFrom);
            lastWriteError = e.getCause() != null ? e.getCause().toString() : e.toString();
            if (!writeFailedReported) {
                writeFailedReported = true;
                LOG.warn("Route {}: the offset mapping could not be written to {} ({}); positions copied meanwhile"
                        + " cannot be translated after a restart", route, topic, lastWriteError);
            }
            return false;
        }
    }

    /** The last error writing the mapping topic, null while writes succeed. */
    public String lastWriteError() {
        return lastWriteError;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(WRITE_WAIT);
        }
    }

    private static void undrain(List<PartitionOffsetMap.Changes> drained, List<PartitionOffsetMap> from) {
        for (int i = 0; i < drained.size(); i++) {
            from.get(i).undrain(drained.get(i));
        }
    }

    private static boolean fits(PartitionOffsetMap map, TopicIdentity identity, String targetTopic, int targetPartition) {
        return map != null && map.identity().equals(identity) && map.targetTopic().equals(targetTopic)
                && map.targetPartition() == targetPartition;
    }

    private static Properties producerProps(Map<String, Object> connection, String route) {
        Properties p = new Properties();
        p.putAll(connection);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mirador-" + route + "-offset-map");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return p;
    }
}
