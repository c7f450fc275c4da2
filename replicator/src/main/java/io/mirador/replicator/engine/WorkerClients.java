package io.mirador.replicator.engine;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka client settings of a replication worker, in one place so that benchmarks copy with exactly the
 * same clients. What delivery depends on (acks=all, idempotence, no auto-commit, bytes in and out) is forced;
 * throughput settings are defaults the connection's own properties may override.
 */
public final class WorkerClients {

    private WorkerClients() {
    }

    /**
     * Consumer in assign mode; offsets live in Mirador's checkpoints, never in Kafka's group offsets. It never
     * resets a position by itself ({@code auto.offset.reset=none}): every partition is sought explicitly, and an
     * offset the source no longer has is the worker's to report (a gap is never silent).
     */
    public static Properties consumer(Map<String, Object> connection, String clientId) {
        Properties p = new Properties();
        p.putAll(connection);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // A replicator must never bring a deleted source topic back: brokers with auto.create.topics.enable (Kafka's
        // default) would recreate it, empty, on the consumer's next metadata request.
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        p.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        p.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        return p;
    }

    /** Idempotent producer with acks=all: a record is acknowledged only once every in-sync replica has it. */
    public static Properties producer(Map<String, Object> connection, String clientId) {
        Properties p = new Properties();
        p.putAll(connection);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A batch that cannot be delivered fails after 30 s instead of Kafka's 2 min, and the worker then resends
        // from the checkpoint; a fresh topic can leave a first batch retrying behind later ones until then.
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        // send() blocks while the target's metadata is unknown (a target that is down) or the buffer is full: 10 s at
        // most instead of 60, so that a worker keeps answering revoke, pause and stop; a send that gives up fails its
        // batch and the worker rewinds to its checkpoint (with back-off), as for any failed send.
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return p;
    }

    /**
     * The transactional producer of one exactly-once work unit (one source partition): the at-least-once settings
     * plus {@code transactional.id}. There is one such producer per partition, so its buffer is modest (8 MB, which
     * also caps a record's size) and it is only ever filled by one transaction of at most a few thousand records.
     * A transaction left open by a crashed process is aborted when its unit's next producer fences it, or after
     * {@code transaction.timeout.ms} (30 s here) when none comes back, so that readers behind it move on.
     */
    public static Properties transactionalProducer(Map<String, Object> connection, String clientId,
                                                   String transactionalId) {
        Properties p = producer(connection, clientId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * 1024 * 1024);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
        return p;
    }
}
