package io.mirador.ui.page.messages.inspect;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Import a JSON-lines file into a topic of any known cluster, bound to an {@link ImportModel}. Node ids start with
 * {@code import-}. FX thread only.
 */
public final class ImportDialog extends TransferDialog {

    private final ImportModel model;

    public ImportDialog(Window owner, ImportModel model) {
        super(owner, "import", "Import records", "Import", model, model.transfer());
        this.model = model;
        HBox fileRow = fileRow("choose a JSON-lines file", model.fileProperty(), this::chooseFile);
        ComboBox<String> cluster = new ComboBox<>(model.target().clusters());
        cluster.setId("import-cluster");
        cluster.valueProperty().bindBidirectional(model.target().clusterProperty());
        ComboBox<String> topic = new ComboBox<>(model.target().topics());
        topic.setId("import-topic");
        topic.setEditable(true);
        topic.setMaxWidth(Double.MAX_VALUE);
        topic.getEditor().textProperty().bindBidirectional(model.target().topicProperty());
        CheckBox keep = new CheckBox("Keep each line's partition when the topic has it (else the key decides)");
        keep.setId("import-keep-partitions");
        keep.selectedProperty().bindBidirectional(model.keepPartitionsProperty());

        GridPane grid = fieldGrid();
        grid.addRow(0, new Label("File"), fileRow);
        grid.addRow(1, new Label("Cluster"), cluster);
        grid.addRow(2, new Label("Topic"), topic);
        grid.add(keep, 1, 3);
        setFields(grid);
    }

    @Override
    void run() {
        model.start();
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import from");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json", "*.ndjson"),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooseInto(chooser, false, model.fileProperty());
    }
}
