package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
 * Zero loss under crashes: {@code mirador mirror} runs as a child process over 1,000,000 records and is killed
 * with SIGKILL five times at random points of its progress, then restarted on the same state each time.
 * Every source record must be on the target; duplicates are reported.
 */
@Tag("integration")
class MirrorCrashTest {

    private static final int RECORDS = 1_000_000;
    private static final int PARTITIONS = 8;
    private static final int KILLS = 5;
    private static Sandbox sandbox;
    private static String src;
    private static String dst;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startClusters() throws Exception {
        sandbox = new Sandbox(new SandboxSpec(List.of("crash-src", "crash-dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("crash-src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("crash-dst").orElseThrow().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            admin.createTopics(List.of(new NewTopic("crash", PARTITIONS, (short) 1))).all().get();
        }
        produce();
    }

    @AfterAll
    static void stopClusters() {
        sandbox.stop();
    }

    @Test
    void sigkillFiveTimesLosesNothing() throws Exception {
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        List<Long> killPoints = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            killPoints.add((long) (RECORDS * (0.05 + 0.9 * random.nextDouble())));
        }
        killPoints.sort(Long::compare);
        Path state = temp.resolve("mirror-state");

        for (long killAt : killPoints) {
            Process mirror = startMirror(state);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> targetCount() >= killAt || !mirror.isAlive());
                assertThat(mirror.isAlive()).as("mirror still running at kill point %d", killAt).isTrue();
            } finally {
                mirror.destroyForcibly(); // SIGKILL
                mirror.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Process last = startMirror(state);
        try {
            BitSet seen = new BitSet(RECORDS);
            long copies = readTargetUntilComplete(seen, Duration.ofSeconds(180));
            assertThat(seen.cardinality()).as("distinct records on the target (seed %d)", seed).isEqualTo(RECORDS);
            System.out.printf("crash test: %d records, %d SIGKILLs at %s, %d copies, %d duplicates (%.3f %%)%n",
                    RECORDS, KILLS, killPoints, copies, copies - RECORDS, 100.0 * (copies - RECORDS) / RECORDS);
        } finally {
            SandboxProcessTest.sigterm(last);
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last.exitValue()).as("clean stop on SIGTERM").isZero();
    }

    private static Process startMirror(Path state) throws Exception {
        Path jar = SandboxProcessTest.jar();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), "mirror", "--from", src, "--to", dst, "--topics", "crash",
                "--state", state.toString(), "--progress-interval", "5", "--checkpoint-interval-ms", "500")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void produce() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, src);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A fresh topic on a just-started broker can answer the first pipelined idempotent batches with
        // OutOfOrderSequence; one request in flight avoids it, and the callback below proves every record landed.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        byte[] padding = "x".repeat(80).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] seq = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
                byte[] value = new byte[seq.length + 1 + padding.length];
                System.arraycopy(seq, 0, value, 0, seq.length);
                value[seq.length] = ':';
                System.arraycopy(padding, 0, value, seq.length + 1, padding.length);
                producer.send(new ProducerRecord<>("crash", i % PARTITIONS, seq, value), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        assertThat(failed.get()).as("every source record acknowledged").isNull();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                latest.put(new TopicPartition("crash", partition), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            long onSource = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            assertThat(onSource).as("records on the source").isEqualTo(RECORDS);
        }
    }

    private static long targetCount() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            var infos = consumer.partitionsFor("crash", Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = infos.stream().map(i -> new TopicPartition("crash", i.partition())).toList();
            return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        } catch (org.apache.kafka.common.KafkaException e) {
            return 0;
        }
    }

    /**
     * Reads the target from the beginning, marking every sequence number, until all are seen or the time is up.
     * Counting end offsets would not do: duplicates make the count reach the total before the last records arrive.
     *
     * @return how many records the target holds, duplicates included
     */
    private static long readTargetUntilComplete(BitSet seen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> tps = consumer.partitionsFor("crash", Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition("crash", i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (seen.cardinality() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.set(Integer.parseInt(new String(r.key(), StandardCharsets.UTF_8)));
                }
            }
            // Records on the target beyond the distinct ones are duplicates, whether read above or not.
            return consumer.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, dst);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return new KafkaConsumer<>(p);
    }
}
