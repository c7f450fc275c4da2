package io.mirador.ui.page.mirroring.detail;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.util.TimeDisplay;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The "Events" tab: the route's event log (topics added, partitions moved, stuck partitions, errors), newest
 * first, with level, kind and text filters. Times follow the window's local/UTC switch. FX thread only.
 */
final class EventsTab {

    private static final String ALL_KINDS = "All kinds";

    private final EventFilter filter;
    private final TimeDisplay time;
    private final TableView<ReplicationEvent> table;
    private final VBox root;

    EventsTab(EventFilter filter, TimeDisplay time) {
        this.filter = filter;
        this.time = time;

        ComboBox<EventFilter.Level> level = new ComboBox<>(FXCollections.observableArrayList(EventFilter.Level.values()));
        level.setId("route-events-level");
        level.setConverter(converter(l -> l == null ? "" : l.label()));
        level.valueProperty().bindBidirectional(filter.levelProperty());

        // null stands for "every kind" in the model; a ComboBox shows it as the first item.
        // Kinds only ever grow; items are appended, never replaced, so the combo keeps its chosen value.
        ObservableList<String> kindItems = FXCollections.observableArrayList(ALL_KINDS);
        kindItems.addAll(filter.kinds());
        filter.kinds().addListener((javafx.collections.ListChangeListener<String>) c ->
                filter.kinds().stream().filter(k -> !kindItems.contains(k)).forEach(kindItems::add));
        ComboBox<String> kind = new ComboBox<>(kindItems);
        kind.setId("route-events-kind");
        kind.setValue(ALL_KINDS);
        kind.valueProperty().addListener((obs, old, now) ->
                filter.kindProperty().set(now == null || ALL_KINDS.equals(now) ? null : now));
        filter.kindProperty().addListener((obs, old, now) -> kind.setValue(now == null ? ALL_KINDS : now));

        TextField text = new TextField();
        text.setId("route-events-text");
        text.setPromptText("Filter messages");
        text.setPrefColumnCount(24);
        text.textProperty().bindBidirectional(filter.textProperty());

        Label count = new Label();
        count.setId("route-events-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(filter.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, level, kind, text, spacer, count);
        bar.setAlignment(Pos.CENTER_LEFT);

        table = eventsTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(6, bar, table);
        root.getStyleClass().add("route-events-tab");
    }

    Node view() {
        return root;
    }

    private TableView<ReplicationEvent> eventsTable() {
        TableView<ReplicationEvent> t = DetailTables.table("route-events", "No events", filter.visibleEvents());
        TableColumn<ReplicationEvent, Long> when = DetailTables.column("Time", 190, ReplicationEvent::timestampMs);
        when.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : time.format(item));
            }
        });
        // The time column re-renders in the other zone when the local/UTC switch moves.
        time.zoneProperty().addListener((obs, old, now) -> t.refresh());
        TableColumn<ReplicationEvent, String> level = DetailTables.column("Level", 80, ReplicationEvent::level);
        level.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("event-warn", "event-error");
                setText(empty || item == null ? null : item);
                if (!empty && "WARN".equals(item)) {
                    getStyleClass().add("event-warn");
                } else if (!empty && "ERROR".equals(item)) {
                    getStyleClass().add("event-error");
                }
            }
        });
        t.getColumns().setAll(List.of(when, level,
                DetailTables.column("Kind", 150, ReplicationEvent::kind),
                DetailTables.column("Message", 600, ReplicationEvent::message)));
        return t;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
