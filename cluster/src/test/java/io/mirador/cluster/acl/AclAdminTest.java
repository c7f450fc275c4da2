package io.mirador.cluster.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.SaslMechanism;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ACLs on a SCRAM cluster with the StandardAuthorizer, managed by its admin user. */
@Tag("integration")
class AclAdminTest {

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient adminClient;
    private static AclAdmin acls;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("acl-secured")
                .sasl(SaslMechanism.SCRAM_SHA_256)
                .user("admin", "admin-secret")
                .user("alice", "alice-secret")
                .user("dave", "dave-secret")
                .authorizer("admin")
                .build());
        cluster.start();
        adminClient = client("admin");
        acls = new AclAdmin(adminClient);
    }

    @AfterAll
    static void stop() {
        adminClient.close();
        cluster.stop();
    }

    @Test
    void createsListsAndDeletesExactBindings() {
        AclEntry read = AclEntry.allow("User:alice", AclOperation.READ, ResourceType.TOPIC, "orders");
        AclEntry prefixed = new AclEntry("User:alice", "127.0.0.1", AclOperation.WRITE, AclPermissionType.ALLOW,
                ResourceType.TOPIC, "logs-", PatternType.PREFIXED);
        AclEntry deny = new AclEntry("User:alice", null, AclOperation.READ, AclPermissionType.DENY,
                ResourceType.GROUP, "billing", PatternType.LITERAL);
        acls.create(List.of(read, prefixed, deny));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(acls.list()).contains(read, prefixed, deny));
        assertThat(deny.host()).isEqualTo("*");
        // Sorted by resource type, then name: the GROUP first, then topic "logs-" before "orders".
        assertThat(acls.list()).filteredOn(e -> e.principal().equals("User:alice"))
                .extracting(AclEntry::resourceName).containsExactly("billing", "logs-", "orders");

        // Not the prefixed binding: an exact binding on the literal name "logs-" does not exist.
        assertThat(acls.delete(new AclEntry("User:alice", "127.0.0.1", AclOperation.WRITE, AclPermissionType.ALLOW,
                ResourceType.TOPIC, "logs-", PatternType.LITERAL))).isZero();
        assertThat(acls.delete(prefixed)).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(acls.list()).contains(read, deny).doesNotContain(prefixed));
        assertThat(acls.delete(read)).isEqualTo(1);
        assertThat(acls.delete(deny)).isEqualTo(1);
    }

    @Test
    void aCreatedAclTakesEffect() throws Exception {
        adminClient.admin().createTopics(List.of(new NewTopic("visible", 1, (short) 1))).all().get();
        try (ClusterClient dave = client("dave")) {
            assertThat(dave.admin().listTopics().names().get()).doesNotContain("visible");
            acls.create(AclEntry.allow("User:dave", AclOperation.DESCRIBE, ResourceType.TOPIC, "visible"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(dave.admin().listTopics().names().get()).contains("visible"));
        }
    }

    @Test
    void userWithoutAclsCannotManageAcls() {
        try (ClusterClient alice = client("alice")) {
            AclAdmin aliceAcls = new AclAdmin(alice);
            assertThatThrownBy(aliceAcls::list).isInstanceOf(ClusterException.class)
                    .isNotInstanceOf(NoAuthorizerException.class)
                    .hasMessage("cannot list ACLs on cluster acl-secured: not authorised (needs DESCRIBE on the cluster)");
            assertThatThrownBy(() -> aliceAcls.create(AclEntry.allow("User:alice", AclOperation.ALL,
                    ResourceType.CLUSTER, AclEntry.CLUSTER_NAME)))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("cannot create ACL ALLOW User:alice from * to ALL CLUSTER kafka-cluster (LITERAL) on"
                            + " cluster acl-secured: not authorised (needs ALTER on the cluster)");
        }
    }

    @Test
    void rejectsEntriesKafkaCouldNotStore() {
        assertThatThrownBy(() -> AclEntry.allow("alice", AclOperation.READ, ResourceType.TOPIC, "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid principal 'alice': use Type:name, for example User:alice (User:* for everyone)");
        assertThatThrownBy(() -> AclEntry.allow("User:alice", AclOperation.ANY, ResourceType.TOPIC, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid operation ANY for an ACL");
        assertThatThrownBy(() -> new AclEntry("User:alice", "*", AclOperation.READ, AclPermissionType.ALLOW,
                ResourceType.TOPIC, "t", PatternType.MATCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid pattern type MATCH for an ACL");
    }

    private static ClusterClient client(String user) {
        Map<String, String> security = cluster.clientProperties(user);
        return new ClusterClient(new ClusterConnection("acl-secured", cluster.bootstrapServers(), security),
                Duration.ofSeconds(10));
    }
}
