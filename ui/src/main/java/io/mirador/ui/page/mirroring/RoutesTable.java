package io.mirador.ui.page.mirroring;

import java.util.Locale;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.TableCopy;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

/**
 * The routes: state, where from and to, what, and how fast, with a records-per-second sparkline. Cells are bound
 * to each row's properties, so a poll redraws only what changed. Selection drives the toolbar; double-click or
 * Enter opens the route's detail. FX thread only.
 */
final class RoutesTable {

    private final RoutesViewModel model;
    private final TableView<RouteRow> table = new TableView<>();
    /** Set while the table's selection follows the model's, so the echo is ignored. */
    private boolean syncing;

    RoutesTable(RoutesViewModel model) {
        this.model = model;
        build();
    }

    TableView<RouteRow> view() {
        return table;
    }

    private void build() {
        table.setId("routes-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No routes yet: “New route…” copies topics from one cluster to another."));
        SortedList<RouteRow> sorted = new SortedList<>(model.routes());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TableCopy.install(table);

        TableColumn<RouteRow, String> name = column("Name", r -> new ReadOnlyObjectWrapper<>(r.name()), 170);
        TableColumn<RouteRow, String> state = column("State", RouteRow::stateProperty, 100);
        state.setCellFactory(col -> new StateCell());
        TableColumn<RouteRow, String> clusters = column("Source → target",
                r -> r.definitionProperty().map(d -> r.clusters()), 170);
        TableColumn<RouteRow, String> topics = column("Topics", r -> r.definitionProperty().map(d -> r.topicsSummary()),
                170);
        TableColumn<RouteRow, String> naming = column("Naming", r -> r.definitionProperty().map(d -> r.naming()), 75);
        TableColumn<RouteRow, Double> rate = numeric("Records/s", RouteRow::recordsPerSecondProperty, 85,
                RouteNumbers::rate);
        TableColumn<RouteRow, Long> lag = numeric("Lag", RouteRow::lagProperty, 85, RouteNumbers::count);
        TableColumn<RouteRow, Double> p99 = numeric("Age p99", RouteRow::latencyP99Property, 80, RouteNumbers::millis);
        TableColumn<RouteRow, double[]> trend = column("Last minutes", RouteRow::trendProperty, 110);
        trend.setSortable(false);
        trend.setCellFactory(col -> new TrendCell());
        table.getColumns().setAll(java.util.List.of(name, state, clusters, topics, naming, rate, lag, p99, trend));

        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (!syncing) {
                model.selectedRouteProperty().set(row == null ? null : row.name());
            }
        });
        model.selectedRouteProperty().addListener((obs, old, now) -> select(now));
        table.setRowFactory(view -> {
            TableRow<RouteRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.open(row.getItem().name());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && model.selectedRouteProperty().get() != null) {
                model.openSelected();
                e.consume();
            }
        });
    }

    private void select(String name) {
        RouteRow current = table.getSelectionModel().getSelectedItem();
        if (current != null && current.name().equals(name)) {
            return;
        }
        syncing = true;
        try {
            if (name == null) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().ifPresent(r -> {
                    table.getSelectionModel().clearSelection();
                    table.getSelectionModel().select(r);
                });
            }
        } finally {
            syncing = false;
        }
    }

    private static <T> TableColumn<RouteRow, T> column(String title, Function<RouteRow, ObservableValue<T>> value,
                                                       double width) {
        TableColumn<RouteRow, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> value.apply(cell.getValue()));
        column.setPrefWidth(width);
        return column;
    }

    /** Right-aligned, showing a formatted value but sorting by the raw one. */
    private static <T> TableColumn<RouteRow, T> numeric(String title, Function<RouteRow, ObservableValue<T>> value,
                                                        double width, Function<T, String> format) {
        TableColumn<RouteRow, T> column = column(title, value, width);
        column.getStyleClass().add("numeric");
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        });
        return column;
    }

    /**
     * A colored badge; the engine's error as tooltip, read when the state changes (a failure comes with FAILED,
     * so a new error under an unchanged state is the one case it can lag a poll behind).
     */
    private static final class StateCell extends TableCell<RouteRow, String> {
        private final Label badge = new Label();

        StateCell() {
            badge.getStyleClass().add("route-state");
        }

        @Override
        protected void updateItem(String state, boolean empty) {
            super.updateItem(state, empty);
            RouteRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (row == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String shown = state == null || state.isEmpty() ? "UNKNOWN" : state;
            badge.setText(shown.charAt(0) + shown.substring(1).toLowerCase(Locale.ROOT));
            badge.getStyleClass().removeIf(c -> c.startsWith("state-"));
            badge.getStyleClass().add("state-" + shown.toLowerCase(Locale.ROOT));
            setGraphic(badge);
            String error = row.errorProperty().get();
            setTooltip(error.isEmpty() ? null : new Tooltip(error));
        }
    }

    private static final class TrendCell extends TableCell<RouteRow, double[]> {
        private final Sparkline line = new Sparkline();

        @Override
        protected void updateItem(double[] values, boolean empty) {
            super.updateItem(values, empty);
            if (empty || values == null) {
                setGraphic(null);
                return;
            }
            line.setValues(values);
            setGraphic(line);
        }
    }
}
