package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, stopping and restarting: persistence, side-by-side clusters, and the clear errors. */
@Tag("integration")
class SandboxLifecycleTest {

    @TempDir
    Path temp;

    @Test
    void restartOnAPersistentDirectoryKeepsTopicsAndRecords() throws Exception {
        ClusterSpec spec = ClusterSpec.builder("persistent").dataDir(temp.resolve("data")).build();
        String clusterId;
        try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(spec)) {
            cluster.start();
            clusterId = cluster.clusterId();
            produce(cluster.bootstrapServers(), "kept", 25);
        }
        try (EmbeddedKafkaCluster again = new EmbeddedKafkaCluster(spec)) {
            again.start();
            assertThat(again.clusterId()).isEqualTo(clusterId);
            assertThat(consumeAll(again.bootstrapServers(), "kept", 25)).hasSize(25).contains("v0", "v24");
        }
    }

    @Test
    void twoClustersRunSideBySideWithDemoDataInTheFirst() throws Exception {
        try (Sandbox sandbox = new Sandbox(new SandboxSpec(List.of("left", "right"), 1, null, 0, true, 50))) {
            sandbox.start();
            EmbeddedKafkaCluster left = sandbox.cluster("left").orElseThrow();
            EmbeddedKafkaCluster right = sandbox.cluster("right").orElseThrow();
            assertThat(left.state()).isEqualTo(ClusterState.RUNNING);
            assertThat(right.state()).isEqualTo(ClusterState.RUNNING);
            assertThat(left.clusterId()).isNotEqualTo(right.clusterId());
            assertThat(left.bootstrapServers()).isNotEqualTo(right.bootstrapServers());
            try (Admin a = Admin.create(Map.of("bootstrap.servers", left.bootstrapServers()));
                 Admin b = Admin.create(Map.of("bootstrap.servers", right.bootstrapServers()))) {
                assertThat(a.listTopics().names().get()).containsAll(DemoEvents.TOPICS.keySet());
                assertThat(b.listTopics().names().get()).doesNotContainAnyElementsOf(DemoEvents.TOPICS.keySet());
            }
            List<String> events = consumeAll(left.bootstrapServers(), DemoEvents.PAGE_VIEWS, 10);
            assertThat(events).isNotEmpty().allSatisfy(v -> assertThat(v).contains("\"type\":\"page_view\""));
            long before = sandbox.demo().orElseThrow().produced();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> sandbox.demo().orElseThrow().produced() > before);
        }
    }

    @Test
    void stopFreesThePorts() {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("ports").build());
        cluster.start();
        int port = cluster.brokers().get(0).port();
        assertThat(Ports.isFree(port)).isFalse();
        cluster.stop();
        assertThat(cluster.state()).isEqualTo(ClusterState.STOPPED);
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void aPortInUseIsRefusedWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(
                    ClusterSpec.builder("busy").portBase(taken.getLocalPort()).build());
            assertThatThrownBy(cluster::start)
                    .isInstanceOf(SandboxException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: "
                            + "stop what holds it or choose another port base");
            assertThat(cluster.state()).isEqualTo(ClusterState.FAILED);
        }
    }

    @Test
    void aDirectoryOfAnotherClusterIsRefused() {
        Path dir = temp.resolve("owned");
        try (EmbeddedKafkaCluster first = new EmbeddedKafkaCluster(ClusterSpec.builder("owner").dataDir(dir).build())) {
            first.start();
        }
        EmbeddedKafkaCluster intruder = new EmbeddedKafkaCluster(ClusterSpec.builder("owner").dataDir(dir)
                .clusterId("AAAAAAAAAAAAAAAAAAAAAA").build());
        assertThatThrownBy(intruder::start)
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("belongs to cluster id")
                .hasMessageContaining("not AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void aReadOnlyDirectoryIsRefused() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("readonly"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean rootIgnoresPermissions = Files.isWritable(dir) && "root".equals(System.getProperty("user.name"));
        Path target = rootIgnoresPermissions ? Files.writeString(temp.resolve("a-file"), "x") : dir;
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("ro").dataDir(target).build());
        assertThatThrownBy(cluster::start)
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("data directory " + target + " is not writable");
    }

    @Test
    void invalidSpecsAreRefusedBeforeStarting() {
        assertThatThrownBy(() -> ClusterSpec.builder("x").brokers(0).build()).hasMessage("invalid broker count 0: use 1 to 9");
        assertThatThrownBy(() -> ClusterSpec.builder("bad name").build()).hasMessageStartingWith("invalid cluster name 'bad name'");
        assertThatThrownBy(() -> new SandboxSpec(List.of("a", "a"), 1, null, 0, false, 0))
                .hasMessage("cluster names must be unique: a,a");
    }

    static void produce(String bootstrap, String topic, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
            }
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
