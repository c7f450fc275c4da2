package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole cluster killed with SIGKILL while the engine copies records at a steady rate: each cluster runs in a
 * {@code mirador sandbox} child process with a data directory and fixed ports, is killed with {@code kill -9}
 * and started again on the same directory and ports. Every record the source acknowledged must reach the target,
 * without manual action, and the route must copy again within 30 s of the cluster being back.
 */
@Tag("integration")
class BrokerKillTest {

    private static final int PARTITIONS = 4;
    private static final int RATE = 300;
    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);
    private static final EngineSettings SETTINGS = new EngineSettings(1_000, 200, 1_000, 60_000, 1.5);

    @TempDir
    static Path data;
    private static SandboxProcess source;
    private static SandboxProcess target;

    @TempDir
    Path temp;
    private ReplicationStore store;
    private ReplicationEngine engine;
    private Flow flow;

    @BeforeAll
    static void startClusters() throws Exception {
        source = new SandboxProcess("kill-src", data.resolve("src"));
        target = new SandboxProcess("kill-dst", data.resolve("dst"));
        source.launch();
        target.launch();
        source.awaitReady();
        target.awaitReady();
    }

    @AfterAll
    static void stopClusters() throws Exception {
        for (SandboxProcess s : new SandboxProcess[] {source, target}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @AfterEach
    void stopEngine() {
        if (flow != null) {
            flow.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void targetClusterKilledAndRestarted() throws Exception {
        String topic = "kill-target";
        startFlow(topic);
        target.kill();
        int ackedWhileDown = flow.acked.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> flow.acked.get() >= ackedWhileDown + 2 * RATE);
        target.launch();
        target.awaitReady();

        copiesAgainAndLosesNothing(topic);
    }

    @Test
    void sourceClusterKilledAndRestarted() throws Exception {
        String topic = "kill-source";
        startFlow(topic);
        source.kill();
        int failedBefore = flow.failed.get();
        await().atMost(Duration.ofSeconds(60)).until(() -> flow.failed.get() > failedBefore + 10);
        source.launch();
        source.awaitReady();

        copiesAgainAndLosesNothing(topic);
    }

    private void startFlow(String topic) throws Exception {
        TestTopics.create(source.bootstrap, new NewTopic(topic, PARTITIONS, (short) 1));
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = new ReplicationEngine(store, SETTINGS);
        // The test may shorten the delivery timeout (30 s in WorkerClients) to stay short.
        Map<String, String> clients = Map.of("delivery.timeout.ms", "5000", "request.timeout.ms", "2000");
        engine.createCluster(new ClusterConnection("src", source.bootstrap, clients));
        engine.createCluster(new ClusterConnection("dst", target.bootstrap, clients));
        engine.start();
        flow = new Flow(source.bootstrap, topic);
        engine.createRoute(RouteDefinition.of("kill", "src", "dst", topic));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestTopics.endOffsets(target.bootstrap, topic, PARTITIONS) >= RATE);
    }

    /**
     * Within {@link #BACK_WITHIN} of the cluster being back the target holds, counted once each, every record the
     * source had acknowledged until then and a second's worth more; then, the flow stopped, every acknowledged
     * record. Distinct sequence numbers, not end offsets: duplicates from a rewind must not pass for progress.
     */
    private void copiesAgainAndLosesNothing(String topic) {
        int moving = flow.acked.get() + RATE;
        await().atMost(BACK_WITHIN).until(() -> readSequences(target.bootstrap, topic).cardinality() >= moving);
        BitSet acked = flow.stop();
        await().atMost(BACK_WITHIN).untilAsserted(() -> {
            BitSet missing = (BitSet) acked.clone();
            missing.andNot(readSequences(target.bootstrap, topic));
            assertThat(missing.cardinality()).as("acknowledged source records missing on the target, first %s",
                    missing.stream().limit(10).boxed().toList()).isZero();
        });
    }

    private static BitSet readSequences(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        BitSet seen = new BitSet();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new java.util.ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.set(Integer.parseInt(r.value().substring(1)));
                }
            }
        }
        return seen;
    }

    /** Numbered records ({@code v<n>}) at a steady rate; remembers which the source acknowledged. */
    private static final class Flow implements AutoCloseable {
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        private final BitSet ackedSeqs = new BitSet();
        private final KafkaProducer<String, String> producer;
        private final Thread thread;
        private volatile boolean running = true;

        Flow(String bootstrap, String topic) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            long period = TimeUnit.SECONDS.toNanos(1) / RATE;
            thread = new Thread(() -> {
                long next = System.nanoTime();
                for (int seq = 0; running; seq++) {
                    int n = seq;
                    try {
                        producer.send(new ProducerRecord<>(topic, n % PARTITIONS, "k" + n, "v" + n), (md, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                                return;
                            }
                            synchronized (ackedSeqs) {
                                ackedSeqs.set(n);
                            }
                            acked.incrementAndGet();
                        });
                    } catch (RuntimeException e) {
                        failed.incrementAndGet(); // the source is down: not acknowledged
                    }
                    next += period;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    } else if (-wait > TimeUnit.SECONDS.toNanos(1)) {
                        next = System.nanoTime(); // after a blocked send: keep the rate, no burst
                    }
                }
            }, "flow-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        BitSet stop() {
            running = false;
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.flush();
            synchronized (ackedSeqs) {
                return (BitSet) ackedSeqs.clone();
            }
        }

        @Override
        public void close() {
            running = false;
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** One cluster in a {@code mirador sandbox} child process, on a fixed data directory and port base. */
    private static final class SandboxProcess {
        private static final Pattern CLUSTER_LINE = Pattern.compile("cluster (\\S+) bootstrap=(\\S+)");
        private final String name;
        private final Path dir;
        private final int portBase = freePortBase(2);
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private Process process;
        volatile String bootstrap;

        SandboxProcess(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        void launch() throws IOException {
            lines.clear();
            process = SandboxProcessTest.start("sandbox", "--clusters", name, "--data-dir", dir.toString(),
                    "--port-base", Integer.toString(portBase));
            Process p = process;
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "sandbox-out-" + name);
            pump.setDaemon(true);
            pump.start();
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(150)).until(() -> lines.contains("ready") || !process.isAlive());
            assertThat(process.isAlive()).as("sandbox %s started: %s", name, lines).isTrue();
            Matcher m = CLUSTER_LINE.matcher(lines.get(0));
            assertThat(m.matches()).as(lines.get(0)).isTrue();
            String address = m.group(2);
            assertThat(bootstrap == null || bootstrap.equals(address)).as("same address after a restart").isTrue();
            bootstrap = address;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        void stop() throws Exception {
            if (process != null && process.isAlive()) {
                SandboxProcessTest.sigterm(process);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        private static int freePortBase(int count) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
                boolean free = true;
                for (int port = base; port < base + count && free; port++) {
                    try (ServerSocket s = new ServerSocket()) {
                        s.setReuseAddress(true);
                        s.bind(new InetSocketAddress("127.0.0.1", port));
                    } catch (IOException e) {
                        free = false;
                    }
                }
                if (free) {
                    return base;
                }
            }
            throw new IllegalStateException("no " + count + " consecutive free ports");
        }
    }
}
