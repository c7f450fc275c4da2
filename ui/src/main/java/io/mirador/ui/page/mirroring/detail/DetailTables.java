package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.TableCopy;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Table building blocks of the route detail: columns, number, progress and state cells, kept selection. FX thread. */
final class DetailTables {

    private DetailTables() {
    }

    /**
     * A dense, striped table over {@code items} that copies its selected rows ({@link TableCopy}). The items are
     * wrapped in a {@link SortedList} bound to the table's sort order, so clicking a header sorts the view only
     * and the model's lists stay as the model ordered them.
     */
    static <S> TableView<S> table(String id, String placeholder, ObservableList<S> items) {
        TableView<S> table = Columns.table(id, placeholder);
        SortedList<S> sorted = new SortedList<>(items);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        return table;
    }

    static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value) {
        return Columns.column(title, width, value);
    }

    /** Right-aligned counts or offsets shown grouped ("1,024"), negative as "–"; sorted and copied raw. */
    static <S> TableColumn<S, Long> count(String title, double width, Function<S, Long> value) {
        return formatted(title, width, value, v -> v < 0 ? "–" : Formats.count(v));
    }

    /** Right-aligned numbers shown through {@code format}; sorted and copied raw. */
    static <S, T extends Number> TableColumn<S, T> formatted(String title, double width, Function<S, T> value,
                                                              Function<T, String> format) {
        TableColumn<S, T> column = Columns.numeric(Columns.column(title, value), width);
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        return column;
    }

    /** A bar of the fraction (checkpoint over end offset) with its percentage; the cell value stays the fraction. */
    static <S> TableColumn<S, Double> progress(String title, double width, Function<S, Double> fraction) {
        TableColumn<S, Double> column = column(title, width, fraction);
        column.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label percent = new Label();
            private final HBox box = new HBox(6, bar, percent);

            {
                bar.getStyleClass().addAll(Styles.SMALL, "route-progress");
                bar.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(bar, Priority.ALWAYS);
                percent.setMinWidth(56); // "100.0%" whole, however narrow the column
                percent.setAlignment(Pos.CENTER_RIGHT);
                box.setAlignment(Pos.CENTER_LEFT);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                bar.setProgress(item);
                percent.setText(percent(item));
                setGraphic(box);
            }
        });
        return column;
    }

    /** A coloured badge of a partition or topic state; STALLED in the danger colour. */
    static <S> TableColumn<S, String> state(String title, double width, Function<S, String> state) {
        TableColumn<S, String> column = column(title, width, state);
        column.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            {
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                badge.setText(stateLabel(item));
                badge.getStyleClass().setAll("label", "state-badge", stateClass(item));
                setText(item);
                setGraphic(badge);
            }
        });
        return column;
    }

    /** "CAUGHT_UP" to "caught up". */
    static String stateLabel(String state) {
        return state.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** The style class of a state's badge: {@code state-stalled}, {@code state-running}, ... */
    static String stateClass(String state) {
        return "state-" + state.replace('_', '-').toLowerCase(Locale.ROOT);
    }

    static String percent(double fraction) {
        // 99.96% would round to "100.0%" while records are still missing: floor to one decimal instead.
        double tenths = Math.floor(fraction * 1000) / 10;
        return String.format(Locale.ROOT, "%.1f%%", tenths);
    }

    /**
     * Keeps a table's selection in the model's key across polls. The model replaces its rows every poll, which
     * clears the table's selection: while {@code updating} is true that transient "nothing" is not copied into
     * {@code key}, and when {@code version} moves the rows selected before (all of them, for copying) are
     * selected again, the one with the model's key last so it stays the selected item.
     */
    static <S, K> void keepSelection(TableView<S> table, Function<S, K> keyOf, ObjectProperty<K> key,
                                     ObservableBooleanValue updating, ObservableValue<Number> version) {
        var selection = table.getSelectionModel();
        boolean[] restoring = {false};
        List<K> kept = new ArrayList<>();
        selection.selectedItemProperty().addListener((obs, old, now) -> {
            if (!updating.get() && !restoring[0]) {
                key.set(now == null ? null : keyOf.apply(now));
            }
        });
        updating.addListener((obs, was, now) -> {
            if (now) {
                kept.clear();
                selection.getSelectedItems().forEach(r -> kept.add(keyOf.apply(r)));
            }
        });
        version.addListener((obs, old, now) -> {
            restoring[0] = true;
            try {
                selection.clearSelection();
                K wanted = key.get();
                int wantedIndex = -1;
                for (int i = 0; i < table.getItems().size(); i++) {
                    K k = keyOf.apply(table.getItems().get(i));
                    if (Objects.equals(k, wanted)) {
                        wantedIndex = i;
                    } else if (kept.contains(k)) {
                        selection.select(i);
                    }
                }
                if (wantedIndex >= 0) {
                    selection.select(wantedIndex);
                }
            } finally {
                restoring[0] = false;
            }
        });
        // The key set from elsewhere (cleared because its row left, or chosen by the model): follow it.
        key.addListener((obs, old, now) -> {
            S current = selection.getSelectedItem();
            if (current != null && Objects.equals(keyOf.apply(current), now)) {
                return;
            }
            restoring[0] = true;
            try {
                int index = -1;
                for (int i = 0; now != null && i < table.getItems().size(); i++) {
                    if (Objects.equals(keyOf.apply(table.getItems().get(i)), now)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    selection.clearSelection();
                } else {
                    selection.clearAndSelect(index);
                }
            } finally {
                restoring[0] = false;
            }
        });
    }
}
