package io.mirador.ui.page.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.SaslMechanism;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.QuotaAdmin;
import io.mirador.cluster.acl.QuotaEntity;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaSecuritySource;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The view-model against real clusters, reached the way the app reaches them: saved connections in
 * {@link Connections}, clients from {@link ClusterClients}, {@link KafkaSecuritySource}. A SCRAM cluster with the
 * StandardAuthorizer managed by its admin user, and a plain cluster without authorizer. The direct executor makes
 * the test thread the UI thread, so Awaitility polls in that same thread and "ticks" the poller.
 */
@Tag("integration")
class SecurityViewModelIntegrationTest {

    private static final Duration KAFKA = Duration.ofSeconds(30);

    private static EmbeddedKafkaCluster secured;
    private static EmbeddedKafkaCluster plain;

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final List<String> questions = new ArrayList<>();
    private Connections connections;
    private ClusterClients clients;
    private SecurityViewModel model;

    @BeforeAll
    static void startClusters() {
        secured = new EmbeddedKafkaCluster(ClusterSpec.builder("security-ui")
                .sasl(SaslMechanism.SCRAM_SHA_256)
                .user("admin", "admin-secret")
                .user("alice", "alice-secret")
                .authorizer("admin")
                .build());
        plain = new EmbeddedKafkaCluster(ClusterSpec.builder("security-ui-plain").build());
        secured.start();
        plain.start();
    }

    @AfterAll
    static void stopClusters() {
        secured.stop();
        plain.stop();
    }

    @BeforeEach
    void setUp() {
        connections = new Connections(new SandboxService(new FakeSandbox(), executor), ConnectionStore.inMemory(),
                executor);
        save(new ClusterConnection("secured", secured.bootstrapServers(), secured.clientProperties("admin")));
        save(new ClusterConnection("secured-read-only", secured.bootstrapServers(), secured.clientProperties("admin"))
                .withSetting(ClusterConnection.READ_ONLY, "true"));
        save(new ClusterConnection("plain", plain.bootstrapServers()));
        clients = new ClusterClients(connections);
        model = new SecurityViewModel(connections, new KafkaSecuritySource(clients), executor, question -> {
            questions.add(question);
            return true;
        });
    }

    @AfterEach
    void tearDown() {
        model.setActive(false);
        clients.close();
    }

    private void save(ClusterConnection connection) {
        List<Throwable> failures = new ArrayList<>();
        connections.save(connection, null, failure -> {
            if (failure != null) {
                failures.add(failure);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void createsListsAndDeletesAnAclThroughTheAdminConnection() {
        model.selectedClusterProperty().set("secured");
        model.setActive(true);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.noAuthorizerProperty().get()).isFalse();
        assertThat(model.aclWritableBinding().get()).isTrue();

        AclDraft draft = new AclDraft();
        draft.principalProperty().set("User:alice");
        draft.resourceTypeProperty().set(ResourceType.TOPIC);
        draft.resourceNameProperty().set("orders-");
        draft.patternTypeProperty().set(PatternType.PREFIXED);
        draft.operationProperty().set(AclOperation.READ);
        model.createAcl(draft);
        AclEntry created = draft.toEntry();
        assertThat(model.noticeProperty().get()).isEqualTo("Created ACL: " + created.describe() + ".");

        // The poll, not the optimistic update, must find it: clear the local list by switching clusters.
        model.selectedClusterProperty().set("plain");
        model.selectedClusterProperty().set("secured");
        awaitTicking(() -> model.visibleAcls().contains(created));
        model.aclFilterProperty().set("orders-");
        assertThat(model.visibleAcls()).containsExactly(created);

        model.deleteAcls(List.of(created));
        assertThat(questions).singleElement().asString().startsWith("Delete this ACL of cluster secured?");
        assertThat(model.noticeProperty().get()).isEqualTo("Deleted 1 ACL.");
        awaitTicking(() -> model.visibleAcls().isEmpty() && model.aclMessageProperty().get().isEmpty());
    }

    @Test
    void setsAndRemovesAClientQuota() {
        model.selectedClusterProperty().set("secured");
        model.setActive(true);

        QuotaDraft draft = new QuotaDraft();
        draft.userProperty().set("alice");
        draft.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("1048576");
        model.saveQuota(draft);
        assertThat(model.noticeProperty().get()).isEqualTo("Saved the quota of user alice.");

        awaitTicking(() -> model.quotas().stream().anyMatch(q -> q.entity().equals(QuotaEntity.user("alice"))
                && Double.valueOf(1048576).equals(q.limits().get(QuotaAdmin.PRODUCER_BYTE_RATE))));

        model.deleteQuota(model.quotas().stream().filter(q -> q.entity().user().equals("alice")).findFirst()
                .orElseThrow());
        awaitTicking(() -> model.quotas().stream().noneMatch(q -> "alice".equals(q.entity().user())));
    }

    @Test
    void aReadOnlyConnectionListsButRefusesWrites() {
        model.selectedClusterProperty().set("secured-read-only");
        model.setActive(true);

        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.aclMessageProperty().get()).isEmpty();
        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.aclWritableBinding().get()).isFalse();
        assertThat(model.quotaWritableBinding().get()).isFalse();
        // Even a caller that skips the view-model is refused by the writable client.
        KafkaSecuritySource source = new KafkaSecuritySource(clients);
        assertThatThrownBy(() -> source.createAcl("secured-read-only",
                AclEntry.allow("User:alice", AclOperation.READ, ResourceType.TOPIC, "t")))
                .isInstanceOf(ClusterException.class).hasMessageContaining("read-only");
    }

    @Test
    void aClusterWithoutAuthorizerShowsTheMessageAndKeepsQuotas() {
        model.selectedClusterProperty().set("plain");
        model.setActive(true);

        assertThat(model.noAuthorizerProperty().get()).isTrue();
        assertThat(model.aclMessageProperty().get()).isEqualTo(SecurityViewModel.NO_AUTHORIZER);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.aclWritableBinding().get()).isFalse();
        assertThat(model.quotaWritableBinding().get()).isTrue();

        QuotaDraft draft = new QuotaDraft();
        draft.clientIdProperty().set("reporting");
        draft.limitProperty(QuotaAdmin.REQUEST_PERCENTAGE).set("50");
        model.saveQuota(draft);
        awaitTicking(() -> model.quotas().stream().anyMatch(q -> q.entity().equals(QuotaEntity.clientId("reporting"))));
        assertThat(model.quotaMessageProperty().get()).isEmpty();
    }

    /** Polls on this thread (the "UI thread"), letting the poller reload once per poll. */
    private void awaitTicking(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(KAFKA).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
            executor.tick();
            return condition.call();
        });
    }

}
