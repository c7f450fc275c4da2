package io.mirador.ui.page.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.NoAuthorizerException;
import io.mirador.cluster.acl.QuotaAdmin;
import io.mirador.cluster.acl.QuotaEntity;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SecuritySource;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class SecurityViewModelTest {

    private static final AclEntry ALICE_READ = AclEntry.allow("User:alice", AclOperation.READ, ResourceType.TOPIC,
            "orders");
    private static final AclEntry BOB_WRITE = AclEntry.allow("User:bob", AclOperation.WRITE, ResourceType.TOPIC,
            "payments");
    private static final AclEntry ALICE_GROUP = AclEntry.allow("User:alice", AclOperation.READ, ResourceType.GROUP,
            "billing");

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final FakeSecurity source = new FakeSecurity();
    private final List<String> questions = new ArrayList<>();
    private boolean answer = true;
    private Connections connections;
    private SecurityViewModel model;

    @BeforeEach
    void setUp() {
        connections = backend.runningConnections(executor);
        source.acls.addAll(List.of(ALICE_GROUP, ALICE_READ, BOB_WRITE));
        source.quotas.add(new ClientQuota(QuotaEntity.user("alice"), Map.of(QuotaAdmin.PRODUCER_BYTE_RATE, 1024.0)));
        model = new SecurityViewModel(connections, source, executor, question -> {
            questions.add(question);
            return answer;
        });
    }

    @Test
    void listsAclsAndQuotasOnlyWhenShown() {
        assertThat(source.calls).isEmpty();

        model.setActive(true);

        assertThat(model.visibleAcls()).containsExactly(ALICE_GROUP, ALICE_READ, BOB_WRITE);
        assertThat(model.aclStatusProperty().get()).isEqualTo("3 of 3 ACLs");
        assertThat(model.quotas()).extracting(q -> q.entity().user()).containsExactly("alice");
        assertThat(model.noAuthorizerProperty().get()).isFalse();
        assertThat(model.aclMessageProperty().get()).isEmpty();
        assertThat(model.writableProperty().get()).isTrue();
        assertThat(model.aclWritableBinding().get()).isTrue();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void filtersAclsOnAnyField() {
        model.setActive(true);

        model.aclFilterProperty().set("ALICE");
        assertThat(model.visibleAcls()).containsExactly(ALICE_GROUP, ALICE_READ);
        model.aclFilterProperty().set("write");
        assertThat(model.visibleAcls()).containsExactly(BOB_WRITE);
        model.aclFilterProperty().set("group billing");
        assertThat(model.visibleAcls()).containsExactly(ALICE_GROUP);
        assertThat(model.aclStatusProperty().get()).isEqualTo("1 of 3 ACLs");
    }

    @Test
    void withoutAuthorizerSaysSoAndQuotasKeepWorking() {
        source.noAuthorizer = true;
        model.setActive(true);

        assertThat(model.noAuthorizerProperty().get()).isTrue();
        assertThat(model.aclMessageProperty().get()).isEqualTo("This cluster has no authorizer: ACLs are not "
                + "enforced. Set authorizer.class.name on the brokers to use them.");
        assertThat(model.visibleAcls()).isEmpty();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.aclWritableBinding().get()).isFalse();
        assertThat(model.quotaWritableBinding().get()).isTrue();
        assertThat(model.quotas()).hasSize(1);

        model.createAcl(draft("User:carol", ResourceType.TOPIC, "t"));
        assertThat(model.noticeProperty().get()).isEqualTo(SecurityViewModel.NO_AUTHORIZER);
        assertThat(source.calls).noneMatch(c -> c.startsWith("createAcl"));

        QuotaDraft quota = new QuotaDraft();
        quota.clientIdProperty().set("reporting");
        quota.limitProperty(QuotaAdmin.REQUEST_PERCENTAGE).set("50");
        model.saveQuota(quota);
        assertThat(source.calls).contains("alterQuota client id reporting {request_percentage=50.0} []");
    }

    @Test
    void createsAnAclFromADraft() {
        model.setActive(true);
        AclDraft draft = draft("User:carol", ResourceType.TOPIC, "logs-");
        draft.patternTypeProperty().set(PatternType.PREFIXED);
        draft.permissionProperty().set(AclPermissionType.DENY);
        draft.hostProperty().set(" 10.0.0.1 ");
        assertThat(draft.problemProperty().get()).isEmpty();

        model.createAcl(draft);

        AclEntry expected = new AclEntry("User:carol", "10.0.0.1", AclOperation.READ, AclPermissionType.DENY,
                ResourceType.TOPIC, "logs-", PatternType.PREFIXED);
        assertThat(source.acls).contains(expected);
        assertThat(model.visibleAcls()).contains(expected);
        assertThat(model.noticeProperty().get()).isEqualTo("Created ACL: " + expected.describe() + ".");
        assertThat(model.noticeIsErrorProperty().get()).isFalse();
        assertThat(model.aclStatusProperty().get()).isEqualTo("4 of 4 ACLs");
    }

    @Test
    void anInvalidDraftSaysWhyAndIsNotSent() {
        model.setActive(true);
        AclDraft draft = draft("carol", ResourceType.TOPIC, "t");
        assertThat(draft.problemProperty().get())
                .isEqualTo("Invalid principal 'carol': use Type:name, for example User:alice (User:* for everyone).");
        draft.principalProperty().set("User:carol");
        draft.resourceNameProperty().set("");
        assertThat(draft.problemProperty().get()).startsWith("An ACL needs a resource name");
        draft.resourceTypeProperty().set(ResourceType.CLUSTER);
        assertThat(draft.resourceNameProperty().get()).isEqualTo(AclEntry.CLUSTER_NAME);
        assertThat(draft.problemProperty().get()).isEmpty();

        draft.principalProperty().set("nobody");
        model.createAcl(draft);
        assertThat(model.noticeProperty().get()).startsWith("Could not create the ACL: invalid principal 'nobody'");
        assertThat(model.noticeIsErrorProperty().get()).isTrue();
        assertThat(source.calls).noneMatch(c -> c.startsWith("createAcl"));
    }

    @Test
    void deletesAclsOnlyAfterConfirming() {
        model.setActive(true);

        answer = false;
        model.deleteAcls(List.of(ALICE_READ));
        assertThat(questions).singleElement().asString()
                .isEqualTo("Delete this ACL of cluster local-a?\n" + ALICE_READ.describe());
        assertThat(source.acls).contains(ALICE_READ);
        assertThat(model.visibleAcls()).contains(ALICE_READ);

        answer = true;
        model.deleteAcls(List.of(ALICE_READ, BOB_WRITE));
        assertThat(questions).last().asString().isEqualTo("Delete these 2 ACLs of cluster local-a?");
        assertThat(source.acls).containsExactly(ALICE_GROUP);
        assertThat(model.visibleAcls()).containsExactly(ALICE_GROUP);
        assertThat(model.noticeProperty().get()).isEqualTo("Deleted 2 ACLs.");
    }

    @Test
    void editsAndDeletesAQuota() {
        model.setActive(true);
        QuotaDraft edit = new QuotaDraft(model.quotas().get(0));
        assertThat(edit.isEdit()).isTrue();
        assertThat(edit.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).get()).isEqualTo("1024");
        edit.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("");
        edit.limitProperty(QuotaAdmin.CONSUMER_BYTE_RATE).set("2048");

        model.saveQuota(edit);

        assertThat(source.calls).contains("alterQuota user alice {consumer_byte_rate=2048.0} [producer_byte_rate]");
        assertThat(model.quotas()).singleElement().satisfies(q ->
                assertThat(q.limits()).isEqualTo(Map.of(QuotaAdmin.CONSUMER_BYTE_RATE, 2048.0)));

        answer = false;
        model.deleteQuota(model.quotas().get(0));
        assertThat(questions).singleElement().asString().isEqualTo("Delete the quota of user alice on cluster local-a?");
        assertThat(model.quotas()).hasSize(1);

        answer = true;
        model.deleteQuota(model.quotas().get(0));
        assertThat(source.calls).contains("deleteQuota user alice");
        assertThat(model.quotas()).isEmpty();
        assertThat(model.noticeProperty().get()).isEqualTo("Deleted the quota of user alice.");
    }

    @Test
    void aQuotaDraftNeedsSomeoneAndPositiveNumbers() {
        QuotaDraft draft = new QuotaDraft();
        draft.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("100");
        assertThat(draft.problemProperty().get()).startsWith("A quota applies to a user, a client id or both");
        draft.userProperty().set(QuotaEntity.DEFAULT);
        assertThat(draft.problemProperty().get()).isEmpty();
        draft.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("-1");
        assertThat(draft.problemProperty().get()).isEqualTo("Producer_byte_rate must be a positive number.");
        draft.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("lots");
        assertThat(draft.problemProperty().get()).isEqualTo("Producer_byte_rate must be a number, not 'lots'.");
        draft.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("");
        assertThat(draft.problemProperty().get()).isEqualTo("Give at least one limit.");
    }

    @Test
    void aReadOnlyConnectionDisablesEveryWrite() {
        connections.save(new ClusterConnection("prod", "prod-1:9092", Map.of(ClusterConnection.READ_ONLY, "true")),
                null, failure -> { });
        model.setActive(true);
        model.selectedClusterProperty().set("prod");

        assertThat(model.visibleAcls()).hasSize(3);
        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.aclWritableBinding().get()).isFalse();
        assertThat(model.quotaWritableBinding().get()).isFalse();

        model.createAcl(draft("User:carol", ResourceType.TOPIC, "t"));
        model.deleteAcls(List.of(ALICE_READ));
        model.deleteQuota(model.quotas().get(0));
        QuotaDraft quota = new QuotaDraft();
        quota.userProperty().set("carol");
        quota.limitProperty(QuotaAdmin.PRODUCER_BYTE_RATE).set("1");
        model.saveQuota(quota);

        assertThat(model.noticeProperty().get()).isEqualTo("Cluster prod is read-only or not running: quotas cannot"
                + " be changed.");
        assertThat(questions).isEmpty();
        assertThat(source.calls).allMatch(c -> c.startsWith("acls") || c.startsWith("quotas"));

        model.selectedClusterProperty().set("local-a");
        assertThat(model.aclWritableBinding().get()).isTrue();
    }

    @Test
    void aclFailuresOtherThanNoAuthorizerAreShownAboveTheTableAndQuotasStillLoad() {
        source.aclFailure = new ClusterException("cannot list ACLs on cluster local-a: not authorised (needs DESCRIBE"
                + " on the cluster)", null);
        model.setActive(true);

        assertThat(model.noAuthorizerProperty().get()).isFalse();
        assertThat(model.aclMessageProperty().get()).isEqualTo("Could not load ACLs: cannot list ACLs on cluster "
                + "local-a: not authorised (needs DESCRIBE on the cluster)");
        assertThat(model.quotas()).hasSize(1);
        assertThat(model.problemProperty().get()).isEmpty();

        source.quotaFailure = new ClusterException("cluster local-a did not answer", null);
        model.refresh();
        assertThat(model.problemProperty().get())
                .isEqualTo("Could not load ACLs and quotas: cannot list ACLs on cluster local-a: not authorised"
                        + " (needs DESCRIBE on the cluster)");
        assertThat(model.quotas()).hasSize(1);
    }

    @Test
    void aFailedWriteSaysWhyInOneLine() {
        model.setActive(true);
        source.writeFailure = new ClusterException("cannot create ACL x on cluster local-a: not authorised\nmore", null);

        model.createAcl(draft("User:carol", ResourceType.TOPIC, "t"));

        assertThat(model.noticeProperty().get()).startsWith("Could not create ACL ALLOW User:carol from * to READ "
                + "TOPIC t (LITERAL): cannot create ACL x on cluster local-a: not authorised").doesNotContain("more");
        assertThat(model.workingProperty().get()).isFalse();
        assertThat(model.visibleAcls()).hasSize(3);
    }

    private static AclDraft draft(String principal, ResourceType type, String name) {
        AclDraft draft = new AclDraft();
        draft.principalProperty().set(principal);
        draft.resourceTypeProperty().set(type);
        draft.resourceNameProperty().set(name);
        return draft;
    }

    /** NoAuthorizerException's constructor is package-private in the cluster module: made reflectively here. */
    static NoAuthorizerException noAuthorizer() {
        try {
            Constructor<NoAuthorizerException> c = NoAuthorizerException.class.getDeclaredConstructor(Throwable.class);
            c.setAccessible(true);
            return c.newInstance((Throwable) null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** ACLs and quotas in memory, recording every call. */
    private static final class FakeSecurity implements SecuritySource {
        final List<AclEntry> acls = new ArrayList<>();
        final List<ClientQuota> quotas = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        boolean noAuthorizer;
        RuntimeException aclFailure;
        RuntimeException quotaFailure;
        RuntimeException writeFailure;

        @Override
        public List<AclEntry> acls(String cluster) {
            calls.add("acls " + cluster);
            if (noAuthorizer) {
                throw noAuthorizer();
            }
            if (aclFailure != null) {
                throw aclFailure;
            }
            return List.copyOf(acls);
        }

        @Override
        public void createAcl(String cluster, AclEntry entry) {
            calls.add("createAcl " + entry.describe());
            if (writeFailure != null) {
                throw writeFailure;
            }
            acls.add(entry);
        }

        @Override
        public int deleteAcls(String cluster, Collection<AclEntry> entries) {
            calls.add("deleteAcls " + entries.size());
            int before = acls.size();
            acls.removeAll(entries);
            return before - acls.size();
        }

        @Override
        public List<ClientQuota> quotas(String cluster) {
            calls.add("quotas " + cluster);
            if (quotaFailure != null) {
                throw quotaFailure;
            }
            return List.copyOf(quotas);
        }

        @Override
        public void alterQuota(String cluster, QuotaEntity entity, Map<String, Double> limits,
                               Collection<String> removed) {
            calls.add("alterQuota " + entity.describe() + " " + new TreeMap<>(limits) + " " + removed);
            QuotaRows.apply(quotas, entity, limits, List.copyOf(removed));
        }

        @Override
        public void deleteQuota(String cluster, QuotaEntity entity) {
            calls.add("deleteQuota " + entity.describe());
            quotas.removeIf(q -> q.entity().equals(entity));
        }
    }
}
