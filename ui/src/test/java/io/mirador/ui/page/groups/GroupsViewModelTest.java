package io.mirador.ui.page.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupMember;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import javafx.collections.ListChangeListener;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class GroupsViewModelTest {

    private static final GroupSummary ORDERS_APP = summary("orders-app", 40, "orders");
    private static final GroupSummary ORDERS_AUDIT = summary("Orders-Audit", 0, "orders");
    private static final GroupSummary PAYMENTS = summary("payments", 7, "payments");

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final FakeGroupSource source = new FakeGroupSource();
    private final Map<String, List<GroupSummary>> groupsByCluster = source.groupsByCluster;
    private final Map<String, GroupDetail> details = source.details;
    private final List<String> requests = source.requests;
    private SandboxService sandbox;
    private GroupsViewModel model;

    @BeforeEach
    void setUp() {
        groupsByCluster.put("local-a", List.of(ORDERS_APP, ORDERS_AUDIT, PAYMENTS));
        groupsByCluster.put("local-b", List.of(summary("mirror", 0, "mirrored")));
        details.put("local-a/orders-app", new GroupDetail("orders-app", GroupState.STABLE, GroupType.CLASSIC, "range", 0,
                List.of(), List.of(lag("orders", 0, 30, 50, "m-1"), lag("orders", 1, 30, 50, "m-1"))));
        details.put("local-a/payments", new GroupDetail("payments", GroupState.EMPTY, GroupType.CLASSIC, "", 0,
                List.of(), List.of(lag("payments", 0, 3, 10, null))));
        sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        backend.cluster(1).set(ClusterState.RUNNING);
        model = new GroupsViewModel(new Connections(sandbox, ConnectionStore.inMemory(), executor), source, executor,
                question -> false);
    }

    private static GroupSummary summary(String id, long lag, String topic) {
        return new GroupSummary(id, GroupState.STABLE, GroupType.CLASSIC, "range", 1, 0, lag, List.of(topic));
    }

    private static PartitionLag lag(String topic, int partition, long committed, long end, String member) {
        return new PartitionLag(topic, partition, OptionalLong.of(committed), OptionalLong.of(end),
                OptionalLong.of(end - committed), member);
    }

    private List<String> visibleIds() {
        return model.visibleGroups().stream().map(GroupSummary::groupId).toList();
    }

    @Test
    void selectsTheFirstClusterAndLoadsOnlyWhenShown() {
        assertThat(model.clusterNames()).containsExactly("local-a", "local-b");
        assertThat(model.selectedClusterProperty().get()).isEqualTo("local-a");
        assertThat(requests).isEmpty();

        model.setActive(true);

        assertThat(requests).containsExactly("list local-a");
        assertThat(model.allGroups()).hasSize(3);
        assertThat(model.statusProperty().get()).isEqualTo("3 of 3 groups");
    }

    @Test
    void filterMatchesPartOfTheIdIgnoringCaseWithoutReloading() {
        model.setActive(true);

        model.filterProperty().set("ORDERS");
        assertThat(visibleIds()).containsExactly("orders-app", "Orders-Audit");

        model.filterProperty().set("  pay ");
        assertThat(visibleIds()).containsExactly("payments");
        assertThat(model.statusProperty().get()).isEqualTo("1 of 3 groups");

        model.filterProperty().set("nothing-like-this");
        assertThat(visibleIds()).isEmpty();

        model.filterProperty().set("");
        assertThat(visibleIds()).hasSize(3);
        assertThat(requests).containsExactly("list local-a");
    }

    @Test
    void selectingAGroupLoadsItsPartitions() {
        model.setActive(true);

        model.selectedGroupProperty().set("orders-app");

        assertThat(requests).containsExactly("list local-a", "describe local-a orders-app");
        assertThat(model.partitions()).extracting(PartitionLag::partition).containsExactly(0, 1);
        assertThat(model.detailProperty().get().totalLag()).isEqualTo(40);
        assertThat(model.detailTitleProperty().get()).isEqualTo("orders-app · Stable · 0 members · lag 40");

        model.selectedGroupProperty().set("payments");

        assertThat(model.partitions()).extracting(PartitionLag::topic).containsExactly("payments");
        model.selectedGroupProperty().set(null);
        assertThat(model.partitions()).isEmpty();
        assertThat(model.detailProperty().get()).isNull();
    }

    @Test
    void theSelectedGroupsMembersAreListedAndASandboxClusterIsWritable() {
        details.put("local-a/orders-app", new GroupDetail("orders-app", GroupState.STABLE, GroupType.CONSUMER, "uniform",
                0, List.of(new GroupMember("m-1", null, "orders-client", "/10.0.0.7",
                        List.of(new TopicPartition("orders", 0), new TopicPartition("orders", 1)))),
                List.of(lag("orders", 0, 30, 50, "m-1"), lag("orders", 1, 30, 50, "m-1"))));
        model.setActive(true);

        model.selectedGroupProperty().set("orders-app");

        assertThat(model.members()).extracting(GroupMember::clientId, GroupMember::host)
                .containsExactly(tuple("orders-client", "/10.0.0.7"));
        assertThat(GroupDetailView.assignment(model.members().get(0).assignment())).isEqualTo("orders: 0, 1");
        assertThat(model.writableProperty().get()).isTrue();

        model.selectedGroupProperty().set(null);
        assertThat(model.members()).isEmpty();
    }

    @Test
    void eachRefreshReloadsTheListThenTheSelectedGroupOnce() {
        model.setActive(true);
        model.selectedGroupProperty().set("orders-app");
        requests.clear();

        executor.tick();

        assertThat(requests).containsExactly("list local-a", "describe local-a orders-app");
    }

    @Test
    void aRefreshWithAnUnchangedDetailLeavesTheRowsAlone() {
        model.setActive(true);
        model.selectedGroupProperty().set("orders-app");
        int[] changes = {0};
        model.partitions().addListener((ListChangeListener<PartitionLag>) change -> changes[0]++);

        executor.tick();
        assertThat(changes[0]).isZero();

        details.put("local-a/orders-app", new GroupDetail("orders-app", GroupState.STABLE, GroupType.CLASSIC, "range", 0,
                List.of(), List.of(lag("orders", 0, 50, 50, "m-1"), lag("orders", 1, 30, 50, "m-1"))));
        executor.tick();
        assertThat(changes[0]).isEqualTo(1);
        assertThat(model.partitions().get(0).lag()).hasValue(0);
    }

    @Test
    void aSelectedGroupThatDisappearsIsUnselected() {
        model.setActive(true);
        model.selectedGroupProperty().set("orders-app");
        groupsByCluster.put("local-a", List.of(PAYMENTS));

        executor.tick();

        assertThat(model.selectedGroupProperty().get()).isNull();
        assertThat(model.partitions()).isEmpty();
    }

    @Test
    void aLateDetailForAPreviouslySelectedGroupIsDropped() {
        model.setActive(true);
        executor.holdWork();
        model.selectedGroupProperty().set("orders-app");
        model.selectedGroupProperty().set("payments");
        executor.runPending();

        assertThat(model.partitions()).extracting(PartitionLag::topic).containsExactly("payments");
    }

    @Test
    void aFailedLoadSaysWhyAndKeepsTheLastList() {
        model.setActive(true);
        model.selectedGroupProperty().set("orders-app");
        groupsByCluster.remove("local-a");

        model.refresh();

        assertThat(model.problemProperty().get())
                .isEqualTo("Could not load consumer groups: cluster local-a did not answer");
        assertThat(model.allGroups()).hasSize(3);
        assertThat(model.partitions()).hasSize(2);
        assertThat(model.loadingProperty().get()).isFalse();

        groupsByCluster.put("local-a", List.of(ORDERS_APP));
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.allGroups()).hasSize(1);
    }

    @Test
    void aFailedDetailSaysWhy() {
        model.setActive(true);

        model.selectedGroupProperty().set("Orders-Audit");

        assertThat(model.problemProperty().get())
                .isEqualTo("Could not load consumer group Orders-Audit: no consumer group named Orders-Audit");
        assertThat(model.allGroups()).hasSize(3);
    }

    @Test
    void refreshesEveryPeriodOnlyWhileShown() {
        model.setActive(true);
        executor.tick();
        assertThat(requests).hasSize(2);

        model.setActive(false);
        executor.tick();

        assertThat(executor.activePeriodicCount()).isZero();
        assertThat(requests).hasSize(2);
    }

    @Test
    void switchingClusterClearsTheSelectionAndShowsOnlyTheNewClustersGroups() {
        model.setActive(true);
        model.selectedGroupProperty().set("orders-app");

        model.selectedClusterProperty().set("local-b");

        assertThat(visibleIds()).containsExactly("mirror");
        assertThat(model.selectedGroupProperty().get()).isNull();
        assertThat(model.partitions()).isEmpty();
    }

    @Test
    void aStoppedClusterIsNotQueriedAndItsGroupsAreCleared() {
        model.setActive(true);

        backend.cluster(0).set(ClusterState.STOPPED);
        executor.tick();

        assertThat(requests).containsExactly("list local-a");
        assertThat(model.allGroups()).isEmpty();
        assertThat(model.problemProperty().get()).contains("local-a is stopped");
    }
}
