package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Exactly-once against at-least-once, side by side in one run, on two embedded clusters in this JVM:
 * <ol>
 *   <li>throughput: the same backlog (8 partitions, 100-byte values) copied by Mirador's engine with an
 *       at-least-once route and with an exactly-once route, interleaved per round; records/s of each (median of
 *       the rounds) and the ratio EOS/ALO (goal >= 0.7). "Copied" means the route reports every record copied:
 *       acknowledged for ALO, committed (visible to read_committed readers) for EOS;</li>
 *   <li>latency under a steady rate: end to end, record timestamp to a {@code read_committed} consumer of the
 *       target receiving it, median and p99 for each mode and what exactly-once adds;</li>
 *   <li>kill run ({@link ExactlyOnceKills}): {@code mirror --exactly-once} as a child process over a backlog of
 *       sequence-numbered records, SIGKILLed K times, then run to the end; duplicates and missing records as a
 *       {@code read_committed} reader of the target sees them.</li>
 * </ol>
 * Usage: {@code java -Xmx2g -cp bench/target/mirador-bench.jar io.mirador.bench.ExactlyOnceBenchmark [rounds=3]
 * [records=1000000] [kill-records=2000000] [kills=5] [app-jar=app/target/mirador.jar]}; system properties
 * {@code bench.eos.rate} (records/s of the latency run, 5000) and {@code bench.eos.seconds} (15). Everything is
 * printed, nothing asserted.
 */
public final class ExactlyOnceBenchmark {

    private static final long WARM_UP_MS = 3_000;

