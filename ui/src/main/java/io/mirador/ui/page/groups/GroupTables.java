package io.mirador.ui.page.groups;

import java.util.OptionalLong;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.TableCopy;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Table building blocks shared by the page's tables and the reset dialog's preview. FX thread only. */
final class GroupTables {

    private GroupTables() {
    }

    /** A dense, striped table that fills its width and copies its selected rows ({@link TableCopy}). */
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

    /** A right-aligned column of offsets or counts, shown grouped ("1,024"), sorted and copied raw. */
    static <S> TableColumn<S, Long> offsetColumn(String title, Function<S, Long> value) {
        TableColumn<S, Long> column = column(title, value);
        column.setCellFactory(col -> formatted());
        numeric(column);
        return column;
    }

    static void numeric(TableColumn<?, ?> column) {
        column.getStyleClass().add("numeric");
        column.setPrefWidth(120);
    }

    static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** Cells that show a formatted number ("–" for none) but keep the raw value, so sorting stays numeric. */
    static <S> TableCell<S, Long> formatted() {
        return new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "–" : Formats.count(item));
            }
        };
    }
}
