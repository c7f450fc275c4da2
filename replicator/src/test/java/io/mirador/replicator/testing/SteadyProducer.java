package io.mirador.replicator.testing;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces numbered records (key {@code k<n>}, value {@code v<n>}, header {@code seq}) at a steady rate on a
 * thread of its own, through broker outages, and remembers which the source acknowledged: only those must
 * reach the target. Sends that fail while the source is down are simply not acknowledged.
 */
public final class SteadyProducer implements AutoCloseable {

    private final String topic;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Thread thread;
    private final BitSet acked = new BitSet();
    private final AtomicInteger ackedCount = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running = true;

    public SteadyProducer(String bootstrap, String topic, int partitions, int recordsPerSecond) {
        this.topic = topic;
        this.partitions = partitions;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        // A send blocked on a source that is down gives up after a while instead of stalling the flow for minutes.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(p);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / recordsPerSecond;
        this.thread = new Thread(() -> run(periodNanos), "steady-producer-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        while (running) {
            int seq = sent.getAndIncrement();
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, seq % partitions,
                    KafkaTestClient.bytes("k" + seq), KafkaTestClient.bytes("v" + seq));
            r.headers().add("seq", KafkaTestClient.bytes(Integer.toString(seq)));
            try {
                producer.send(r, (metadata, error) -> {
                    if (error == null) {
                        synchronized (acked) {
                            acked.set(seq);
                        }
                        ackedCount.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            } catch (RuntimeException e) {
                // The source is down (metadata not available in time): this record is not acknowledged.
                failed.incrementAndGet();
            }
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else if (-wait > TimeUnit.SECONDS.toNanos(1)) {
                next = System.nanoTime(); // after a blocked send: keep the rate, do not burst to catch up
            }
        }
    }

    /** Records the source acknowledged so far. */
    public int acknowledged() {
        return ackedCount.get();
    }

    /** Sends the source refused or did not answer in time: proof that it was down for a while. */
    public int failed() {
        return failed.get();
    }

    /** Stops producing, waits for the outstanding sends to complete and returns the acknowledged sequence numbers. */
    public BitSet stop() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        synchronized (acked) {
            return (BitSet) acked.clone();
        }
    }

    @Override
    public void close() {
        running = false;
        producer.close(java.time.Duration.ofSeconds(5));
    }

    /** Sequence numbers of records read from a target (header {@code seq}), duplicates counted once. */
    public static BitSet sequences(List<ConsumerRecord<byte[], byte[]>> records) {
        BitSet seen = new BitSet();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            seen.set(Integer.parseInt(KafkaTestClient.string(r.headers().lastHeader("seq").value())));
        }
        return seen;
    }

    /**
     * A base port with {@code count} consecutive free ports on the loopback address, so that a cluster restarted
     * with {@code portBase} listens where its clients expect it.
     */
    public static int freePortBase(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress("127.0.0.1", port));
                } catch (java.io.IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }
}
