package io.mirador.ui.page.brokers;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Column and cell helpers of the Brokers page's tables. FX thread only. */
final class Cells {

    static final String NONE = "–";

    private Cells() {
    }

    static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** Cells that show a formatted value ("–" for none) but keep the raw one, so sorting stays numeric. */
    static <S, T> TableCell<S, T> formatted(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? NONE : format.apply(item));
            }
        };
    }
}
