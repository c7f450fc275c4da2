package io.mirador.ui.page.topics;

import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.TableCopy;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Column and table helpers shared by the page's tables. FX thread only. */
final class Tables {

    private Tables() {
    }

    /** A dense striped table with copyable rows, filling its width. */
    static <S> TableView<S> table(String id, String placeholder) {
        TableView<S> table = new TableView<>();
        table.setId(id);
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(placeholder));
        TableCopy.install(table);
        return table;
    }

    static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** A right-aligned column of numbers. */
    static <S, T> TableColumn<S, T> numeric(String title, Function<S, T> value, double width) {
        TableColumn<S, T> column = column(title, value);
        column.getStyleClass().add("numeric");
        column.setPrefWidth(width);
        return column;
    }

    /** Cells that show a formatted value ("–" for none) but keep the raw one, so sorting stays numeric. */
    static <S, T> TableCell<S, T> formatted(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "–" : format.apply(item));
            }
        };
    }
}
