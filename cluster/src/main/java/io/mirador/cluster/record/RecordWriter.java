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

import io.mirador.cluster.ClusterClient;
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

    /** Upper bound of a record batch's own bytes (DefaultRecordBatch.RECORD_BATCH_OVERHEAD) and a record's. */
    private static final int BATCH_OVERHEAD = 61;
    private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
    private static final int MAX_REQUEST_SIZE = 32 * 1024 * 1024;

    private final ClusterConnection connection;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Each topic's largest accepted batch, looked up once; Long.MAX_VALUE when it cannot be known in advance. */
    private final Map<String, Long> maxMessageBytes = new HashMap<>();

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
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
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
        String tooLarge = sizeProblem(topic, record);
        if (tooLarge != null) {
            throw new ClusterException("cannot write to topic " + topic + " on cluster " + connection.name() + ": "
                    + tooLarge, null);
        }
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
     * @throws IllegalArgumentException for a malformed line or a record larger than the topic accepts, with its
     *                                  line number and the count written before it; nothing after it is sent
     */
    public long sendLines(String topic, BufferedReader lines, boolean keepPartitions, LongConsumer progress) {
        return sendLines(topic, lines, keepPartitions, progress, 1, 0);
    }

    /**
     * As {@link #sendLines(String, BufferedReader, boolean, LongConsumer)} for a part of a larger input: messages
     * count lines from {@code firstLine} and records from {@code writtenBefore}.
     */
    public long sendLines(String topic, BufferedReader lines, boolean keepPartitions, LongConsumer progress,
                          long firstLine, long writtenBefore) {
        int partitions = producer.partitionsFor(topic).size();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long count = 0;
        long lineNumber = firstLine - 1;
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
                    throw stopAt(topic, firstError, lineNumber, e.getMessage(), writtenBefore + count, e);
                }
                // Checked here, not left to the broker: with records sent after the one it refuses, the write
                // waited out the delivery timeout and failed as a network timeout (seen with Kafka 4.4 clients;
                // likely the idempotent producer's unresolved sequence), and its message named no size.
                String tooLarge = sizeProblem(topic, record);
                if (tooLarge != null) {
                    throw stopAt(topic, firstError, lineNumber, tooLarge, writtenBefore + count, null);
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

    /**
     * Flushes what was sent before a line that cannot be sent; a failure of those comes first, else the line's
     * own problem, with the number of records written before it.
     */
    private RuntimeException stopAt(String topic, AtomicReference<Exception> firstError, long lineNumber,
                                    String problem, long writtenBefore, Exception cause) {
        producer.flush();
        if (firstError.get() != null) {
            return failure(topic, firstError.get());
        }
        return new IllegalArgumentException("line " + lineNumber + ": " + problem + " (" + writtenBefore
                + " records before it were written)", cause);
    }

    /** Why {@code record} cannot go to {@code topic} because of its size, or null when it fits (or cannot be known). */
    private String sizeProblem(String topic, KafkaRecord record) {
        long size = BATCH_OVERHEAD + RECORD_OVERHEAD + length(record.key()) + length(record.value());
        for (KafkaRecord.RecordHeader h : record.recordHeaders()) {
            size += 10 + h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + length(h.value());
        }
        if (size > MAX_REQUEST_SIZE) {
            return String.format(java.util.Locale.ROOT, "the record is %,d bytes, over the %,d bytes a request may"
                    + " carry (max.request.size)", size, MAX_REQUEST_SIZE);
        }
        long limit = maxMessageBytes.computeIfAbsent(topic, this::lookUpMaxMessageBytes);
        if (size > limit) {
            return String.format(java.util.Locale.ROOT, "the record is %,d bytes, over the %,d bytes topic %s accepts"
                    + " (max.message.bytes)", size, limit, topic);
        }
        return null;
    }

    /**
     * The topic's max.message.bytes, which bounds an uncompressed batch of one record. Unknown (no check) when
     * the producer compresses, which may bring a record under it, or when the configuration cannot be read.
     */
    private long lookUpMaxMessageBytes(String topic) {
        Object compression = connection.clientProperties().get(ProducerConfig.COMPRESSION_TYPE_CONFIG);
        if (compression != null && !"none".equals(compression)) {
            return Long.MAX_VALUE;
        }
        org.apache.kafka.common.config.ConfigResource resource =
                new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        try (ClusterClient client = new ClusterClient(connection)) {
            var entry = client.await(client.admin().describeConfigs(List.of(resource)).all(), "describe topic " + topic)
                    .get(resource).get("max.message.bytes");
            return entry == null || entry.value() == null ? Long.MAX_VALUE : Long.parseLong(entry.value());
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // not allowed to describe configs, say: the broker's answer will have to do
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
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
