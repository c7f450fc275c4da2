package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.state.JdbcReplicationStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replication latency under steady load: a producer writes {@code rate} records/s (timestamp = send time) into
 * a fresh source topic while Mirador's engine (2 workers) copies it. Two views, side by side:
 * <ul>
 *   <li>Mirador's own: {@link RouteStatus#latencyP50Ms()}/{@code latencyP99Ms()}, record timestamp to target
 *       acknowledgement, over the last metrics window; sampled once per window;</li>
 *   <li>end to end: a consumer on the target subtracts each record's timestamp from the time it receives it,
 *       p50/p99 over all records.</li>
 * </ul>
 * The source producer sends with linger 1 ms and acks=all; its own delay is part of both figures, as it would
 * be in production. The first {@value #WARM_UP_MS} ms (route start, first fetches) are left out of both.
 * Producer, engine and consumer share one clock, this JVM's.
 */
final class LatencyProbe {

    static final long WARM_UP_MS = 3_000;
    private static final String TOPIC = "bench-latency";

    private final String source;
    private final String target;
    private final double rate;
    private final long durationMs;
    private final long metricsIntervalMs;

    LatencyProbe(String source, String target, double rate, long durationMs, long metricsIntervalMs) {
        this.source = source;
        this.target = target;
        this.rate = rate;
        this.durationMs = durationMs;
        this.metricsIntervalMs = metricsIntervalMs;
    }

    void run() throws Exception {
        Backlog.createTopic(source, TOPIC, Backlog.PARTITIONS);
        String targetTopic = "lat." + TOPIC;
        Path dir = Files.createTempDirectory("mirador-bench-latency-");
        EngineSettings d = EngineSettings.defaults();
        EngineSettings settings = new EngineSettings(d.discoveryIntervalMs(), d.checkpointIntervalMs(), metricsIntervalMs,
                d.stuckAfterMs(), d.overloadFactor());
        try (JdbcReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString());
             TargetWatch watch = new TargetWatch(target)) {
            ReplicationEngine engine = new ReplicationEngine(store, settings);
            try {
                engine.start();
                engine.createCluster(new ClusterConnection("src", source));
                engine.createCluster(new ClusterConnection("dst", target));
                engine.createRoute(MiradorRunner.route("lat", java.util.regex.Pattern.quote(TOPIC)));
                awaitRouteReady(engine);
                measure(engine, targetTopic);
            } finally {
                engine.close();
            }
            watch.delete(targetTopic);
        } finally {
            MiradorRunner.deleteQuietly(dir);
        }
    }

    private void measure(ReplicationEngine engine, String targetTopic) throws Exception {
        Percentiles endToEnd = new Percentiles();
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        long start = System.currentTimeMillis();
        long measureFrom = start + WARM_UP_MS;
        Thread consumer = new Thread(() -> consume(targetTopic, measureFrom, endToEnd, sent, received, producing),
                "bench-latency-consumer");
        consumer.start();
        Thread producer = new Thread(() -> produce(start, sent, producing), "bench-latency-producer");
        producer.start();

        // One sample of Mirador's figures per metrics window, half a window after it closes.
        List<double[]> windows = new ArrayList<>();
        Thread.sleep(WARM_UP_MS + metricsIntervalMs + metricsIntervalMs / 2);
        while (producer.isAlive()) {
            RouteStatus s = engine.status("bench");
            windows.add(new double[] {s.latencyP50Ms(), s.latencyP99Ms(), s.recordsPerSecond()});
            producer.join(metricsIntervalMs);
        }
        consumer.join(60_000);

        System.out.printf(Locale.ROOT, "Latency: %.0f records/s for %d s (+%d ms warm-up, left out) into %d partitions, "
                        + "Mirador %d workers, metrics window %d ms%n", rate, (durationMs - WARM_UP_MS) / 1000, WARM_UP_MS,
                Backlog.PARTITIONS,
                MiradorRunner.WORKERS, metricsIntervalMs);
        System.out.printf(Locale.ROOT, "  sent %d, received on target %d%n", sent.get(), received.get());
        for (int i = 0; i < windows.size(); i++) {
            double[] w = windows.get(i);
            System.out.printf(Locale.ROOT, "  Mirador window %d: p50 %5.1f ms  p99 %5.1f ms  (%.0f records/s)%n",
                    i + 1, w[0], w[1], w[2]);
        }
        Stats p50 = new Stats();
        Stats p99 = new Stats();
        windows.stream().filter(w -> !Double.isNaN(w[1])).forEach(w -> {
            p50.add(w[0]);
            p99.add(w[1]);
        });
        long withData = windows.stream().filter(w -> !Double.isNaN(w[1])).count();
        if (withData > 0) {
            System.out.printf(Locale.ROOT, "  %-38s p50 %5.1f ms  p99 %5.1f ms  (median over %d windows; worst p99 %.1f ms)%n",
                    "Mirador RouteStatus", p50.median(), p99.median(), withData, p99.max());
        }
        System.out.printf(Locale.ROOT, "  %-38s p50 %5.1f ms  p99 %5.1f ms  (over %d records; max %.0f ms)  target p99 <= 50 ms%n",
                "end to end (target consumer)", endToEnd.percentile(50), endToEnd.percentile(99), endToEnd.size(),
                endToEnd.percentile(100));
    }

    private void produce(long start, AtomicLong sent, AtomicBoolean producing) {
        Properties p = Backlog.fastProducer(source);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        byte[] value = new byte[Backlog.VALUE_BYTES];
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            long n = 0;
            long end = start + durationMs;
            long now;
            while ((now = System.currentTimeMillis()) < end) {
                // Send what is due by now: steady 'rate' records/s, in bursts of at most one millisecond's worth.
                long due = (long) ((now - start) * rate / 1000.0);
                for (; n < due; n++) {
                    byte[] key = ("k" + (n % 1000)).getBytes();
                    producer.send(new ProducerRecord<>(TOPIC, (int) (n % Backlog.PARTITIONS),
                            System.currentTimeMillis(), key, value));
                }
                sent.set(n);
                LockSupport.parkNanos(200_000);
            }
            producer.flush();
        } finally {
            producing.set(false);
        }
    }

    private void consume(String topic, long measureFrom, Percentiles latencies, AtomicLong sent, AtomicLong received,
                         AtomicBoolean producing) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        List<TopicPartition> partitions = new ArrayList<>();
        for (int i = 0; i < Backlog.PARTITIONS; i++) {
            partitions.add(new TopicPartition(topic, i));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long idleSince = Long.MAX_VALUE;
            while (producing.get() || received.get() < sent.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.timestamp() >= measureFrom) {
                        latencies.add(now - r.timestamp());
                    }
                }
                received.addAndGet(records.count());
                // Stop waiting for stragglers 30 s after the producer stopped.
                idleSince = producing.get() ? Long.MAX_VALUE : Math.min(idleSince, now);
                if (now - idleSince > 30_000) {
                    break;
                }
            }
        }
    }

    /** Waits until the route runs and its target topic exists, so the consumer can assign its partitions. */
    private void awaitRouteReady(ReplicationEngine engine) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            RouteStatus s = engine.status("bench");
            if ("RUNNING".equals(s.state()) && s.partitions().size() == Backlog.PARTITIONS) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("route did not start: " + engine.status("bench"));
    }
}
