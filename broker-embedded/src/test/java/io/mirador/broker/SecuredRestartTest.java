package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-broker SCRAM cluster without authorizer on a persistent data directory: brokers replicate over their
 * inter-broker listener, and users added to the spec before a restart can log in afterwards.
 */
@Tag("integration")
class SecuredRestartTest {

    @TempDir
    static Path dataDir;
    private static EmbeddedKafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(spec().build());
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    private static ClusterSpec.Builder spec() {
        return ClusterSpec.builder("secured-restart").brokers(2).dataDir(dataDir)
                .sasl(SaslMechanism.SCRAM_SHA_512).user("alice", "alice-secret");
    }

    @Test
    void replicatesAcrossBrokersAndKeepsUsersAcrossARestartWithAnAddedUser() throws Exception {
        try (Admin admin = admin(cluster.clientProperties("alice"))) {
            admin.createTopics(List.of(new NewTopic("replicated", 2, (short) 2))).all().get();
            assertThat(admin.describeCluster().nodes().get()).hasSize(2);
        }
        try (Admin carol = admin(EmbeddedKafkaCluster.clientProperties(SaslMechanism.SCRAM_SHA_512, "carol", "carol-secret"))) {
            assertThatThrownBy(() -> carol.listTopics().names().get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        cluster.stop();
        cluster = new EmbeddedKafkaCluster(spec().user("carol", "carol-secret").build());
        cluster.start();
        try (Admin carol = admin(cluster.clientProperties("carol"))) {
            assertThat(carol.listTopics().names().get()).contains("replicated");
        }
        try (Admin alice = admin(cluster.clientProperties("alice"))) {
            // The follower rejoins the ISR over the inter-broker listener after the restart.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    alice.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated").partitions())
                    .allSatisfy(p -> assertThat(p.isr()).hasSize(2)));
        }
    }

    private static Admin admin(Map<String, String> security) {
        Map<String, Object> p = new HashMap<>(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        return Admin.create(p);
    }
}
