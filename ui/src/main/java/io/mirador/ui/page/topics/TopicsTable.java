package io.mirador.ui.page.topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.mirador.cluster.TopicSummary;
import io.mirador.ui.control.Columns;
import io.mirador.ui.util.Formats;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * The topic list: a virtualized table (only visible rows get cells, so 10,000 topics stay fast), sorted by
 * column, whose selection drives the toolbar's actions; double-click or Enter opens the detail. FX thread only.
 */
final class TopicsTable {

    private final TopicsViewModel model;
    private final TableView<TopicSummary> table = Columns.table("topics-table", "No topics");
    /** Set while the table's selection is being aligned with the model's, so the echo is ignored. */
    private boolean syncing;
    /** Names selected before a reload, to select again once its rows are in; null when none is pending. */
    private List<String> reselect;

    TopicsTable(TopicsViewModel model) {
        this.model = model;
        build();
    }

    TableView<TopicSummary> view() {
        return table;
    }

    private void build() {
        SortedList<TopicSummary> sorted = new SortedList<>(model.visibleTopics());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        TableColumn<TopicSummary, String> name = Columns.column("Name", TopicSummary::name);
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
        TableColumn<TopicSummary, Integer> partitions = Columns.numeric("Partitions", TopicSummary::partitions, 110);
        TableColumn<TopicSummary, Integer> rf = Columns.numeric("Replication factor",
                TopicSummary::replicationFactor, 150);
        TableColumn<TopicSummary, Long> records = Columns.numeric("Records", TopicSummary::records, 120);
        records.setCellFactory(col -> Columns.formatted(Formats::count));
        TableColumn<TopicSummary, Long> size = Columns.numeric("Size", TopicSummary::sizeBytes, 110);
        size.setCellFactory(col -> Columns.formatted(Formats::bytes));
        // Read at cell update: the view-model replaces the rates before the rows, so redrawn rows show new rates.
        TableColumn<TopicSummary, Double> rate = Columns.numeric("In-rate", t -> model.inRate(t.name()), 120);
        rate.setCellFactory(col -> Columns.formatted(TopicsTable::rate));
        table.getColumns().setAll(List.of(name, partitions, rf, records, size, rate));
        table.getSortOrder().add(name);

        // A reload replaces every row, which clears the table's selection. The names selected are captured when
        // the model's full list changes, which it reports before the filtered and sorted rows do, and selected
        // again once the rows are in; meanwhile the emptied selection is not passed on to the model.
        model.allTopics().addListener((ListChangeListener<TopicSummary>) change -> reselect = selectedNames());
        // Always followed, reloads included: the reselection ends on the true count.
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TopicSummary>) change ->
                model.selectedCountProperty().set(table.getSelectionModel().getSelectedItems().size()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                model.selectedTopicProperty().set(now.name());
            }
        });
        table.getItems().addListener((ListChangeListener<TopicSummary>) change -> {
            if (reselect != null) {
                select(reselect);
                reselect = null;
            }
        });
        model.selectedTopicProperty().addListener((obs, old, now) -> {
            TopicSummary selected = table.getSelectionModel().getSelectedItem();
            if (now == null) {
                select(List.of());
            } else if (selected == null || !selected.name().equals(now)) {
                select(List.of(now));
            }
        });
        table.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                openSelected();
            }
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected();
                e.consume();
            }
        });
    }

    private void openSelected() {
        TopicSummary row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            model.openDetail(row.name());
        }
    }

    private List<String> selectedNames() {
        return table.getSelectionModel().getSelectedItems().stream().map(TopicSummary::name).toList();
    }

    /** Selects the rows of {@code names} still shown, the model's selected topic last so it stays the focus. */
    private void select(List<String> names) {
        Set<String> wanted = new HashSet<>(names);
        String focus = model.selectedTopicProperty().get();
        int focusRow = -1;
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            String name = table.getItems().get(i).name();
            if (name.equals(focus) && wanted.contains(name)) {
                focusRow = i;
            } else if (wanted.contains(name)) {
                rows.add(i);
            }
        }
        if (focusRow >= 0) {
            rows.add(focusRow);
        }
        syncing = true;
        try {
            table.getSelectionModel().clearSelection();
            if (!rows.isEmpty()) {
                int[] rest = rows.subList(1, rows.size()).stream().mapToInt(Integer::intValue).toArray();
                table.getSelectionModel().selectIndices(rows.get(0), rest);
            }
        } finally {
            syncing = false;
        }
    }

    /** "0", "0.4/s", "12.5/s", "1,234/s". */
    static String rate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        if (perSecond < 100) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return Formats.count(Math.round(perSecond)) + "/s";
    }

    private static Node internalBadge() {
        Label badge = new Label("internal");
        badge.getStyleClass().add("internal-badge");
        return badge;
    }
}
