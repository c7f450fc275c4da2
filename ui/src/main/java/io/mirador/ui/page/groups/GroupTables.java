package io.mirador.ui.page.groups;

import java.util.function.Function;

import io.mirador.ui.control.Columns;
import io.mirador.ui.util.Formats;
import javafx.scene.control.TableColumn;

/**
 * The groups' own column: offsets and lags, shared by the page's tables and the reset dialog's preview (the
 * general table and column helpers are in {@link Columns}). FX thread only.
 */
final class GroupTables {

    private GroupTables() {
    }

    /** A right-aligned column of offsets or counts, shown grouped ("1,024"), sorted and copied raw. */
    static <S> TableColumn<S, Long> offsetColumn(String title, Function<S, Long> value) {
        TableColumn<S, Long> column = Columns.column(title, value);
        column.setCellFactory(col -> Columns.formatted(Formats::count));
        return Columns.numeric(column, 120);
    }
}
