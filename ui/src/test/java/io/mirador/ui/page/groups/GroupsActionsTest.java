package io.mirador.ui.page.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupMember;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write actions of the Consumer groups page through {@link GroupsViewModel#actions()}, without JavaFX: the
 * direct executor plays the UI thread and a queue of answers plays the user confirming.
 */
class GroupsActionsTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a");
    private final FakeGroupSource source = new FakeGroupSource();
    private final List<String> questions = new ArrayList<>();
    private final Deque<Boolean> answers = new ArrayDeque<>();
    private Connections connections;
    private GroupsViewModel model;
    private GroupActions actions;

    @BeforeEach
    void setUp() {
        for (String cluster : List.of("local-a", "prod")) {
            source.groupsByCluster.put(cluster, new ArrayList<>(List.of(
                    summary("busy-app", GroupState.STABLE, 1), summary("idle-app", GroupState.EMPTY, 0))));
            source.details.put(cluster + "/busy-app", new GroupDetail("busy-app", GroupState.STABLE, GroupType.CLASSIC,
                    "range", 0, List.of(new GroupMember("m-1", null, "busy-client", "/127.0.0.1",
                            List.of(new TopicPartition("orders", 0)))),
                    List.of(lag("orders", 0, 3, 10, "m-1"))));
            source.details.put(cluster + "/idle-app", new GroupDetail("idle-app", GroupState.EMPTY, GroupType.CLASSIC,
                    "", 0, List.of(), List.of(lag("orders", 0, 5, 100, null), lag("orders", 1, 5, 100, null),
                    lag("payments", 0, 5, 100, null))));
        }
        SandboxService sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        connections = new Connections(sandbox, ConnectionStore.inMemory(), executor);
        model = new GroupsViewModel(connections, source, executor, question -> {
            questions.add(question);
            return answers.isEmpty() ? false : answers.poll();
        });
        actions = model.actions();
        model.setActive(true);
    }

    private static GroupSummary summary(String id, GroupState state, int members) {
        return new GroupSummary(id, state, GroupType.CLASSIC, "", members, 0, 0, List.of("orders"));
    }

    private static PartitionLag lag(String topic, int partition, long committed, long end, String member) {
        return new PartitionLag(topic, partition, OptionalLong.of(committed), OptionalLong.of(end),
                OptionalLong.of(end - committed), member);
    }

    @Test
    void nothingIsAllowedUntilAGroupIsSelectedAndLoaded() {
        assertThat(actions.resetBlockedProperty().get()).isEqualTo("Select a group first.");
        assertThat(actions.deleteBlockedProperty().get()).isEqualTo("Select a group first.");
        assertThat(actions.reset()).isNull();

        executor.holdWork();
        model.selectedGroupProperty().set("idle-app");
        assertThat(actions.resetBlockedProperty().get()).isEqualTo("Loading group idle-app…");

        executor.runPending();
        assertThat(actions.resetBlockedProperty().get()).isEmpty();
        assertThat(actions.deleteBlockedProperty().get()).isEmpty();
    }

    @Test
    void resetAndDeleteNeedAGroupWithoutActiveMembers() {
        model.selectedGroupProperty().set("busy-app");

        assertThat(actions.resetBlockedProperty().get())
                .startsWith("The group must have no active members to reset its offsets")
                .contains("busy-app has 1 active member");
        assertThat(actions.deleteBlockedProperty().get()).startsWith("The group must have no active members to delete it");
        assertThat(actions.reset()).isNull();

        actions.deleteGroup();

        assertThat(questions).isEmpty();
        assertThat(source.requests).noneMatch(r -> r.startsWith("delete"));
    }

    @Test
    void resetOfAnEmptyGroupPreviewsThenAppliesExactlyThePreviewAndReloads() {
        model.selectedGroupProperty().set("idle-app");
        ResetOffsetsViewModel reset = actions.reset();

        assertThat(reset.topics()).extracting(ResetOffsetsViewModel.TopicChoice::name).containsExactly("orders", "payments");
        assertThat(reset.canApplyProperty().get()).isFalse();
        reset.apply();
        assertThat(source.applied).isEmpty();

        reset.topics().get(1).selectedProperty().set(false);
        reset.preview();

        assertThat(source.requests).contains("preview local-a idle-app [orders] ToEarliest[]");
        assertThat(reset.previewRows()).extracting(OffsetChange::partition, OffsetChange::target)
                .containsExactly(tuple(0, 0L), tuple(1, 0L));
        assertThat(reset.canApplyProperty().get()).isTrue();
        List<OffsetChange> previewed = List.copyOf(reset.previewRows());
        source.requests.clear();

        reset.apply();

        assertThat(source.applied).containsExactly(previewed);
        assertThat(reset.appliedProperty().get()).isTrue();
        assertThat(actions.messageProperty().get()).isEqualTo("Reset 2 partitions of group idle-app.");
        assertThat(source.requests).containsExactly("apply local-a idle-app 2", "list local-a", "describe local-a idle-app");
    }

    @Test
    void aReadOnlyConnectionTurnsEveryWriteOff() {
        connections.save(new ClusterConnection("prod", "prod.example:9092")
                .withSetting(ClusterConnection.READ_ONLY, "true"), null, failure -> { });
        assertThat(model.clusterNames()).contains("prod");
        assertThat(model.writableProperty().get()).isTrue();

        model.selectedClusterProperty().set("prod");
        model.selectedGroupProperty().set("idle-app");

        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.partitions()).hasSize(3);
        String readOnly = "Cluster prod is a read-only connection: write actions are off.";
        assertThat(actions.resetBlockedProperty().get()).isEqualTo(readOnly);
        assertThat(actions.deleteBlockedProperty().get()).isEqualTo(readOnly);
        actions.offsetsTopicProperty().set("orders");
        assertThat(actions.deleteOffsetsBlockedProperty().get()).isEqualTo(readOnly);
        assertThat(actions.reset()).isNull();
        answers.add(true);
        answers.add(true);
        actions.deleteGroup();
        actions.deleteOffsets();
        assertThat(questions).isEmpty();
        assertThat(source.requests).noneMatch(r -> r.startsWith("delete ") || r.startsWith("delete-offsets"));

        // Back on the sandbox cluster, writes are on again.
        model.selectedClusterProperty().set("local-a");
        model.selectedGroupProperty().set("idle-app");
        assertThat(model.writableProperty().get()).isTrue();
        assertThat(actions.resetBlockedProperty().get()).isEmpty();
    }

    @Test
    void deleteAsksFirstAndDoesNothingOnNo() {
        model.selectedGroupProperty().set("idle-app");
        answers.add(false);

        actions.deleteGroup();

        assertThat(questions).singleElement().asString().contains("Delete consumer group idle-app");
        assertThat(source.requests).noneMatch(r -> r.startsWith("delete"));
        assertThat(model.selectedGroupProperty().get()).isEqualTo("idle-app");
    }

    @Test
    void deleteOnYesDeletesUnselectsAndReloads() {
        model.selectedGroupProperty().set("idle-app");
        answers.add(true);

        actions.deleteGroup();

        assertThat(source.requests).contains("delete local-a idle-app");
        assertThat(actions.messageProperty().get()).isEqualTo("Deleted consumer group idle-app.");
        assertThat(model.selectedGroupProperty().get()).isNull();
        assertThat(model.allGroups()).extracting(GroupSummary::groupId).containsExactly("busy-app");
        assertThat(actions.busyProperty().get()).isFalse();
    }

    @Test
    void deleteOffsetsWorksOnTheChosenTopicAfterAYes() {
        model.selectedGroupProperty().set("idle-app");
        assertThat(actions.deleteOffsetsBlockedProperty().get())
                .isEqualTo("Select a partition of the topic whose offsets to delete.");

        actions.offsetsTopicProperty().set("payments");
        assertThat(actions.deleteOffsetsBlockedProperty().get()).isEmpty();
        answers.add(false);
        actions.deleteOffsets();
        assertThat(source.requests).noneMatch(r -> r.startsWith("delete-offsets"));

        answers.add(true);
        actions.deleteOffsets();

        assertThat(questions).hasSize(2).allMatch(q -> q.contains("group idle-app on topic payments"));
        assertThat(source.requests).contains("delete-offsets local-a idle-app payments");
        assertThat(actions.messageProperty().get())
                .isEqualTo("Deleted the offsets of group idle-app on 2 partitions of payments.");
    }

    @Test
    void deleteOffsetsIsOffForATopicAMemberConsumes() {
        model.selectedGroupProperty().set("busy-app");

        actions.offsetsTopicProperty().set("orders");

        assertThat(actions.deleteOffsetsBlockedProperty().get()).isEqualTo("Group busy-app is consuming orders: stop its members first.");
    }

    @Test
    void aRefusedWriteSaysWhyInOneLine() {
        model.selectedGroupProperty().set("idle-app");
        source.deleteFailure = new ClusterException("group idle-app has 1 active member: stop them before deleting the group"
                + "\n\tat somewhere", null);
        answers.add(true);

        actions.deleteGroup();

        assertThat(actions.messageProperty().get()).isEqualTo(
                "Could not delete group idle-app: group idle-app has 1 active member: stop them before deleting the group");
        assertThat(actions.busyProperty().get()).isFalse();
        assertThat(model.selectedGroupProperty().get()).isEqualTo("idle-app");
    }

    @Test
    void anotherClusterClearsTheLastMessage() {
        model.selectedGroupProperty().set("idle-app");
        answers.add(true);
        actions.deleteGroup();
        assertThat(actions.messageProperty().get()).isNotEmpty();
        connections.save(new ClusterConnection("prod", "prod.example:9092"), null, failure -> { });

        model.selectedClusterProperty().set("prod");

        assertThat(actions.messageProperty().get()).isEmpty();
    }
}
