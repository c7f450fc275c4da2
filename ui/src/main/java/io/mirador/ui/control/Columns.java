package io.mirador.ui.control;

import java.util.OptionalLong;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Table and column building blocks the pages share, so every table looks and copies alike: dense striped tables,
 * columns over a getter, right-aligned numbers, and cells that format a value but keep it raw for sorting and
 * copying. Feature-specific cells (progress bars, state badges, offsets) stay with their feature. FX thread only.
 */
public final class Columns {

    /** What a cell shows for a missing value. */
    public static final String NONE = "–";

    private Columns() {
    }

    /** A dense, striped table that fills its width and copies its selected rows ({@link TableCopy}). */
    public static <S> TableView<S> table(String id, String placeholder) {
        TableView<S> table = new TableView<>();
        table.setId(id);
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(placeholder));
        TableCopy.install(table);
        return table;
    }

    /** A column showing {@code value} of each row. */
    public static <S, T> TableColumn<S, T> column(String title, Function<S, T> value) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    /** {@link #column(String, Function)} of the given preferred width. */
    public static <S, T> TableColumn<S, T> column(String title, double width, Function<S, T> value) {
        TableColumn<S, T> column = column(title, value);
        column.setPrefWidth(width);
        return column;
    }

    /** A right-aligned column of numbers. */
    public static <S, T> TableColumn<S, T> numeric(String title, Function<S, T> value, double width) {
        return numeric(column(title, value), width);
    }

    /** Right-aligns {@code column} (style class {@code numeric}) and gives it {@code width}. */
    public static <C extends TableColumn<?, ?>> C numeric(C column, double width) {
        column.getStyleClass().add("numeric");
        column.setPrefWidth(width);
        return column;
    }

    /** Cells that show a formatted value ({@link #NONE} for none) but keep the raw one, so sorting stays numeric. */
    public static <S, T> TableCell<S, T> formatted(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? NONE : format.apply(item));
            }
        };
    }

    /** A cell value from an optional number: null when absent, which {@link #formatted} shows as {@link #NONE}. */
    public static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
