package io.mirador.ui.page.messages;

import java.util.function.Function;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.TableCopy;
import io.mirador.ui.util.Formats;
import io.mirador.ui.util.TimeDisplay;
import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The results: a virtualized table (cells exist for visible rows only, and previews are built when a cell is
 * drawn, from the first bytes of a key or value only). Rows stay in the model's order (timestamp, partition,
 * offset), so columns do not sort. The selection drives {@link MessagesViewModel#selectedRecordProperty()}.
 *
 * <p>A live tail follows its newest row while the user is at the end of the table: new rows scroll it along. Once
 * the user scrolls up (wheel, scroll bar, keys) it stays where they are, and follows again when they come back to
 * the end or a new read starts. FX thread only.
 */
final class MessagesTable {

    private final MessagesViewModel model;
    private final TableView<KafkaRecord> table = new TableView<>();
    /** Set while the table's selection is aligned with the model's, so the echo is ignored. */
    private boolean syncing;
    /** Whether new rows of a live tail scroll the table to its end: the user is there (or has not moved yet). */
    private boolean following = true;
    /** The user scrolled, pressed a key or used the mouse since the table last looked where they are. */
    private boolean userMoved;
    /** New rows of a following tail wait for the next layout to be scrolled to. */
    private boolean scrollPending;

    MessagesTable(MessagesViewModel model) {
        this.model = model;
        build();
    }

    TableView<KafkaRecord> view() {
        return table;
    }

    private void build() {
        TimeDisplay time = model.timeDisplay();
        table.setId("messages-table");
        table.getStyleClass().add("messages-table");
        table.setPlaceholder(new Label("No records: choose a topic, then Read, Tail or Find by key"));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // Every row has the same height: the virtual flow then lays out 10,000 rows as cheaply as 10.
        table.setFixedCellSize(26);
        table.setItems(model.records());

        TableColumn<KafkaRecord, Integer> partition = column("Partition", KafkaRecord::partition, 80);
        partition.getStyleClass().add("numeric");
        TableColumn<KafkaRecord, Long> offset = column("Offset", KafkaRecord::offset, 100);
        offset.getStyleClass().add("numeric");
        TableColumn<KafkaRecord, Long> timestamp = column("Timestamp", KafkaRecord::timestamp, 190);
        timestamp.textProperty().bind(time.zoneProperty().map(z -> "Timestamp (" + time.zoneLabel() + ")"));
        timestamp.setCellFactory(col -> formatted(time::format));
        TableColumn<KafkaRecord, String> key = column("Key", r -> Previews.of(r.key()), 160);
        key.setCellFactory(col -> preview(KafkaRecord::key));
        TableColumn<KafkaRecord, String> value = column("Value", r -> Previews.of(r.value()), 420);
        value.setCellFactory(col -> preview(KafkaRecord::value));
        TableColumn<KafkaRecord, Integer> headers = column("Headers", r -> r.recordHeaders().size(), 80);
        headers.getStyleClass().add("numeric");
        TableColumn<KafkaRecord, Integer> size = column("Size", KafkaRecord::size, 90);
        size.getStyleClass().add("numeric");
        size.setCellFactory(col -> formatted(bytes -> Formats.bytes(bytes)));
        table.getColumns().setAll(java.util.List.of(partition, offset, timestamp, key, value, headers, size));

        // Times are formatted when drawn: a switch between local and UTC redraws the visible cells.
        time.zoneProperty().addListener((obs, old, now) -> table.refresh());
        TableCopy.install(table);
        syncSelection();
        followTail();
    }

    private void followTail() {
        for (var type : java.util.List.of(ScrollEvent.SCROLL, KeyEvent.KEY_PRESSED, MouseEvent.MOUSE_PRESSED,
                MouseEvent.MOUSE_DRAGGED, MouseEvent.MOUSE_RELEASED)) {
            table.addEventFilter(type, e -> userMoved = true);
        }
        table.skinProperty().addListener((obs, old, now) -> {
            VirtualFlow<?> flow = flow();
            if (flow != null) {
                flow.needsLayoutProperty().addListener((o, was, needs) -> {
                    if (!needs) {
                        laidOut(flow);
                    }
                });
            }
        });
        model.records().addListener((ListChangeListener<KafkaRecord>) change -> {
            if (model.records().isEmpty()) {
                following = true; // a new read starts at its end
                userMoved = false;
                scrollPending = false;
                return;
            }
            VirtualFlow<?> flow = flow();
            if (userMoved && flow != null) {
                // Moved but not laid out since: the flow still describes the rows before this change.
                learnWhereTheUserIs(flow);
            }
            if (following && model.liveProperty().get()) {
                // Scrolled once the flow has taken in the new rows: before, it would clamp to the old ones.
                scrollPending = true;
                table.requestLayout();
            }
        });
    }

    /** After a layout of the rows: scroll a following tail to its new end, or learn where the user went. */
    private void laidOut(VirtualFlow<?> flow) {
        if (scrollPending) {
            scrollPending = false;
            if (following && !model.records().isEmpty()) {
                // The very end: scrolling to the last row's index can stop a row short, as VirtualFlow estimates.
                flow.setPosition(1);
            }
        } else if (userMoved) {
            learnWhereTheUserIs(flow);
        }
    }

    private void learnWhereTheUserIs(VirtualFlow<?> flow) {
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (last == null && flow.getCellCount() > 0) {
            return; // the flow is between layouts of its cells: ask again later
        }
        userMoved = false;
        following = last == null || last.getIndex() >= flow.getCellCount() - 1;
    }

    private VirtualFlow<?> flow() {
        return table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    /**
     * Keeps the table's selection and the model's selected record together. A large out-of-order batch can
     * replace the rows, which empties the table's selection; the model's record is then kept and selected again.
     */
    private void syncSelection() {
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (syncing) {
                return;
            }
            KafkaRecord wanted = model.selectedRecordProperty().get();
            if (now == null && wanted != null && model.records().contains(wanted)) {
                return;
            }
            model.selectedRecordProperty().set(now);
        });
        model.records().addListener((ListChangeListener<KafkaRecord>) change -> {
            KafkaRecord wanted = model.selectedRecordProperty().get();
            if (wanted != null && table.getSelectionModel().getSelectedItem() == null) {
                int index = model.records().indexOf(wanted);
                if (index >= 0) {
                    select(index);
                }
            }
        });
        model.selectedRecordProperty().addListener((obs, old, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                int index = now == null ? -1 : model.records().indexOf(now);
                select(index);
            }
        });
    }

    private void select(int index) {
        syncing = true;
        try {
            if (index < 0) {
                table.getSelectionModel().clearSelection();
            } else {
                table.getSelectionModel().clearAndSelect(index);
            }
        } finally {
            syncing = false;
        }
    }

    private static <T> TableColumn<KafkaRecord, T> column(String title, Function<KafkaRecord, T> value, double width) {
        TableColumn<KafkaRecord, T> column = Columns.column(title, width, value);
        column.setSortable(false);
        return column;
    }

    private static <T> TableCell<KafkaRecord, T> formatted(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    /** A key or value preview; hex previews and missing values are styled apart from text. */
    private static TableCell<KafkaRecord, String> preview(Function<KafkaRecord, byte[]> bytes) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                KafkaRecord row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                getStyleClass().removeAll("binary", "absent");
                if (row != null) {
                    byte[] data = bytes.apply(row);
                    if (data == null) {
                        getStyleClass().add("absent");
                    } else if (Previews.isBinary(data)) {
                        getStyleClass().add("binary");
                    }
                }
            }
        };
    }
}
