package io.mirador.ui.page.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.group.GroupMember;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.control.Columns;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.apache.kafka.common.TopicPartition;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The lower half of the Consumer groups page: the selected group's title, its write actions with why each is
 * off, the per-partition positions and the members with their assignments. FX thread only; all state is the
 * {@link GroupsViewModel}'s.
 */
final class GroupDetailView {

    private final GroupsViewModel model;
    private final GroupActions actions;
    private final VBox root;

    GroupDetailView(GroupsViewModel model) {
        this.model = model;
        this.actions = model.actions();

        Label title = new Label();
        title.setId("group-detail-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty().bind(model.detailTitleProperty());

        Label message = new Label();
        message.setId("group-action-message");
        message.setWrapText(true);
        message.textProperty().bind(actions.messageProperty());
        message.visibleProperty().bind(actions.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        // The reason reset and delete are off, in plain sight: a tooltip alone is easy to miss. Hidden while no
        // group is selected, when "select a group" would only repeat the title.
        Label hint = new Label();
        hint.setId("group-actions-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.textProperty().bind(actions.resetBlockedProperty());
        hint.visibleProperty().bind(model.selectedGroupProperty().isNotNull()
                .and(actions.resetBlockedProperty().isNotEmpty()));
        hint.managedProperty().bind(hint.visibleProperty());

        SplitPane tables = new SplitPane(partitionsTable(), membersTable());
        tables.setOrientation(Orientation.HORIZONTAL);
        tables.setDividerPositions(0.6);
        VBox.setVgrow(tables, Priority.ALWAYS);

        root = new VBox(8, new HBox(12, title), actionBar(), hint, message, tables);
        root.getStyleClass().add("group-detail");
    }

    Node view() {
        return root;
    }

    private Node actionBar() {
        Button reset = new Button("Reset offsets…", new FontIcon(Feather.ROTATE_CCW));
        reset.setId("group-reset");
        reset.setOnAction(e -> openReset(reset.getScene().getWindow()));

        Button deleteOffsets = new Button("Delete topic offsets…", new FontIcon(Feather.SCISSORS));
        deleteOffsets.setId("group-delete-offsets");
        deleteOffsets.setOnAction(e -> actions.deleteOffsets());

        Button delete = new Button("Delete group…", new FontIcon(Feather.TRASH_2));
        delete.setId("group-delete");
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> actions.deleteGroup());

        HBox bar = new HBox(8,
                guarded(reset, actions.resetBlockedProperty(),
                        "Move the group's committed offsets; you see a preview before anything changes."),
                guarded(deleteOffsets, actions.deleteOffsetsBlockedProperty(),
                        "Forget the group's committed offsets on the topic of the selected partition."),
                guarded(delete, actions.deleteBlockedProperty(), "Delete the group and all its committed offsets."));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * The button, off while {@code blocked} says why. The tooltip sits on a wrapper because a disabled control
     * gets no mouse events and so would never show its own tooltip, which is exactly when the reason matters.
     */
    private static Node guarded(Button button, ObservableStringValue blocked, String whatItDoes) {
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> !blocked.get().isEmpty(), blocked));
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> blocked.get().isEmpty() ? whatItDoes : blocked.get(), blocked));
        StackPane wrapper = new StackPane(button);
        wrapper.setId(button.getId() + "-wrapper");
        Tooltip.install(wrapper, tip);
        return wrapper;
    }

    private void openReset(Window owner) {
        ResetOffsetsViewModel reset = actions.reset();
        if (reset != null) {
            new ResetOffsetsDialog(reset, owner).show();
        }
    }

    private TableView<PartitionLag> partitionsTable() {
        TableView<PartitionLag> table = Columns.table("group-partitions", "No partitions");
        table.setItems(model.partitions());

        TableColumn<PartitionLag, String> topic = Columns.column("Topic", PartitionLag::topic);
        topic.setPrefWidth(220);
        TableColumn<PartitionLag, Integer> partition = Columns.column("Partition", PartitionLag::partition);
        Columns.numeric(partition, 120);
        TableColumn<PartitionLag, Long> committed =
                GroupTables.offsetColumn("Committed offset", p -> Columns.boxed(p.committed()));
        TableColumn<PartitionLag, Long> end = GroupTables.offsetColumn("End offset", p -> Columns.boxed(p.end()));
        TableColumn<PartitionLag, Long> lag = GroupTables.offsetColumn("Lag", p -> Columns.boxed(p.lag()));
        TableColumn<PartitionLag, String> member = Columns.column("Assigned member",
                p -> p.assignedMember() == null ? "" : p.assignedMember());
        member.setPrefWidth(220);
        table.getColumns().setAll(List.of(topic, partition, committed, end, lag, member));

        // "Delete topic offsets" works on the topic of the focused row.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                actions.offsetsTopicProperty().set(now == null ? null : now.topic()));
        return table;
    }

    private TableView<GroupMember> membersTable() {
        TableView<GroupMember> table = Columns.table("group-members", "No active members");
        table.setItems(model.members());

        TableColumn<GroupMember, String> client = Columns.column("Client id", GroupMember::clientId);
        client.setPrefWidth(160);
        TableColumn<GroupMember, String> host = Columns.column("Host", GroupMember::host);
        host.setPrefWidth(140);
        TableColumn<GroupMember, Integer> count = Columns.column("Partitions", m -> m.assignment().size());
        Columns.numeric(count, 120);
        TableColumn<GroupMember, String> assignment = Columns.column("Assignment",
                m -> assignment(m.assignment()));
        assignment.setPrefWidth(200);
        TableColumn<GroupMember, String> id = Columns.column("Member id", GroupMember::memberId);
        id.setPrefWidth(200);
        table.getColumns().setAll(List.of(client, host, count, assignment, id));
        return table;
    }

    /** "orders: 0, 1, 2; payments: 0": one entry per topic, partitions in order. */
    static String assignment(List<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
