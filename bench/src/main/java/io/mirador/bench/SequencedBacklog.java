package io.mirador.bench;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A backlog whose every record can be told apart: the same shape as {@link Backlog} ({@value Backlog#VALUE_BYTES}
 * -byte values, keys {@code k0}..{@code k999}, round-robin over {@value Backlog#PARTITIONS} partitions), but each
 * value starts with its sequence number (8 bytes, big-endian) and the rest is random per record. A reader of the
 * target can then mark each record in a BitSet and tell a lost record from a duplicate, whatever partition or
 * offset the copy gave it.
 *
 * <p>Every send is acknowledged and the source's end offsets are checked against the count, so a record missing
 * on the target is the copy's doing, never the backlog's.
 */
final class SequencedBacklog {

    private final String topic;
    private final long records;

    SequencedBacklog(String topic, long records) {
        if (records <= 0 || records > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("records must be in 1.." + Integer.MAX_VALUE + ", not " + records);
        }
        this.topic = topic;
        this.records = records;
    }

    String topic() {
        return topic;
    }

    long records() {
        return records;
    }

    /** The sequence number a value carries, or -1 when it is not one of ours (wrong length). */
    static long sequence(byte[] value) {
        return value == null || value.length != Backlog.VALUE_BYTES ? -1 : ByteBuffer.wrap(value).getLong();
    }

    /** Creates the topic and fills it; returns the elapsed milliseconds. */
    double produce(String bootstrap) throws Exception {
        long start = System.nanoTime();
        Backlog.createTopic(bootstrap, topic, Backlog.PARTITIONS);
        Properties props = Backlog.fastProducer(bootstrap);
        // A fresh topic on a just-started broker can answer pipelined idempotent batches with OutOfOrderSequence;
        // one request in flight avoids it (the callbacks below would report it).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records; i++) {
                byte[] value = new byte[Backlog.VALUE_BYTES];
                random.nextBytes(value);
                ByteBuffer.wrap(value).putLong(i);
                byte[] key = ("k" + (i % 1000)).getBytes();
                producer.send(new ProducerRecord<>(topic, (int) (i % Backlog.PARTITIONS), key, value), (m, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("the backlog could not be written", failed.get());
        }
        long onSource = endOffsets(bootstrap);
        if (acknowledged.get() != records || onSource != records) {
            throw new IllegalStateException("backlog: " + acknowledged.get() + " acknowledged, " + onSource
                    + " on the source, " + records + " sent");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private long endOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Backlog.PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d records (%d-byte values, %d partitions) in %s", records,
                Backlog.VALUE_BYTES, Backlog.PARTITIONS, topic);
    }
}
