package io.mirador.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Messages benchmark's topics and their records. Everything is generated while it is sent and never kept:
 * the produce phase runs in the same {@code -Xmx512m} JVM as the measurements (and the broker), so it must stay
 * lean. Values are JSON, distinct per record, so the broker's compression and the filter's parsing see real work.
 */
final class MessagesData {

    /**
     * Record {@code n} has {@code user.id == (n / 10) % USERS}: {@code value.user.id == 42} matches exactly 1% of
     * every 1,000 records, in runs of ten consecutive records, so matches fall in every partition (a plain
     * {@code n % USERS} would put them all in one partition of a round-robin topic).
     */
    static final int USERS = 100;
    private static final String PADDING = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
            + "tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ";

    private final String bootstrap;

    MessagesData(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    void createTopics(Map<String, Integer> partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(partitions.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList()).all().get(2, TimeUnit.MINUTES);
        }
    }

    /**
     * The bulk settings: big batches, lz4, acks=1. One request in flight, because a fresh topic's first
     * batches otherwise can be refused with out-of-order sequence errors and retried slowly; one request carries
     * the batches of every partition (max.request.size), so this costs little.
     */
    private KafkaProducer<byte[], byte[]> bulkProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        return new KafkaProducer<>(p);
    }

    /** {@code count} records of about 100 bytes (key + value), round-robin over the partitions. */
    void produceSmall(String topic, int partitions, long count) {
        byte[] template = "{\"n\":000000000000,\"status\":\"OK\",\"source\":\"bench\",\"note\":\"latest-N benchmark rec\"}"
                .getBytes(StandardCharsets.US_ASCII);
        int digitsAt = 5;
        Failure failure = new Failure();
        try (KafkaProducer<byte[], byte[]> producer = bulkProducer()) {
            for (long n = 0; n < count; n++) {
                byte[] value = template.clone();
                long v = n;
                for (int i = digitsAt + 11; i >= digitsAt; i--) { // fixed-width digits: no String per record
                    value[i] = (byte) ('0' + v % 10);
                    v /= 10;
                }
                producer.send(new ProducerRecord<>(topic, (int) (n % partitions), key(n), value), failure);
                failure.check();
            }
            producer.flush();
        }
        failure.check();
    }

    /** {@code count} JSON records of about 1 KB, round-robin over the partitions. */
    void produceJson(String topic, int partitions, long count) {
        Failure failure = new Failure();
        try (KafkaProducer<byte[], byte[]> producer = bulkProducer()) {
            StringBuilder json = new StringBuilder(1200);
            for (long n = 0; n < count; n++) {
                producer.send(new ProducerRecord<>(topic, (int) (n % partitions), key(n), json(n, json)), failure);
                failure.check();
            }
            producer.flush();
        }
        failure.check();
    }

    /**
     * Sends JSON records of about 1 KB to {@code topic} at {@code perSecond} on a thread of its own until
     * {@link RateProducer#close()}. Paced against the clock (what is due since the start, checked every
     * millisecond), so a late wake-up is caught up, not lost.
     */
    RateProducer rateProducer(String topic, int partitions, int perSecond) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5); // a live source: records go out within milliseconds
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        return new RateProducer(new KafkaProducer<>(p), topic, partitions, perSecond);
    }

    static byte[] key(long n) {
        return ("order-" + n).getBytes(StandardCharsets.US_ASCII);
    }

    /** About 1 KB: a user, an order with three items, a status, and a note that pads it. */
    static byte[] json(long n, StringBuilder json) {
        json.setLength(0);
        json.append("{\"id\":\"evt-").append(n).append("\",\"type\":\"order.created\",\"version\":3,")
                .append("\"user\":{\"id\":").append(n / 10 % USERS).append(",\"name\":\"user-").append(n / 10 % USERS)
                .append("\",\"tier\":\"").append(n % 7 == 0 ? "gold" : "standard").append("\",\"country\":\"")
                .append(n % 3 == 0 ? "DE" : n % 3 == 1 ? "FR" : "US").append("\"},")
                .append("\"order\":{\"total\":").append(n % 997).append('.').append(n % 100)
                .append(",\"currency\":\"EUR\",\"items\":[");
        for (int i = 0; i < 3; i++) {
            long sku = (n + i * 31) % 100_000;
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"SKU-");
            for (long d = 10_000; d > 1 && sku < d; d /= 10) { // zero-padded to 5 digits, as SKU-00042
                json.append('0');
            }
            json.append(sku)
                    .append("\",\"qty\":").append(1 + (n + i) % 4).append(",\"price\":").append(5 + (n * 7 + i) % 90)
                    .append(".99,\"title\":\"Item number ").append(i).append(" of the order\"}");
        }
        json.append("]},\"status\":\"").append(n % 50 == 0 ? "FAILED" : "NEW").append("\",\"source\":\"web\",\"note\":\"");
        while (json.length() < 1000) {
            json.append(PADDING, 0, Math.min(PADDING.length(), 1000 - json.length()));
        }
        return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Remembers the first send failure, so a broken produce stops the benchmark instead of timing nothing. */
    private static final class Failure implements Callback {
        private final AtomicReference<Exception> first = new AtomicReference<>();

        @Override
        public void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception e) {
            if (e != null) {
                first.compareAndSet(null, e);
            }
        }

        void check() {
            Exception e = first.get();
            if (e != null) {
                throw new IllegalStateException("produce failed: " + e, e);
            }
        }
    }

    /** A steady source for the live tail; {@link #sent()} counts what was handed to the producer. */
    static final class RateProducer implements AutoCloseable {
        private final KafkaProducer<byte[], byte[]> producer;
        private final Thread thread;
        private final AtomicLong sent = new AtomicLong();
        private final Failure failure = new Failure();
        private volatile boolean closed;

        private RateProducer(KafkaProducer<byte[], byte[]> producer, String topic, int partitions, int perSecond) {
            this.producer = producer;
            this.thread = new Thread(() -> run(topic, partitions, perSecond), "tail-producer");
            thread.setDaemon(true);
        }

        RateProducer start() {
            thread.start();
            return this;
        }

        long sent() {
            return sent.get();
        }

        private void run(String topic, int partitions, int perSecond) {
            long start = System.nanoTime();
            long n = 0;
            StringBuilder json = new StringBuilder(1200);
            while (!closed) {
                long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
                for (; n < due && !closed; n++) {
                    producer.send(new ProducerRecord<>(topic, (int) (n % partitions), key(n), json(n, json)), failure);
                    sent.incrementAndGet();
                }
                LockSupport.parkNanos(1_000_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join();
            producer.close();
            failure.check();
        }
    }
}
