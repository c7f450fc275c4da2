package io.mirador.ui.page.messages.inspect;

import java.io.File;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Produce one record (N times) or a JSON-lines file to a topic of any known cluster, bound to a {@link ProduceForm}.
 * Also the "Re-send" dialog: give it a form prefilled with {@link ProduceForm#prefill(io.mirador.cluster.record.KafkaRecord)}.
 * Node ids start with {@code produce-}. FX thread only.
 */
public final class ProduceDialog extends TransferDialog {

    private final ProduceForm form;
    private final VBox headerRows = new VBox(6);

    public ProduceDialog(Window owner, ProduceForm form) {
        super(owner, "produce", "Produce records", "Produce", form, form.transfer());
        this.form = form;

        ComboBox<String> cluster = new ComboBox<>(form.target().clusters());
        cluster.setId("produce-cluster");
        cluster.valueProperty().bindBidirectional(form.target().clusterProperty());
        ComboBox<String> topic = new ComboBox<>(form.target().topics());
        topic.setId("produce-topic");
        topic.setEditable(true);
        topic.setMaxWidth(Double.MAX_VALUE);
        topic.getEditor().textProperty().bindBidirectional(form.target().topicProperty());

        TextField key = field("produce-key", "empty: no key", form.keyProperty());
        Label keptKey = kept("produce-kept-key", form.keptKeyProperty(), key, form::discardKeptKey);
        TextArea value = new TextArea();
        value.setId("produce-value");
        value.setPrefRowCount(6);
        value.getStyleClass().add("mono");
        value.textProperty().bindBidirectional(form.valueProperty());
        value.disableProperty().bind(form.tombstoneProperty().or(form.keptValueProperty().isNotNull()));
        Label keptValue = kept("produce-kept-value", form.keptValueProperty(), value, form::discardKeptValue);
        CheckBox json = new CheckBox("JSON");
        json.setId("produce-value-json");
        json.setTooltip(new Tooltip("Check the value is valid JSON before sending (automatic when it starts with { or [)"));
        json.selectedProperty().bindBidirectional(form.valueIsJsonProperty());
        CheckBox tombstone = new CheckBox("Null value (tombstone)");
        tombstone.setId("produce-tombstone");
        tombstone.selectedProperty().bindBidirectional(form.tombstoneProperty());
        Label jsonError = new Label();
        jsonError.setId("produce-json-error");
        jsonError.getStyleClass().add(Styles.DANGER);
        jsonError.setWrapText(true);
        jsonError.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        jsonError.textProperty().bind(form.jsonProblemProperty().map(p -> "JSON error at " + p.describe()).orElse(""));
        jsonError.managedProperty().bind(form.jsonProblemProperty().isNotNull());
        // Put the caret where the JSON breaks, so the user sees it without counting lines.
        form.jsonProblemProperty().addListener((obs, old, problem) -> {
            if (problem != null && !value.isFocused()) {
                value.positionCaret(offsetOf(value.getText(), problem.line(), problem.column()));
            }
        });

        TextField partition = field("produce-partition", "key decides", form.partitionProperty());
        TextField timestamp = field("produce-timestamp", "now; or 2026-11-25 10:15:30 (" + form.zoneLabel() + ")",
                form.timestampProperty());
        TextField repeat = field("produce-repeat", "1", form.repeatProperty());
        repeat.setPrefColumnCount(6);

        GridPane grid = io.mirador.ui.control.Dialogs.labelledGrid();
        grid.addRow(0, new Label("Cluster"), cluster);
        grid.addRow(1, new Label("Topic"), topic);
        grid.addRow(2, new Label("Key"), new VBox(4, key, keptKey));
        grid.addRow(3, new Label("Value"), new VBox(4, value, keptValue, new HBox(12, json, tombstone), jsonError));
        grid.addRow(4, new Label("Partition"), partition);
        grid.addRow(5, new Label("Timestamp"), timestamp);
        HBox send = new HBox(6, repeat, new Label("times"));
        send.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(6, new Label("Send"), send);
        GridPane.setHgrow(topic, Priority.ALWAYS);

        Label headersTitle = new Label("Headers");
        headersTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Button addHeader = new Button("Add header", new FontIcon(Feather.PLUS));
        addHeader.setId("produce-add-header");
        addHeader.getStyleClass().add(Styles.FLAT);
        addHeader.setOnAction(e -> form.addHeader("", ""));
        form.headers().addListener((ListChangeListener<ProduceForm.HeaderEntry>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved()) {
                    rebuildHeaders();
                    return;
                }
            }
        });
        if (form.headers().isEmpty()) {
            form.addHeader("", "");
        } else {
            rebuildHeaders();
        }

        Button fromFile = new Button("Produce from file…", new FontIcon(Feather.FILE_TEXT));
        fromFile.setId("produce-from-file");
        fromFile.setTooltip(new Tooltip("Send every line of a JSON-lines file (the export form) to the topic"));
        fromFile.disableProperty().bind(form.transfer().runningProperty()
                .or(form.target().clusterProperty().isEmpty()).or(form.target().topicProperty().isEmpty()));
        fromFile.setOnAction(e -> chooseFile());

        VBox fields = new VBox(12, grid, headersTitle, headerRows, new HBox(8, addHeader, fromFile));
        fields.setPrefWidth(640);
        setFields(fields);
        setOnShown(e -> (form.target().topicProperty().get().isEmpty() ? topic : value).requestFocus());
    }

    @Override
    void run() {
        form.send();
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Produce from a JSON-lines file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json", "*.ndjson"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (file != null) {
            form.sendFile(file.toPath());
        }
    }

    private void rebuildHeaders() {
        headerRows.getChildren().clear();
        int index = 0;
        for (ProduceForm.HeaderEntry row : form.headers()) {
            TextField name = field("produce-header-name-" + index, "name", row.nameProperty());
            TextField value = field("produce-header-value-" + index, "value", row.valueProperty());
            CheckBox base64 = new CheckBox("Base64");
            base64.setId("produce-header-base64-" + index);
            base64.selectedProperty().bindBidirectional(row.base64Property());
            Button remove = new Button(null, new FontIcon(Feather.X));
            remove.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
            remove.setOnAction(e -> form.headers().remove(row));
            HBox.setHgrow(name, Priority.ALWAYS);
            HBox.setHgrow(value, Priority.ALWAYS);
            HBox line = new HBox(6, name, value, base64, remove);
            line.setAlignment(Pos.CENTER_LEFT);
            headerRows.getChildren().add(line);
            index++;
        }
    }

    /** "Binary key, 12 bytes, sent as it was" with an Edit link that switches to the text field. */
    private static Label kept(String id, javafx.beans.value.ObservableValue<byte[]> kept, javafx.scene.Node field,
                              Runnable discard) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> kept.getValue() == null ? ""
                : "Kept from the record as bytes (" + io.mirador.ui.util.Formats.bytes(kept.getValue().length)
                + ", binary or large): sent unchanged.", kept));
        Button edit = new Button("Type instead");
        edit.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        edit.setOnAction(e -> discard.run());
        label.setGraphic(edit);
        label.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        label.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> kept.getValue() != null, kept));
        label.managedProperty().bind(label.visibleProperty());
        field.visibleProperty().bind(label.visibleProperty().not());
        field.managedProperty().bind(field.visibleProperty());
        return label;
    }

    private static TextField field(String id, String prompt, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /** Character offset of a 1-based line and column in {@code text}. */
    static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); l++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }
}