    private ExactlyOnceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long records = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long killRecords = args.length > 2 ? Long.parseLong(args[2]) : 2_000_000;
        int kills = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path appJar = Path.of(args.length > 4 ? args[4] : "app/target/mirador.jar");
        try (BenchClusters clusters = new BenchClusters().start()) {
            Backlog backlog = new Backlog("eos-backlog", records);
            double produceMs = backlog.produce(clusters.source());
            System.out.printf(Locale.ROOT, "Exactly-once benchmark: %d cores, backlog %,d records (%d-byte values, %d"
                            + " partitions) produced in %.1f s; engine defaults (EOS commits every %d ms or %,d records)%n",
                    Runtime.getRuntime().availableProcessors(), records, Backlog.VALUE_BYTES, Backlog.PARTITIONS,
                    produceMs / 1000, EngineSettings.TRANSACTION_INTERVAL_MS, EngineSettings.TRANSACTION_MAX_RECORDS);
            throughput(clusters, backlog, rounds);
            double rate = Double.parseDouble(System.getProperty("bench.eos.rate", "5000"));
            long seconds = Long.getLong("bench.eos.seconds", 15);
            Percentiles alo = latency(clusters, false, rate, seconds);
            Percentiles eos = latency(clusters, true, rate, seconds);
            System.out.printf(Locale.ROOT, "Latency end to end (record timestamp to a read_committed consumer of the"
                    + " target), %.0f records/s for %d s:%n", rate, seconds);
            System.out.printf(Locale.ROOT, "  at-least-once  median %6.1f ms  p99 %6.1f ms  (%d records)%n",
                    alo.percentile(50), alo.percentile(99), alo.size());
            System.out.printf(Locale.ROOT, "  exactly-once   median %6.1f ms  p99 %6.1f ms  (%d records)%n",
                    eos.percentile(50), eos.percentile(99), eos.size());
            System.out.printf(Locale.ROOT, "  added by exactly-once: median %+.1f ms, p99 %+.1f ms%n",
                    eos.percentile(50) - alo.percentile(50), eos.percentile(99) - alo.percentile(99));
            if (kills > 0 && killRecords > 0) {
                if (!Files.isRegularFile(appJar)) {
                    System.out.println("kill run: skipped, " + appJar + " not built");
                } else {
                    new ExactlyOnceKills(clusters.source(), clusters.target(), appJar.toAbsolutePath(), killRecords, kills).run();
                }
            }
        }
        System.exit(0);
    }

    private static void throughput(BenchClusters clusters, Backlog backlog, int rounds) throws Exception {
        Stats alo = new Stats();
        Stats eos = new Stats();
        Stats aloFlow = new Stats();
        Stats eosFlow = new Stats();
        for (int round = 1; round <= rounds; round++) {
            for (boolean exactlyOnce : new boolean[] {false, true}) {
                System.gc();
                double[] t = copy(clusters, backlog, exactlyOnce, round);
                (exactlyOnce ? eos : alo).add(t[0]);
                (exactlyOnce ? eosFlow : aloFlow).add(t[0] - t[1]);
                System.out.printf(Locale.ROOT, "  round %d  %-14s %7.2f s  %,10.0f records/s  (first record after"
                                + " %.2f s; %,.0f records/s after it)%n", round, exactlyOnce ? "exactly-once" : "at-least-once",
                        t[0] / 1000, backlog.records() / (t[0] / 1000), t[1] / 1000, backlog.records() / ((t[0] - t[1]) / 1000));
            }
        }
        double aloRate = backlog.records() / (alo.median() / 1000);
        double eosRate = backlog.records() / (eos.median() / 1000);
        double aloFlowRate = backlog.records() / (aloFlow.median() / 1000);
        double eosFlowRate = backlog.records() / (eosFlow.median() / 1000);
        System.out.printf(Locale.ROOT, "Throughput, median of %d interleaved rounds, start of the route to every record"
                + " copied: at-least-once %,.0f records/s, exactly-once %,.0f records/s, EOS/ALO %.2f (goal >= 0.7)%n",
                rounds, aloRate, eosRate, eosRate / aloRate);
        System.out.printf(Locale.ROOT, "  once records flow (start-up left out): at-least-once %,.0f records/s,"
                + " exactly-once %,.0f records/s, EOS/ALO %.2f%n", aloFlowRate, eosFlowRate, eosFlowRate / aloFlowRate);
    }

    /**
     * One copy of the backlog into a fresh target topic by a fresh engine: elapsed ms until every record is copied,
     * and until the first was.
     */
    private static double[] copy(BenchClusters clusters, Backlog backlog, boolean exactlyOnce, int round) throws Exception {
        String alias = (exactlyOnce ? "eos" : "alo") + "-r" + round;
        Path dir = Files.createTempDirectory("mirador-bench-eos-");
        try (JdbcReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString());
             TargetWatch watch = new TargetWatch(clusters.target())) {
            ReplicationEngine engine = engine(store, clusters);
            double[] elapsed = new double[2];
            try {
                long start = System.nanoTime();
                engine.createRoute(route(alias, backlog.topic(), exactlyOnce));
                long deadline = System.currentTimeMillis() + 600_000;
                long copied;
                while ((copied = engine.status("bench").copiedRecords()) < backlog.records()) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(alias + ": not copied in 10 minutes");
                    }
                    if (copied > 0 && elapsed[1] == 0) {
                        elapsed[1] = (System.nanoTime() - start) / 1e6;
                    }
                    Thread.sleep(20);
                }
                elapsed[0] = (System.nanoTime() - start) / 1e6;
            } finally {
                engine.close();
            }
            watch.delete(alias + "." + backlog.topic());
            return elapsed;
        } finally {
            MiradorRunner.deleteQuietly(dir);
        }
    }

    /** End-to-end latency of a route under a steady rate, measured by a read_committed consumer of the target. */
    private static Percentiles latency(BenchClusters clusters, boolean exactlyOnce, double rate, long seconds)
            throws Exception {
        String topic = "eos-latency-" + (exactlyOnce ? "eos" : "alo");
        String alias = "lat";
        Backlog.createTopic(clusters.source(), topic, Backlog.PARTITIONS);
        Percentiles latencies = new Percentiles();
        Path dir = Files.createTempDirectory("mirador-bench-eos-lat-");
        try (JdbcReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString())) {
            ReplicationEngine engine = engine(store, clusters);
            try {
                engine.createRoute(route(alias, topic, exactlyOnce));
                awaitTopic(clusters.target(), alias + "." + topic);
                AtomicBoolean producing = new AtomicBoolean(true);
                AtomicLong sent = new AtomicLong();
                long start = System.currentTimeMillis();
                Thread consumer = new Thread(() -> consume(clusters.target(), alias + "." + topic, start + WARM_UP_MS,
                        latencies, sent, producing), "bench-eos-latency-consumer");
                consumer.start();
                produce(clusters.source(), topic, rate, WARM_UP_MS + seconds * 1000, sent);
                producing.set(false);
                consumer.join(60_000);
            } finally {
                engine.close();
            }
        } finally {
            MiradorRunner.deleteQuietly(dir);
        }
        return latencies;
    }

    private static void produce(String bootstrap, String topic, double rate, long durationMs, AtomicLong sent)
            throws InterruptedException {
        Properties p = Backlog.fastProducer(bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        byte[] value = new byte[Backlog.VALUE_BYTES];
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; ; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long now = System.nanoTime();
                if (now - start > durationMs * 1_000_000) {
                    break;
                }
                if (due > now) {
                    Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                }
                producer.send(new ProducerRecord<>(topic, (int) (i % Backlog.PARTITIONS), System.currentTimeMillis(),
                        null, value));
                sent.incrementAndGet();
            }
        }
    }

    private static void consume(String bootstrap, String topic, long measureFromMs, Percentiles latencies,
                                AtomicLong sent, AtomicBoolean producing) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        long received = 0;
        long deadline = Long.MAX_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (System.currentTimeMillis() < deadline && (producing.get() || received < sent.get())) {
                if (!producing.get() && deadline == Long.MAX_VALUE) {
                    deadline = System.currentTimeMillis() + 30_000;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    received++;
                    if (r.timestamp() >= measureFromMs) {
                        latencies.add(now - r.timestamp());
                    }
                }
            }
        }
    }

    /** Waits until the route created the target topic with all its partitions. */
    private static void awaitTopic(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                var infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
                if (infos != null && infos.size() == Backlog.PARTITIONS) {
                    Thread.sleep(1_000); // the route's workers take the new partitions
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(topic + " not created in 60 s");
    }

    private static ReplicationEngine engine(JdbcReplicationStore store, BenchClusters clusters) {
        ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
        engine.start();
        engine.createCluster(new ClusterConnection("src", clusters.source()));
        engine.createCluster(new ClusterConnection("dst", clusters.target()));
        return engine;
    }

    private static RouteDefinition route(String alias, String topic, boolean exactlyOnce) {
        return MiradorRunner.route(alias, Pattern.quote(topic)).withExactlyOnce(exactlyOnce ? Boolean.TRUE : null);
    }

    static List<String> mirrorArgs() {
        return List.of("--exactly-once", "--checkpoint-interval-ms", "500");
    }
}
