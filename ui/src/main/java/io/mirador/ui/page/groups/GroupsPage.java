package io.mirador.ui.page.groups;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.page.Page;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Consumer groups of one cluster with their lag; the selected group's partitions below. */
public final class GroupsPage implements Page {

    private final GroupsViewModel model;
    private final BorderPane root = new BorderPane();
    private TableView<GroupSummary> groupsTable;
    private boolean syncing;

    public GroupsPage(GroupsViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public Node view() {
        return root;
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

        Label title = new Label("Consumer groups");
        title.getStyleClass().add(Styles.TITLE_2);

        ComboBox<String> cluster = new ComboBox<>(model.clusterNames());
        cluster.setId("groups-cluster");
        cluster.setPromptText("Cluster");
        cluster.valueProperty().bindBidirectional(model.selectedClusterProperty());

        TextField filter = new TextField();
        filter.setId("groups-filter");
        filter.setPromptText("Filter by group id");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(360);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.loadingProperty());

        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("groups-refresh");
        refresh.setOnAction(e -> model.refresh());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.SOMETIMES);
        HBox toolbar = new HBox(12, cluster, filter, spacer, busy, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("groups-toolbar");

        Label problem = new Label();
        problem.setId("groups-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        root.setTop(new VBox(12, title, toolbar, problem));

        Label detailTitle = new Label();
        detailTitle.setId("group-detail-title");
        detailTitle.getStyleClass().add(Styles.TITLE_4);
        detailTitle.textProperty().bind(model.detailTitleProperty());
        TableView<PartitionLag> partitions = partitionsTable();
        VBox.setVgrow(partitions, Priority.ALWAYS);
        VBox detail = new VBox(8, detailTitle, partitions);
        detail.getStyleClass().add("group-detail");

        SplitPane split = new SplitPane(groupsTable(), detail);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);

        Label status = new Label();
        status.setId("groups-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        root.setBottom(status);
    }

    private TableView<GroupSummary> groupsTable() {
        TableView<GroupSummary> table = new TableView<>();
        groupsTable = table;
        table.setId("groups-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        SortedList<GroupSummary> sorted = new SortedList<>(model.visibleGroups());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No consumer groups"));

        TableColumn<GroupSummary, String> id = column("Group", GroupSummary::groupId);
        id.setPrefWidth(280);
        TableColumn<GroupSummary, String> state = column("State", g -> GroupsViewModel.title(g.state()));
        state.setPrefWidth(110);
        TableColumn<GroupSummary, Integer> members = column("Members", GroupSummary::members);
        TableColumn<GroupSummary, Long> lag = column("Total lag", GroupSummary::totalLag);
        lag.setCellFactory(col -> formatted(Formats::count));
        for (TableColumn<GroupSummary, ?> numeric : List.of(members, lag)) {
            numeric.getStyleClass().add("numeric");
            numeric.setPrefWidth(110);
        }
        TableColumn<GroupSummary, String> topics = column("Topics", g -> String.join(", ", g.topics()));
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
                groupsTable.getSelectionModel().select(row);
            }
        } finally {
            syncing = false;
        }
    }

    private TableView<PartitionLag> partitionsTable() {
        TableView<PartitionLag> table = new TableView<>(model.partitions());
        table.setId("group-partitions");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No partitions"));

        TableColumn<PartitionLag, String> topic = column("Topic", PartitionLag::topic);
        topic.setPrefWidth(240);
        TableColumn<PartitionLag, Integer> partition = column("Partition", PartitionLag::partition);
        TableColumn<PartitionLag, Long> committed = column("Committed offset", p -> boxed(p.committed()));
        TableColumn<PartitionLag, Long> end = column("End offset", p -> boxed(p.end()));
        TableColumn<PartitionLag, Long> lag = column("Lag", p -> boxed(p.lag()));
        for (TableColumn<PartitionLag, Long> offset : List.of(committed, end, lag)) {
            offset.setCellFactory(col -> formatted(Formats::count));
        }
        for (TableColumn<PartitionLag, ?> numeric : List.of(partition, committed, end, lag)) {
            numeric.getStyleClass().add("numeric");
            numeric.setPrefWidth(120);
        }
        TableColumn<PartitionLag, String> member = column("Assigned member",
                p -> p.assignedMember() == null ? "" : p.assignedMember());
        member.setPrefWidth(260);
        table.getColumns().setAll(List.of(topic, partition, committed, end, lag, member));
        return table;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Cells that show a formatted number ("–" for none) but keep the raw value, so sorting stays numeric. */
    private static <S> TableCell<S, Long> formatted(Function<Long, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "–" : format.apply(item));
            }
        };
    }
}
