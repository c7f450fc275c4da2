package io.mirador.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Consumer group offset sync under load, with the engine's default settings (a sync round every 5 s): a producer
 * writes to 6 partitions in transactions (one in ten aborted, so source and target offsets differ), {@code G}
 * consumer groups read the source and commit every second, the route copies and syncs. Prints the sync latency
 * (from a group's commit on the source to the translated commit on the target, matched through the metadata the
 * sync writes), then stops the load and checks every group's last position: the next record on the target must be
 * the very record the group would read next on the source (exact / re-read / skipped per group and partition).
 *
 * <pre>java -cp bench/target/mirador-bench.jar io.mirador.bench.GroupSyncBenchmark [seconds=60] [groups=20] [records/s=2000]</pre>
 */
public final class GroupSyncBenchmark {

    private static final String TOPIC = "sync.bench";
    private static final int PARTITIONS = 6;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int groups = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        BenchLogging.quiet();
        Path dir = Files.createTempDirectory("mirador-syncbench");
        try (BenchClusters clusters = new BenchClusters().start();
             Admin source = Admin.create(Map.of("bootstrap.servers", clusters.source()));
             Admin target = Admin.create(Map.of("bootstrap.servers", clusters.target()))) {
            source.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            try (ReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString())) {
                ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
                engine.createCluster(new ClusterConnection("src", clusters.source()));
                engine.createCluster(new ClusterConnection("dst", clusters.target()));
                engine.createRoute(RouteDefinition.of("sync", "src", "dst", "sync\\..*"));
                engine.start();
                run(clusters, target, engine, seconds, groups, rate);
                engine.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(BenchClusters clusters, Admin target, ReplicationEngine engine, int seconds, int groups,
                            int rate) throws Exception {
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicBoolean consuming = new AtomicBoolean(true);
        // (group, partition, source offset) -> when the group committed it on the source
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Map<TopicPartition, Long>> lastCommitted = new ConcurrentHashMap<>();
        Thread producer = new Thread(() -> produce(clusters.source(), rate, producing), "bench-producer");
        producer.start();
        List<Thread> consumers = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            String group = "bench-group-" + g;
            Thread t = new Thread(() -> consume(clusters.source(), group, consuming, committedAt, lastCommitted), group);
            t.start();
            consumers.add(t);
        }
        Percentiles latency = new Percentiles();
        Map<String, Boolean> seen = new HashMap<>();
        long end = System.currentTimeMillis() + seconds * 1000L;
        List<String> names = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            names.add("bench-group-" + g);
        }
        while (System.currentTimeMillis() < end) {
            long now = System.currentTimeMillis();
            targetOffsets(target, names).forEach((group, offsets) -> offsets.forEach((tp, oam) -> {
                String meta = oam.metadata();
                int at = meta == null ? -1 : meta.lastIndexOf('@');
                if (at < 0) {
                    return;
                }
                String key = group + "/" + tp.partition() + "/" + meta.substring(at + 1);
                Long when = committedAt.get(key);
                if (when != null && seen.putIfAbsent(key, true) == null) {
                    latency.add(now - when);
                }
            }));
            Thread.sleep(100);
        }
        producing.set(false);
        producer.join();
        consuming.set(false);
        for (Thread t : consumers) {
            t.join();
        }
        // The groups stopped: wait until the route copied everything and synced their last positions.
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !synced(target, names, lastCommitted, engine)) {
            Thread.sleep(500);
        }
        int[] verdicts = verify(clusters, target, names, lastCommitted);
        System.out.printf(Locale.ROOT, "%nGroup offset sync, default settings (round every %d ms), %d groups x %d partitions,"
                        + " %d s at %d records/s (transactions, 1 in 10 aborted)%n",
                EngineSettings.defaults().groupSyncIntervalMs(), groups, PARTITIONS, seconds, rate);
        System.out.printf(Locale.ROOT, "  sync latency, source commit -> translated commit on target: p50 %.0f ms, p99 %.0f ms,"
                + " max %.0f ms (%d commits matched)%n", latency.percentile(50), latency.percentile(99),
                latency.percentile(100), latency.size());
        System.out.printf(Locale.ROOT, "  last positions after the load: exact %d, re-read %d, skipped %d, not synced %d"
                + " (group x partition)%n", verdicts[0], verdicts[1], verdicts[2], verdicts[3]);
    }

    private static boolean synced(Admin target, List<String> groups, Map<String, Map<TopicPartition, Long>> last,
                                  ReplicationEngine engine) {
        if (engine.status("sync").lag() > 0) {
            return false;
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> onTarget = targetOffsets(target, groups);
        for (String g : groups) {
            for (Map.Entry<TopicPartition, Long> e : last.getOrDefault(g, Map.of()).entrySet()) {
                OffsetAndMetadata oam = onTarget.getOrDefault(g, Map.of()).get(e.getKey());
                if (oam == null || oam.metadata() == null || !oam.metadata().endsWith("@" + e.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** exact, re-read, skipped, not synced. */
    private static int[] verify(BenchClusters clusters, Admin target, List<String> groups,
                                Map<String, Map<TopicPartition, Long>> last) {
        Map<Integer, TreeMap<Long, String>> src = committed(clusters.source());
        Map<Integer, TreeMap<Long, String>> dst = committed(clusters.target());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> onTarget = targetOffsets(target, groups);
        int[] out = new int[4];
        for (String g : groups) {
            for (Map.Entry<TopicPartition, Long> e : last.getOrDefault(g, Map.of()).entrySet()) {
                OffsetAndMetadata t = onTarget.getOrDefault(g, Map.of()).get(e.getKey());
                if (t == null) {
                    out[3]++;
                    continue;
                }
                int p = e.getKey().partition();
                var next = src.get(p).ceilingEntry(e.getValue());
                var landed = dst.get(p).ceilingEntry(t.offset());
                String expected = next == null ? "<end>" : next.getValue();
                String got = landed == null ? "<end>" : landed.getValue();
                if (expected.equals(got)) {
                    out[0]++;
                } else if (src.get(p).headMap(e.getValue()).containsValue(got)) {
                    out[1]++;
                } else {
                    out[2]++;
                }
            }
        }
        return out;
    }

    private static void produce(String bootstrap, int rate, AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sync-bench");
        Random random = new Random(1);
        long n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            long start = System.nanoTime();
            while (running.get()) {
                boolean abort = random.nextInt(10) == 0;
                producer.beginTransaction();
                for (int i = 0; i < 50; i++) {
                    String v = (abort ? "aborted-" : "") + "r-" + n++;
                    producer.send(new ProducerRecord<>(TOPIC, (int) (n % PARTITIONS), null, v.getBytes(StandardCharsets.UTF_8)));
                }
                if (abort) {
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
                long due = start + n * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void consume(String bootstrap, String group, AtomicBoolean running, Map<String, Long> committedAt,
                                Map<String, Map<TopicPartition, Long>> last) {
        Properties p = consumerProps(bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(TOPIC));
            long lastCommit = 0;
            Random random = new Random(group.hashCode());
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100 + random.nextInt(200)));
                if (System.currentTimeMillis() - lastCommit >= 1_000) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    consumer.assignment().forEach(tp -> offsets.put(tp, new OffsetAndMetadata(consumer.position(tp))));
                    consumer.commitSync(offsets);
                    long now = System.currentTimeMillis();
                    offsets.forEach((tp, oam) -> {
                        committedAt.putIfAbsent(group + "/" + tp.partition() + "/" + oam.offset(), now);
                        last.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(tp, oam.offset());
                    });
                    lastCommit = now;
                }
            }
        }
    }

    private static Map<String, Map<TopicPartition, OffsetAndMetadata>> targetOffsets(Admin target, List<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var result = target.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new HashMap<>();
        for (String g : groups) {
            try {
                Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
                result.partitionsToOffsetAndMetadata(g).get().forEach((tp, oam) -> {
                    if (oam != null) {
                        m.put(tp, oam);
                    }
                });
                out.put(g, m);
            } catch (Exception e) {
                out.put(g, Map.of()); // not on the target yet
            }
        }
        return out;
    }

    private static Map<Integer, TreeMap<Long, String>> committed(String bootstrap) {
        Properties p = consumerProps(bootstrap);
        Map<Integer, TreeMap<Long, String>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                tps.add(new TopicPartition(TOPIC, i));
                out.put(i, new TreeMap<>());
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.get(r.partition()).put(r.offset(), new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return p;
    }
}
