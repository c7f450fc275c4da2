package io.mirador.ui.page.topics;

import java.util.List;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.TopicSummary;
import io.mirador.ui.page.Page;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
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

/** Topics of one cluster in a sortable table, with a name filter and the internal-topics switch. */
public final class TopicsPage implements Page {

    private final TopicsViewModel model;
    private final BorderPane root = new BorderPane();

    public TopicsPage(TopicsViewModel model) {
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
        root.setId("topics-page");
        root.getStyleClass().add("topics-page");
        root.getStylesheets().add(TopicsPage.class.getResource("topics.css").toExternalForm());

        Label title = new Label("Topics");
        title.getStyleClass().add(Styles.TITLE_2);

        ComboBox<String> cluster = new ComboBox<>(model.clusterNames());
        cluster.setId("topics-cluster");
        cluster.setPromptText("Cluster");
        cluster.valueProperty().bindBidirectional(model.selectedClusterProperty());

        TextField filter = new TextField();
        filter.setId("topics-filter");
        filter.setPromptText("Filter by name");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(360);

        CheckBox internal = new CheckBox("Show internal");
        internal.setId("topics-internal");
        internal.selectedProperty().bindBidirectional(model.showInternalProperty());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.loadingProperty());

        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("topics-refresh");
        refresh.setOnAction(e -> model.refresh());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.SOMETIMES);
        HBox toolbar = new HBox(12, cluster, filter, internal, spacer, busy, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("topics-toolbar");

        Label problem = new Label();
        problem.setId("topics-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        root.setTop(new VBox(12, title, toolbar, problem));
        root.setCenter(table());

        Label status = new Label();
        status.setId("topics-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        root.setBottom(status);
    }

    private TableView<TopicSummary> table() {
        TableView<TopicSummary> table = new TableView<>();
        table.setId("topics-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        SortedList<TopicSummary> sorted = new SortedList<>(model.visibleTopics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No topics"));

        TableColumn<TopicSummary, String> name = column("Name", TopicSummary::name);
        name.setPrefWidth(320);
        name.setCellFactory(col -> new TableCell<>() {
            {
                setContentDisplay(ContentDisplay.RIGHT);
                setGraphicTextGap(8);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                TopicSummary row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setGraphic(row != null && row.internal() ? internalBadge() : null);
            }
        });
        TableColumn<TopicSummary, Integer> partitions = column("Partitions", TopicSummary::partitions);
        TableColumn<TopicSummary, Integer> rf = column("Replication factor", TopicSummary::replicationFactor);
        TableColumn<TopicSummary, Long> records = column("Records", TopicSummary::records);
        records.setCellFactory(col -> formatted(Formats::count));
        TableColumn<TopicSummary, Long> size = column("Size", TopicSummary::sizeBytes);
        size.setCellFactory(col -> formatted(Formats::bytes));
        for (TableColumn<TopicSummary, ?> numeric : List.of(partitions, rf, records, size)) {
            numeric.getStyleClass().add("numeric");
            numeric.setPrefWidth(120);
        }
        rf.setPrefWidth(150);
        table.getColumns().setAll(List.of(name, partitions, rf, records, size));
        table.getSortOrder().add(name);
        return table;
    }

    private static <T> TableColumn<TopicSummary, T> column(String title, Function<TopicSummary, T> value) {
        TableColumn<TopicSummary, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Cells that show a formatted number but keep the raw value, so sorting stays numeric. */
    private static TableCell<TopicSummary, Long> formatted(Function<Long, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    private static Node internalBadge() {
        Label badge = new Label("internal");
        badge.getStyleClass().add("internal-badge");
        return badge;
    }
}
