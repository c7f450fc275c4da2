package io.mirador.cluster.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterErrors;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to one cluster: single records (produce, re-send) and streams of JSON lines (produce from a
 * file, import an export). Acks from all in-sync replicas and idempotence, so a retry never duplicates. Not
 * thread-safe: one writer per task; {@link #close()} flushes.
 */
public final class RecordWriter implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final ClusterConnection connection;
    private final KafkaProducer<byte[], byte[]> producer;

    public RecordWriter(ClusterConnection connection) {
        this.connection = connection;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "mirador-writer-" + connection.name());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Imports often write to a topic created moments before; pipelined idempotent batches can then meet a
        // lasting OutOfOrderSequence on a just-started broker. One request in flight, with big batches, avoids it.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.putAll(connection.clientProperties());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    /**
     * Sends {@code record} to {@code topic} {@code times} times and waits for every acknowledgement. The record's
     * partition and timestamp are kept when ≥ 0, else the producer chooses.
     *
     * @return where each copy landed
     * @throws ClusterException with a one-line reason when the cluster refuses or does not answer
     */
    public List<RecordMetadata> send(String topic, KafkaRecord record, int times) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < times; i++) {
                sent.add(producer.send(toProducerRecord(topic, record, record.partition() >= 0)));
            }
            List<RecordMetadata> result = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> future : sent) {
                result.add(future.get(SEND_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS));
            }
            return result;
        } catch (ExecutionException e) {
            throw failure(topic, e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterException("cluster " + connection.name() + " did not acknowledge records for " + topic
                    + " within " + SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while writing to " + topic, e);
        } catch (RuntimeException e) {
            throw failure(topic, e);
        }
    }

    /**
     * Sends one record per JSON line (the {@link RecordJson} form; blank lines skipped) to {@code topic}, in order,
     * and waits for all. {@code keepPartitions}: a line's partition is kept when the topic has it, otherwise the
     * key decides. Timestamps are kept. {@code progress} gets the number of lines sent so far.
     *
     * @return the number of records written
     * @throws IllegalArgumentException for a malformed line, with its line number; nothing after it is sent
     */
    public long sendLines(String topic, BufferedReader lines, boolean keepPartitions, LongConsumer progress) {
        int partitions = producer.partitionsFor(topic).size();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long count = 0;
        long lineNumber = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                KafkaRecord record;
                try {
                    record = RecordJson.read(line, topic);
                } catch (IllegalArgumentException e) {
                    producer.flush();
                    throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage() + " (" + count
                            + " records before it were written)", e);
                }
                boolean keep = keepPartitions && record.partition() >= 0 && record.partition() < partitions;
                producer.send(toProducerRecord(topic, record, keep), (metadata, error) -> {
                    if (error != null) {
                        firstError.compareAndSet(null, error);
                    }
                });
                count++;
                if (firstError.get() != null) {
                    break;
                }
                if (count % 1000 == 0) {
                    progress.accept(count);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.flush();
        if (firstError.get() != null) {
            throw failure(topic, firstError.get());
        }
        progress.accept(count);
        return count;
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, KafkaRecord record, boolean keepPartition) {
        RecordHeaders headers = new RecordHeaders();
        record.recordHeaders().forEach(h -> headers.add(h.key(), h.value()));
        return new ProducerRecord<>(topic, keepPartition ? Integer.valueOf(record.partition()) : null,
                record.timestamp() >= 0 ? record.timestamp() : null, record.key(), record.value(), headers);
    }

    private ClusterException failure(String topic, Throwable cause) {
        return new ClusterException(ClusterErrors.describe(connection, "write to topic " + topic, cause), cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
