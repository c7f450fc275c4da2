package io.mirador.cluster.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A plain cluster has no authorizer (a clear message, no stack trace) but does keep client quotas. */
@Tag("integration")
class PlainClusterAclAndQuotaTest {

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;
    private static QuotaAdmin quotas;

    @BeforeAll
    static void start() {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("acl-plain").build());
        cluster.start();
        client = new ClusterClient(new ClusterConnection("acl-plain", cluster.bootstrapServers()), Duration.ofSeconds(10));
        quotas = new QuotaAdmin(client);
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.stop();
    }

    @Test
    void aclsExplainThatThereIsNoAuthorizer() {
        AclAdmin acls = new AclAdmin(client);
        assertThatThrownBy(acls::list).isInstanceOf(NoAuthorizerException.class)
                .hasMessage("this cluster has no authorizer: ACLs are not enforced or stored");
        assertThatThrownBy(() -> acls.create(AclEntry.allow("User:alice", AclOperation.READ, ResourceType.TOPIC, "t")))
                .isInstanceOf(NoAuthorizerException.class)
                .hasMessage(NoAuthorizerException.MESSAGE);
    }

    @Test
    void altersListsAndDeletesClientQuotas() {
        QuotaEntity alice = QuotaEntity.user("alice");
        QuotaEntity reporting = QuotaEntity.clientId("reporting");
        QuotaEntity both = QuotaEntity.userAndClientId(QuotaEntity.DEFAULT, "reporting");
        quotas.alter(alice, Map.of(QuotaAdmin.PRODUCER_BYTE_RATE, 1024.0, QuotaAdmin.CONSUMER_BYTE_RATE, 2048.0));
        quotas.alter(reporting, Map.of(QuotaAdmin.REQUEST_PERCENTAGE, 50.0));
        quotas.alter(both, Map.of(QuotaAdmin.CONSUMER_BYTE_RATE, 4096.0));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(quotas.list()).containsExactly(
                new ClientQuota(reporting, Map.of(QuotaAdmin.REQUEST_PERCENTAGE, 50.0)),
                new ClientQuota(both, Map.of(QuotaAdmin.CONSUMER_BYTE_RATE, 4096.0)),
                new ClientQuota(alice, Map.of(QuotaAdmin.PRODUCER_BYTE_RATE, 1024.0,
                        QuotaAdmin.CONSUMER_BYTE_RATE, 2048.0))));
        assertThat(both.describe()).isEqualTo("default user, client id reporting");

        quotas.delete(alice, List.of(QuotaAdmin.CONSUMER_BYTE_RATE));
        quotas.alter(alice, Map.of(QuotaAdmin.PRODUCER_BYTE_RATE, 512.0));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(quotas.get(alice))
                .contains(new ClientQuota(alice, Map.of(QuotaAdmin.PRODUCER_BYTE_RATE, 512.0))));

        quotas.delete(alice);
        quotas.delete(reporting);
        quotas.delete(both);
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(quotas.list()).isEmpty());
    }

    @Test
    void rejectsUnknownKeysAndNonPositiveLimits() {
        QuotaEntity bob = QuotaEntity.user("bob");
        assertThatThrownBy(() -> quotas.alter(bob, Map.of("producer_rate", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown quota producer_rate: use one of [consumer_byte_rate, controller_mutation_rate,"
                        + " producer_byte_rate, request_percentage]");
        assertThatThrownBy(() -> quotas.alter(bob, Map.of(QuotaAdmin.CONSUMER_BYTE_RATE, 0.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid consumer_byte_rate 0.0 for user bob: use a positive number");
        assertThatThrownBy(() -> new QuotaEntity(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(quotas.get(bob)).isEmpty();
    }
}
