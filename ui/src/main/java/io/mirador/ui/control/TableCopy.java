package io.mirador.ui.control;

import java.util.List;
import java.util.stream.Collectors;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Lets a table copy its selected rows: Ctrl/Cmd+C and a "Copy rows" context-menu item put them on the
 * clipboard as tab-separated text with a header line, ready to paste into a spreadsheet. The text of a cell is
 * what its column's cell value is, so numbers are copied raw, not as shown ("1234567", not "1.2 MB"); fractions
 * are rounded to three decimals, enough for rates, without the float noise of 1.6055134613462372. FX thread only.
 */
public final class TableCopy {

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private TableCopy() {
    }

    /** Turns on multiple selection and installs the shortcut and the menu item (added to any existing menu). */
    public static <S> void install(TableView<S> table) {
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (COPY.match(event)) {
                copy(table);
                event.consume();
            }
        });
        MenuItem item = new MenuItem("Copy rows");
        item.setAccelerator(COPY);
        item.setOnAction(e -> copy(table));
        ContextMenu menu = table.getContextMenu() != null ? table.getContextMenu() : new ContextMenu();
        menu.getItems().add(item);
        table.setContextMenu(menu);
    }

    /** Puts the selected rows on the clipboard; does nothing when none is selected. */
    public static <S> void copy(TableView<S> table) {
        List<S> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text(table, rows));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The rows as TSV: a header line with the visible columns' titles, then one line per row. */
    public static <S> String text(TableView<S> table, List<S> rows) {
        List<TableColumn<S, ?>> columns = table.getVisibleLeafColumns();
        StringBuilder text = new StringBuilder();
        text.append(columns.stream().map(c -> clean(c.getText())).collect(Collectors.joining("\t"))).append('\n');
        for (S row : rows) {
            int index = table.getItems().indexOf(row);
            text.append(columns.stream()
                    .map(c -> clean(cellText(c.getCellData(index))))
                    .collect(Collectors.joining("\t"))).append('\n');
        }
        return text.toString();
    }

    /** A cell value as copied: empty for none, fractions to at most three decimals, anything else as is. */
    static String cellText(Object value) {
        if (value == null) {
            return "";
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return java.math.BigDecimal.valueOf(((Number) value).doubleValue())
                    .setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String clean(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
