package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.rest.RestServer;
import io.mirador.replicator.rest.RestServerConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirador failover} and {@code failback}: on a state file no process uses (a stopped mirror's), and against a
 * running replicator's REST API; a replicator that is not there is named in one line.
 */
@Tag("integration")
class FailoverCommandTest {

    private static Sandbox sandbox;
    private static String src;
    private static String dst;

    @TempDir
    Path home;

    @BeforeAll
    static void startClusters() {
        sandbox = new Sandbox(new SandboxSpec(List.of("fo-src", "fo-dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("fo-src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("fo-dst").orElseThrow().bootstrapServers();
    }

    @AfterAll
    static void stopClusters() {
        sandbox.stop();
    }

    @Test
    void failoverAndFailbackOnAStoppedMirrorsState() throws Exception {
        TestTopics.create(src, new NewTopic("fo.orders", 2, (short) 1));
        TestTopics.produce(src, 500, i -> new ProducerRecord<>("fo.orders", i % 2, "k" + i, "v" + i));
        commit("fo-app", "fo.orders", 0, 100);
        String state = home.resolve("state").toString();
        try (ReplicationStore store = JdbcReplicationStore.open(state)) {
            ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
            engine.createCluster(new ClusterConnection("fo-src", src));
            engine.createCluster(new ClusterConnection("fo-dst", dst));
            engine.createRoute(RouteDefinition.of("orders", "fo-src", "fo-dst", "fo\\..*"));
            engine.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.status("orders").copiedRecords() >= 300);
            engine.close(); // stopped before it copied everything, perhaps: failover drains the rest
        }

        CliTest.Result result = CliTest.run("failover", "--route", "orders", "--state", state, "--drain-seconds", "60");

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("failed over route orders", "not on the target: 0 records",
                "fo-app", "EXACT", "mirador failback --route orders", "orders-failback");
        assertThat(TestTopics.endOffsets(dst, "fo.orders", 2)).isEqualTo(500);

        CliTest.Result back = CliTest.run("failback", "--route", "orders", "--state", state);
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out()).contains("failing back: route orders-failback copies what fo-dst received since the"
                + " failover to fo-src");
    }

    @Test
    void aPreviewThroughARunningReplicatorChangesNothing() throws Exception {
        TestTopics.create(src, new NewTopic("fo.preview", 1, (short) 1));
        TestTopics.produce(src, 50, i -> new ProducerRecord<>("fo.preview", 0, "k" + i, "v" + i));
        try (ReplicationStore store = JdbcReplicationStore.open(home.resolve("live").toString())) {
            ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
            engine.createCluster(new ClusterConnection("fo-src", src));
            engine.createCluster(new ClusterConnection("fo-dst", dst));
            engine.createRoute(RouteDefinition.of("live", "fo-src", "fo-dst", "fo\\.preview"));
            engine.start();
            try (RestServer server = new RestServer(RestServerConfig.defaults(engine).withPort(0)).start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> engine.status("live").copiedRecords() >= 50);
                CliTest.Result result = CliTest.run("failover", "--route", "live", "--preview", "--url",
                        server.uri().toString(), "--json");
                assertThat(result.code()).as(result.err()).isZero();
                assertThat(result.out()).contains("\"preview\" : true", "\"unmirroredRecords\" : 0");
                assertThat(engine.status("live").state()).isEqualTo("RUNNING");
                assertThat(engine.route("live-failback")).isEmpty();

                CliTest.Result unknown = CliTest.run("failover", "--route", "nope", "--url", server.uri().toString());
                assertThat(unknown.code()).isEqualTo(1);
                assertThat(unknown.errLines()).singleElement().asString().contains("nope");
            } finally {
                engine.close();
            }
        }
    }

    @Test
    void aReplicatorThatIsNotThereIsNamed() {
        CliTest.Result result = CliTest.run("failover", "--route", "x", "--url", "http://127.0.0.1:1");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .contains("no mirador replicator answers at http://127.0.0.1:1");
    }

    private static void commit(String group, String topic, int partition, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", src))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, partition),
                    new OffsetAndMetadata(offset))).all().get();
        }
    }
}
