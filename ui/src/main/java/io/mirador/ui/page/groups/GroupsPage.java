package io.mirador.ui.page.groups;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.page.Page;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Consumer groups of one cluster with their lag and a filter; below, the selected group's partitions, members
 * and write actions ({@link GroupDetailView}). FX thread only.
 */
public final class GroupsPage implements Page {

    private final GroupsViewModel model;
    private final BorderPane root = new BorderPane();
    private TableView<GroupSummary> groupsTable;
    private final SplitPane split = new SplitPane();
    private boolean syncing;

    public GroupsPage(GroupsViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public Node view() {
        return root;
    }

    /** Adds a pane under the group's detail, e.g. its lag over time. */
    public void addBelow(Node node) {
        split.getItems().add(node);
        split.setDividerPositions(0.4, 0.75);
    }

    @Override
    public void shown() {
        model.setActive(true);
    }

    @Override
    public void hidden() {
        model.setActive(false);
    }

    private void build() {
        root.setId("groups-page");
        root.getStyleClass().add("groups-page");
        root.getStylesheets().add(GroupsPage.class.getResource("groups.css").toExternalForm());

        Label title = PageHeader.title("Consumer groups");
        ComboBox<String> cluster = PageHeader.clusterChooser("groups", model.clusterNames(),
                model.selectedClusterProperty());

        TextField filter = new TextField();
        filter.setId("groups-filter");
        filter.getStyleClass().add("page-search");
        filter.setPromptText("Filter by group id");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(360);

        HBox toolbar = PageHeader.toolbar("groups-toolbar", 12, cluster, filter, PageHeader.spacer(Priority.SOMETIMES),
                PageHeader.busy(model.loadingProperty()), PageHeader.refresh("groups", model::refresh));
        Label problem = PageHeader.problem("groups", model.problemProperty());

        root.setTop(new VBox(12, title, toolbar, problem));

        split.getItems().setAll(groupsTable(), new GroupDetailView(model).view());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        root.setCenter(split);

        Label status = new Label();
        status.setId("groups-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        root.setBottom(status);
    }

    private TableView<GroupSummary> groupsTable() {
        TableView<GroupSummary> table = Columns.table("groups-table", "No consumer groups");
        groupsTable = table;
        SortedList<GroupSummary> sorted = new SortedList<>(model.visibleGroups());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<GroupSummary, String> id = Columns.column("Group", GroupSummary::groupId);
        id.setPrefWidth(280);
        TableColumn<GroupSummary, String> state = Columns.column("State", g -> GroupsViewModel.title(g.state()));
        state.setPrefWidth(110);
        TableColumn<GroupSummary, Integer> members = Columns.column("Members", GroupSummary::members);
        Columns.numeric(members, 120);
        TableColumn<GroupSummary, Long> lag = GroupTables.offsetColumn("Total lag", GroupSummary::totalLag);
        TableColumn<GroupSummary, String> topics = Columns.column("Topics", g -> String.join(", ", g.topics()));
        topics.setPrefWidth(260);
        table.getColumns().setAll(List.of(id, state, members, lag, topics));
        table.getSortOrder().add(id);

        // The table's selection follows the model's, and survives refreshes that replace every row.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                model.selectedGroupProperty().set(now.groupId());
            }
        });
        table.getItems().addListener((ListChangeListener<GroupSummary>) change -> selectInTable());
        model.selectedGroupProperty().addListener((obs, old, now) -> selectInTable());
        return table;
    }

    private void selectInTable() {
        String group = model.selectedGroupProperty().get();
        syncing = true;
        try {
            GroupSummary row = group == null ? null : groupsTable.getItems().stream()
                    .filter(g -> g.groupId().equals(group)).findFirst().orElse(null);
            if (row == null) {
                groupsTable.getSelectionModel().clearSelection();
            } else if (groupsTable.getSelectionModel().getSelectedItem() != row) {
                // Multiple selection (for copying rows) would otherwise add the row to a stale selection.
                groupsTable.getSelectionModel().clearAndSelect(groupsTable.getItems().indexOf(row));
            }
        } finally {
            syncing = false;
        }
    }
}
