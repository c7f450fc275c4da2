package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under crashes: {@code mirador mirror --exactly-once} runs as a child process while 200,000 records
 * are produced, and is killed with SIGKILL five times at random points of its progress, restarted on the same
 * state each time. A {@code read_committed} reader of the target must then find every record exactly once, each
 * partition in source order.
 */
@Tag("integration")
class MirrorExactlyOnceCrashTest {

    private static final int RECORDS = 200_000;
    private static final int PARTITIONS = 8;
    private static final int KILLS = 5;
    private static Sandbox sandbox;
    private static String src;
    private static String dst;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startClusters() throws Exception {
        sandbox = new Sandbox(new SandboxSpec(List.of("eos-src", "eos-dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("eos-src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("eos-dst").orElseThrow().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            admin.createTopics(List.of(new NewTopic("eos", PARTITIONS, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stopClusters() {
        sandbox.stop();
    }

    @Test
    void sigkillFiveTimesWhileRecordsFlowCopiesEveryRecordOnce() throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        List<Long> killPoints = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            killPoints.add((long) (RECORDS * (0.05 + 0.85 * random.nextDouble())));
        }
        killPoints.sort(Long::compare);
        Path state = temp.resolve("mirror-state");

        AtomicInteger produced = new AtomicInteger();
        AtomicReference<Throwable> producerFailed = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                produce(produced);
            } catch (Throwable e) {
                producerFailed.set(e);
            }
        }, "eos-source-producer");
        producer.start();
        try {
            for (long killAt : killPoints) {
                Process mirror = startMirror(state);
                try {
                    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20))
                            .until(() -> targetEnd() >= killAt || !mirror.isAlive());
                    assertThat(mirror.isAlive()).as("mirror still running at kill point %d", killAt).isTrue();
                } finally {
                    mirror.destroyForcibly(); // SIGKILL
                    mirror.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            producer.join(300_000);
        }
        assertThat(producerFailed.get()).as("every source record acknowledged").isNull();
        assertThat(produced.get()).isEqualTo(RECORDS);

        Process last = startMirror(state);
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(3))
                    .until(() -> committedOnTarget() >= RECORDS);
        } finally {
            SandboxProcessTest.sigterm(last);
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last.exitValue()).as("clean stop on SIGTERM").isZero();

        Map<Integer, List<Integer>> target = readCommitted();
        long copies = target.values().stream().mapToLong(List::size).sum();
        long duplicates = 0;
        long missing = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = p; i < RECORDS; i += PARTITIONS) {
                expected.add(i);
            }
            List<Integer> actual = target.getOrDefault(p, List.of());
            duplicates += actual.size() - actual.stream().distinct().count();
            java.util.Set<Integer> present = new java.util.HashSet<>(actual);
            missing += expected.stream().filter(i -> !present.contains(i)).count();
            assertThat(actual).as("partition %d, read_committed, in source order (seed %d)", p, seed).isEqualTo(expected);
        }
        System.out.printf("exactly-once crash test: %d records, %d SIGKILLs at %s, %d copies, %d duplicates,"
                + " %d missing%n", RECORDS, KILLS, killPoints, copies, duplicates, missing);
    }

    private static Process startMirror(Path state) throws Exception {
        Path jar = SandboxProcessTest.jar();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "mirror", "--exactly-once", "--from", src, "--to", dst, "--topics", "eos",
                "--state", state.toString(), "--progress-interval", "5", "--checkpoint-interval-ms", "500")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    /** Records {@code 0..RECORDS-1}, record i to partition i % 8 (so each partition's order is known), at a pace. */
    private static void produce(AtomicInteger produced) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, src);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        byte[] padding = "x".repeat(80).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] seq = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>("eos", i % PARTITIONS, seq, padding), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
                produced.incrementAndGet();
                if (i % 200 == 199) {
                    Thread.sleep(30); // about 30 s of records: they keep flowing through the kills
                }
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** Sum of the target's end offsets (markers included): a cheap progress gauge for the kill points. */
    private static long targetEnd() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            var infos = consumer.partitionsFor("eos", Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition("eos", i.partition())).toList();
            return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        } catch (org.apache.kafka.common.KafkaException e) {
            return 0;
        }
    }

    private static long committedOnTarget() {
        return readCommitted().values().stream().mapToLong(List::size).sum();
    }

    /** Every committed record of the target, by partition, in offset order, read to the last stable offset. */
    private static Map<Integer, List<Integer>> readCommitted() {
        Map<Integer, List<Integer>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            var infos = consumer.partitionsFor("eos", Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition("eos", i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), k -> new ArrayList<>())
                            .add(Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, dst);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(p);
    }
}
