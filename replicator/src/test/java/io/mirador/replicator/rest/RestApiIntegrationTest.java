package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.clients.admin.Admin;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole API over a socket, against a real engine with an H2 file store and two embedded clusters shared by
 * the class. Each test uses its own routes and topics; the route named {@code default} belongs to the
 * uReplicator test.
 */
@Tag("integration")
class RestApiIntegrationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;
    private static Sandbox sandbox;
    private static String src;
    private static String dst;
    private static ReplicationStore store;
    private static ReplicationEngine engine;
    private static RestServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        sandbox = new Sandbox(new SandboxSpec(List.of("src", "dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("dst").orElseThrow().bootstrapServers();
        store = JdbcReplicationStore.open(temp.resolve("state").toString());
        engine = new ReplicationEngine(store, TestEngines.FAST);
        engine.start();
        server = new RestServer(RestServerConfig.defaults(engine).withPort(0)).start();
        assertThat(call("POST", "/api/v1/clusters", cluster("src", src)).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/clusters", cluster("dst", dst)).statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (store != null) {
            store.close();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    @Test
    void clustersDuplicateAndMaskedSecrets() throws Exception {
        HttpResponse<String> duplicate = call("POST", "/api/v1/clusters", cluster("src", src));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).get("error").asText()).isEqualTo("conflict");

        String secure = "{\"name\":\"secure\",\"bootstrapServers\":\"" + src + "\",\"properties\":{"
                + "\"security.protocol\":\"SASL_SSL\",\"sasl.jaas.config\":\"x required password=\\\"pw-123\\\";\","
                + "\"ssl.keystore.password\":\"ks-456\"}}";
        assertThat(call("POST", "/api/v1/clusters", secure).statusCode()).isEqualTo(201);
        HttpResponse<String> shown = call("GET", "/api/v1/clusters/secure", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("pw-123").doesNotContain("ks-456");
        assertThat(json(shown).at("/properties/sasl.jaas.config").asText()).isEqualTo("******");
        assertThat(call("GET", "/api/v1/clusters", null).body()).doesNotContain("pw-123").contains("\"src\"");
        assertThat(call("DELETE", "/api/v1/clusters/secure", null).statusCode()).isEqualTo(204);
    }

    @Test
    void routeCopiesRecordsAndReportsStatusAndMetrics() throws Exception {
        createTopic(src, "orders", 2);
        HttpResponse<String> created = call("POST", "/api/v1/routes",
                "{\"name\":\"copy\",\"source\":\"src\",\"target\":\"dst\",\"topics\":[\"orders\"],\"workers\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/routes/copy");

        produce(src, "orders", 0, 30);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "orders").size() == 30);
        assertThat(readAll(dst, "orders")).extracting(ConsumerRecord::value).containsAll(values(0, 30));

        await().atMost(COPY_TIMEOUT).untilAsserted(() -> {
            JsonNode status = json(call("GET", "/api/v1/routes/copy/status", null));
            assertThat(status.get("state").asText()).isEqualTo("RUNNING");
            assertThat(status.get("partitions")).hasSize(2);
            assertThat(status.get("lag").asLong()).isZero();
            long checkpoints = 0;
            for (JsonNode p : status.get("partitions")) {
                assertThat(p.get("topic").asText()).isEqualTo("orders");
                assertThat(p.get("lag").asLong()).isZero();
                assertThat(p.has("worker") && p.has("sourceEndOffset") && p.has("latencyP99Ms")
                        && p.has("recordsPerSecond") && p.has("state")).isTrue();
                checkpoints += p.get("checkpoint").asLong();
            }
            assertThat(checkpoints).isEqualTo(30);
        });

        HttpResponse<String> metrics = call("GET", "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("mirador_route_lag_records{route=\"copy\"} 0");

        JsonNode events = json(call("GET", "/api/v1/events?route=copy&limit=50", null));
        assertThat(events).isNotEmpty();
        assertThat(events.findValuesAsText("route")).containsOnly("copy");
        assertThat(events.findValuesAsText("kind")).contains("route-started");
    }

    @Test
    void pauseStopsCopyingAndResumeCatchesUp() throws Exception {
        createTopic(src, "pausable", 1);
        assertThat(call("POST", "/api/v1/routes",
                "{\"name\":\"pausing\",\"source\":\"src\",\"target\":\"dst\",\"topics\":[\"pausable\"]}").statusCode())
                .isEqualTo(201);
        produce(src, "pausable", 0, 5);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "pausable").size() == 5);

        HttpResponse<String> paused = call("POST", "/api/v1/routes/pausing/pause", null);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).get("state").asText()).isEqualTo("PAUSED");
        assertThat(json(call("GET", "/api/v1/routes/pausing", null)).get("paused").asBoolean()).isTrue();
        produce(src, "pausable", 5, 10);
        // Nothing may arrive while paused: the count must hold for a whole window, then resume catches up.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> readAll(dst, "pausable").size() == 5);

        HttpResponse<String> resumed = call("POST", "/api/v1/routes/pausing/resume", null);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).get("state").asText()).isEqualTo("RUNNING");
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "pausable").size() == 10);
    }

    @Test
    void whitelistOverBothApis() throws Exception {
        createTopic(src, "wl-a", 1);
        createTopic(src, "wl-b", 1);
        createTopic(src, "wl-c", 1);
        assertThat(call("POST", "/api/v1/routes",
                "{\"name\":\"default\",\"source\":\"src\",\"target\":\"dst\",\"topics\":[\"wl-a\"]}").statusCode())
                .isEqualTo(201);

        HttpResponse<String> added = call("POST", "/api/v1/routes/default/topics", "{\"topics\":[\"wl-b\"]}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("topics").toString()).isEqualTo("[\"wl-a\",\"wl-b\"]");
        produce(src, "wl-b", 0, 4);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "wl-b").size() == 4);

        HttpResponse<String> uAdded = call("POST", "/topics", "{\"topic\":\"wl-c\",\"numPartitions\":1}");
        assertThat(uAdded.statusCode()).isEqualTo(201);
        assertThat(json(call("GET", "/topics", null)).toString()).isEqualTo("[\"wl-a\",\"wl-b\",\"wl-c\"]");
        produce(src, "wl-c", 0, 3);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "wl-c").size() == 3);
        await().atMost(COPY_TIMEOUT).untilAsserted(() -> {
            HttpResponse<String> info = call("GET", "/topics/wl-c", null);
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(json(info).get("numPartitions").asInt()).isEqualTo(1);
        });

        assertThat(call("DELETE", "/topics/wl-c", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/topics/wl-c", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/routes/default/topics/wl-b", null).statusCode()).isEqualTo(204);
        assertThat(json(call("GET", "/api/v1/routes/default/topics", null)).get("topics").toString()).isEqualTo("[\"wl-a\"]");
        assertThat(call("DELETE", "/api/v1/routes/default/topics/wl-b", null).statusCode()).isEqualTo(404);
    }

    @Test
    void errorsOverTheWire() throws Exception {
        HttpResponse<String> badJson = call("POST", "/api/v1/routes", "{\"name\": \"x\", ");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(badJson).get("error").asText()).isEqualTo("bad_request");

        HttpResponse<String> unknown = call("GET", "/api/v1/routes/no-such-route", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("message").asText()).contains("no-such-route");
        assertThat(call("GET", "/api/v1/routes/no-such-route/status", null).statusCode()).isEqualTo(404);

        HttpResponse<String> tooLarge = call("POST", "/api/v1/clusters", "{\"name\":\"" + "x".repeat(2 << 20) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("error").asText()).isEqualTo("payload_too_large");

        HttpResponse<String> wrongMethod = call("PATCH", "/api/v1/routes", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
    }

    @Test
    void tokenProtectedServerOnTheSameEngine() throws Exception {
        try (RestServer guarded = new RestServer(RestServerConfig.defaults(engine).withPort(0).withToken("tok-789")).start()) {
            URI routes = guarded.uri().resolve("/api/v1/routes");
            assertThat(HTTP.send(HttpRequest.newBuilder(routes).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(401);
            assertThat(HTTP.send(HttpRequest.newBuilder(routes).header("Authorization", "Bearer tok-78").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(routes).header("Authorization", "Bearer tok-789")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(json(ok).isArray()).isTrue();
        }
    }

    // ---- helpers

    @Test
    void failoverPreviewThenFailoverThenFailbackOverHttp() throws Exception {
        createTopic(src, "ledger", 1);
        produce(src, "ledger", 0, 40);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.<String, Object>of("bootstrap.servers", src))) {
            admin.alterConsumerGroupOffsets("ledger-readers", java.util.Map.of(
                    new org.apache.kafka.common.TopicPartition("ledger", 0),
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(25))).all().get();
        }
        assertThat(call("POST", "/api/v1/routes", "{\"name\":\"dr\",\"source\":\"src\",\"target\":\"dst\","
                + "\"topics\":[\"ledger\"],\"syncGroupOffsets\":true}").statusCode()).isEqualTo(201);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(dst, "ledger").size() == 40);
        await().atMost(COPY_TIMEOUT).untilAsserted(() -> {
            JsonNode groups = json(call("GET", "/api/v1/routes/dr/groups", null));
            assertThat(groups.at("/groups/0/group").asText()).isEqualTo("ledger-readers");
            assertThat(groups.at("/groups/0/partitions/0/targetOffset").asLong()).isEqualTo(25);
        });
        assertThat(call("GET", "/metrics", null).body()).contains("mirador_route_group_sync_age_seconds{route=\"dr\"}");

        assertThat(call("POST", "/api/v1/routes/dr/failback", null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/routes/dr/failover?drainSeconds=soon", null).statusCode()).isEqualTo(400);
        JsonNode preview = json(call("POST", "/api/v1/routes/dr/failover?preview=true", null));
        assertThat(preview.get("preview").asBoolean()).isTrue();
        assertThat(json(call("GET", "/api/v1/routes/dr/status", null)).get("state").asText()).isEqualTo("RUNNING");

        HttpResponse<String> failover = call("POST", "/api/v1/routes/dr/failover?drainSeconds=20", null);
        assertThat(failover.statusCode()).isEqualTo(200);
        JsonNode report = json(failover);
        assertThat(report.get("unmirroredRecords").asLong()).isZero();
        assertThat(report.get("failbackRoute").asText()).isEqualTo("dr-failback");
        assertThat(report.at("/groups/0/partitions/0/targetOffset").asLong()).isEqualTo(25);
        assertThat(report.at("/partitions/0/targetResumeOffset").asLong()).isEqualTo(40);
        assertThat(json(call("GET", "/api/v1/routes/dr/status", null)).get("state").asText()).isEqualTo("PAUSED");

        HttpResponse<String> failback = call("POST", "/api/v1/routes/dr/failback", null);
        assertThat(failback.statusCode()).isEqualTo(200);
        assertThat(json(failback).get("source").asText()).isEqualTo("dst");
        assertThat(json(failback).get("target").asText()).isEqualTo("src");
        produce(dst, "ledger", 100, 105);
        await().atMost(COPY_TIMEOUT).until(() -> readAll(src, "ledger").size() == 45);
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path)).method(method, publisher)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static String cluster(String name, String bootstrap) {
        return "{\"name\":\"" + name + "\",\"bootstrapServers\":\"" + bootstrap + "\"}";
    }

    private static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private static List<String> values(int from, int to) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < to; i++) {
            values.add("value-" + i);
        }
        return values;
    }

    private static void produce(String bootstrap, String topic, int from, int to) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String value : values(from, to)) {
                producer.send(new ProducerRecord<>(topic, value, value));
            }
            producer.flush();
        }
    }

    /** Every record now in {@code topic} (empty when it does not exist yet), read with manual assignment. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).getOrDefault(topic, List.of())
                    .stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
