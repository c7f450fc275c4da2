package io.mirador.ui.page.messages.inspect;

import java.io.File;
import java.nio.file.Path;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Import a JSON-lines file into a topic of any known cluster, bound to an {@link ImportModel}. Node ids start with
 * {@code import-}. FX thread only.
 */
public final class ImportDialog extends TransferDialog {

    private final ImportModel model;

    public ImportDialog(Window owner, ImportModel model) {
        super(owner, "import", "Import records", "Import", model, model.transfer());
        this.model = model;
        TextField file = new TextField();
        file.setId("import-file");
        file.setEditable(false);
        file.setPromptText("choose a JSON-lines file");
        file.textProperty().bind(model.fileProperty().map(Path::toString).orElse(""));
        Button choose = new Button("Choose…", new FontIcon(Feather.FOLDER));
        choose.setId("import-choose");
        choose.setOnAction(e -> chooseFile());
        choose.disableProperty().bind(model.transfer().runningProperty());
        HBox fileRow = new HBox(6, file, choose);
        HBox.setHgrow(file, Priority.ALWAYS);
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

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("File"), fileRow);
        grid.addRow(1, new Label("Cluster"), cluster);
        grid.addRow(2, new Label("Topic"), topic);
        grid.add(keep, 1, 3);
        GridPane.setHgrow(fileRow, Priority.ALWAYS);
        grid.setPrefWidth(560);
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
        File chosen = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            model.fileProperty().set(chosen.toPath());
        }
    }
}
