package io.mirador.ui.page.messages.inspect;

import java.util.function.Consumer;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The selected record in full: value and key viewers (format switch, JSON tree, hex), headers, metadata, and copy
 * buttons. Give it the page's selection; it follows it. Node ids: {@code record-detail}, {@code record-value-*},
 * {@code record-key-*}, {@code record-headers}, {@code record-metadata}, {@code record-copy-*}. FX thread only.
 */
public final class RecordDetailPane {

    private final RecordDetailModel model;
    private final BorderPane root = new BorderPane();

    /** Builds the model too: {@code record} is the selection to follow (null: nothing selected). */
    public RecordDetailPane(ObservableValue<KafkaRecord> record, ValueRenderer renderer, TaskExecutor executor,
                            TimeDisplay time) {
        this(new RecordDetailModel(record, renderer, executor, time));
    }

    public RecordDetailPane(RecordDetailModel model) {
        this.model = model;
        build();
    }

    public Node view() {
        return root;
    }

    public RecordDetailModel model() {
        return model;
    }

    private void build() {
        root.setId("record-detail");
        root.getStyleClass().add("record-detail");
        root.getStylesheets().add(RecordDetailPane.class.getResource("inspect.css").toExternalForm());

        Label title = new Label();
        title.setId("record-detail-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMinWidth(0);
        title.textProperty().bind(model.titleProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button copyKey = copyButton("record-copy-key", "Key", "Copy the key", model::copyKey);
        Button copyValue = copyButton("record-copy-value", "Value", "Copy the value", model::copyValue);
        Button copyHeaders = copyButton("record-copy-headers", "Headers", "Copy the headers, one per line",
                model::copyHeaders);
        Button copyRecord = copyButton("record-copy-json", "As JSON", "Copy the record as one JSON line (the export form)",
                model::copyRecord);
        HBox copies = new HBox(2, new Label("Copy:"), copyKey, copyValue, copyHeaders, copyRecord);
        copies.setAlignment(Pos.CENTER_LEFT);
        copies.disableProperty().bind(model.recordProperty().isNull());
        HBox top = new HBox(8, title, grow, copies);
        top.setAlignment(Pos.CENTER_LEFT);
        top.getStyleClass().add("record-detail-bar");

        ValueViewer value = new ValueViewer("record-value", model.value(), v -> model.copyValue(RecordDetailPane::toClipboard));
        ValueViewer key = new ValueViewer("record-key", model.key(), v -> model.copyKey(RecordDetailPane::toClipboard));
        Tab valueTab = tab("record-value-tab", "Value", value.view());
        Tab keyTab = tab("record-key-tab", "Key", key.view());
        Tab headersTab = tab("record-headers-tab", "Headers", headersTable());
        headersTab.textProperty().bind(Bindings.size(model.headers()).asString("Headers (%d)"));
        Tab metadataTab = tab("record-metadata-tab", "Metadata", metadataTable());
        TabPane tabs = new TabPane(valueTab, keyTab, headersTab, metadataTab);
        tabs.setId("record-detail-tabs");
        tabs.disableProperty().bind(model.recordProperty().isNull());

        Label notice = new Label();
        notice.setId("record-detail-notice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(model.noticeProperty());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());

        root.setTop(top);
        root.setCenter(tabs);
        root.setBottom(notice);
    }

    private TableView<RecordDetailModel.HeaderRow> headersTable() {
        TableView<RecordDetailModel.HeaderRow> table = new TableView<>(model.headers());
        table.setId("record-headers");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No headers"));
        table.getColumns().add(column("Name", 160, RecordDetailModel.HeaderRow::name));
        table.getColumns().add(column("As", 50, RecordDetailModel.HeaderRow::encoding));
        table.getColumns().add(column("Value", 300, RecordDetailModel.HeaderRow::value));
        return table;
    }

    private TableView<RecordDetailModel.Field> metadataTable() {
        TableView<RecordDetailModel.Field> table = new TableView<>(model.metadata());
        table.setId("record-metadata");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No record selected"));
        table.getColumns().add(column("Field", 140, RecordDetailModel.Field::name));
        table.getColumns().add(column("Value", 320, RecordDetailModel.Field::value));
        return table;
    }

    private static <S> TableColumn<S, String> column(String title, double width, java.util.function.Function<S, String> get) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(get.apply(cell.getValue())).getReadOnlyProperty());
        return column;
    }

    private static Tab tab(String id, String text, Node content) {
        Tab tab = new Tab(text, content instanceof Region ? content : new VBox(content));
        tab.setId(id);
        tab.setClosable(false);
        return tab;
    }

    private static Button copyButton(String id, String text, String tip, Consumer<Consumer<String>> action) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        button.setGraphic(new FontIcon(Feather.COPY));
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.accept(RecordDetailPane::toClipboard));
        return button;
    }

    private static void toClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
