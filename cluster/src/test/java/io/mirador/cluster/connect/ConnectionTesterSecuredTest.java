package io.mirador.cluster.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.SaslMechanism;
import io.mirador.cluster.ClusterConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection tests against a SCRAM cluster with the StandardAuthorizer: log-in and authorisation failures. */
@Tag("integration")
class ConnectionTesterSecuredTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final Duration SHORT_BUDGET = Duration.ofSeconds(4);

    private static EmbeddedKafkaCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("conn-secured")
                .sasl(SaslMechanism.SCRAM_SHA_256, SaslMechanism.SCRAM_SHA_512)
                .user("admin", "admin-secret")
                .user("alice", "alice-secret")
                .user("carol", "carol-secret")
                .authorizer("admin")
                .build());
        cluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.stop();
    }

    @Test
    void superUserConnectsAndSeesTheClusterIdAndBrokers() {
        ConnectionResult result = ConnectionTester.test(connection(cluster.clientProperties("admin")), BUDGET);
        assertThat(result.ok()).as(result.reason()).isTrue();
        assertThat(result.clusterId()).isEqualTo(cluster.clusterId());
        assertThat(result.brokerCount()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("connected to cluster " + cluster.clusterId() + " with 1 broker");
        assertThat(result.elapsed()).isLessThan(BUDGET);
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        ConnectionResult result = ConnectionTester.test(connection(
                EmbeddedKafkaCluster.clientProperties(SaslMechanism.SCRAM_SHA_512, "alice", "guessed-wrong")), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason()).isEqualTo("authentication failed for user alice: wrong user name or password");
    }

    @Test
    void unknownUserIsAnAuthenticationFailure() {
        ConnectionResult result = ConnectionTester.test(connection(
                EmbeddedKafkaCluster.clientProperties(SaslMechanism.SCRAM_SHA_256, "mallory", "x-secret")), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason()).isEqualTo("authentication failed for user mallory: wrong user name or password");
    }

    @Test
    void userWithoutAclsIsNotAuthorised() {
        ConnectionResult result = ConnectionTester.test(connection(cluster.clientProperties("alice")), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason()).isEqualTo("connected as alice, but not authorised to describe the cluster");
    }

    @Test
    void userIsAuthorisedOnceAllowedToDescribeTheCluster() throws Exception {
        ClusterConnection carol = connection(cluster.clientProperties("carol"));
        assertThat(ConnectionTester.test(carol, BUDGET).reason())
                .isEqualTo("connected as carol, but not authorised to describe the cluster");
        try (Admin admin = Admin.create(adminProps())) {
            admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                    new AccessControlEntry("User:carol", "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW))))
                    .all().get();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ConnectionTester.test(carol, BUDGET).ok());
    }

    @Test
    void plaintextClientToTheSaslListenerIsAProtocolMismatch() {
        ConnectionResult result = ConnectionTester.test(connection(Map.of()), SHORT_BUDGET);
        assertFailed(result, SHORT_BUDGET);
        assertThat(result.reason()).isEqualTo("a port is open at " + cluster.bootstrapServers()
                + " but no Kafka broker answered using PLAINTEXT within 4 s: check security.protocol"
                + " (the listener may expect SASL_PLAINTEXT, SSL or SASL_SSL)");
    }

    @Test
    void mechanismTheClusterDoesNotOfferIsNamed() {
        ConnectionResult result = ConnectionTester.test(connection(
                EmbeddedKafkaCluster.clientProperties(SaslMechanism.PLAIN, "alice", "alice-secret")), BUDGET);
        assertFailed(result, BUDGET);
        assertThat(result.reason()).startsWith("the cluster does not accept SASL mechanism PLAIN: check sasl.mechanism");
    }

    @Test
    void importedPropertiesFileConnectsAndKeepsItsSecretsHidden() throws Exception {
        Path file = dir.resolve("secured-admin.properties");
        StringBuilder text = new StringBuilder("# exported from a Kafka install\n")
                .append("bootstrap.servers=").append(cluster.bootstrapServers()).append('\n');
        cluster.clientProperties("admin", SaslMechanism.SCRAM_SHA_512)
                .forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text);

        ClusterConnection imported = ClientProperties.fromPropertiesFile(file);
        assertThat(imported.name()).isEqualTo("secured-admin");
        assertThat(imported.bootstrapServers()).isEqualTo(cluster.bootstrapServers());
        assertThat(imported.properties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", cluster.clientProperties("admin", SaslMechanism.SCRAM_SHA_512)
                        .get("sasl.jaas.config"));
        assertThat(imported.toString()).contains("SCRAM-SHA-512").doesNotContain("admin-secret");
        ConnectionResult result = ConnectionTester.test(imported, BUDGET);
        assertThat(result.ok()).as(result.reason()).isTrue();

        Path exported = dir.resolve("again.properties");
        ClientProperties.writePropertiesFile(imported, exported);
        ClusterConnection again = ClientProperties.fromPropertiesFile("again", exported);
        assertThat(again).isEqualTo(new ClusterConnection("again", imported.bootstrapServers(), imported.properties()));
    }

    static void assertFailed(ConnectionResult result, Duration budget) {
        assertThat(result.ok()).as(result.reason()).isFalse();
        assertThat(result.clusterId()).isNull();
        assertThat(result.elapsed()).isLessThan(budget.plusSeconds(3));
        assertThat(result.reason()).doesNotContain("secret").doesNotContain("\n");
    }

    private static ClusterConnection connection(Map<String, String> security) {
        return new ClusterConnection("conn-secured", cluster.bootstrapServers(), security);
    }

    private static Map<String, Object> adminProps() {
        Map<String, Object> p = new HashMap<>(cluster.clientProperties("admin"));
        p.put("bootstrap.servers", cluster.bootstrapServers());
        return p;
    }
}
