package io.mirador.ui.page.messages.inspect;

import java.io.File;
import java.nio.file.Path;

import javafx.scene.control.Button;
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
 * Export the selection or a range to a file, bound to an {@link ExportModel}: format, file (chosen with a
 * FileChooser here, handed to the model as a path), progress and cancel. Node ids start with {@code export-}.
 * FX thread only.
 */
public final class ExportDialog extends TransferDialog {

    private final ExportModel model;

    public ExportDialog(Window owner, ExportModel model) {
        super(owner, "export", "Export records", "Export", model, model.transfer());
        this.model = model;
        Label what = new Label(model.description());
        what.setId("export-what");
        ComboBox<ExportModel.Format> format = new ComboBox<>();
        format.getItems().setAll(ExportModel.Format.values());
        format.setId("export-format");
        format.valueProperty().bindBidirectional(model.formatProperty());
        TextField file = new TextField();
        file.setId("export-file");
        file.setEditable(false);
        file.setPromptText("choose a file");
        file.textProperty().bind(model.targetProperty().map(Path::toString).orElse(""));
        Button choose = new Button("Choose…", new FontIcon(Feather.FOLDER));
        choose.setId("export-choose");
        choose.setOnAction(e -> chooseFile());
        choose.disableProperty().bind(model.transfer().runningProperty());
        HBox fileRow = new HBox(6, file, choose);
        HBox.setHgrow(file, Priority.ALWAYS);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Records"), what);
        grid.addRow(1, new Label("Format"), format);
        grid.addRow(2, new Label("File"), fileRow);
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
        chooser.setTitle("Export to");
        chooser.setInitialFileName(model.suggestedFileName());
        ExportModel.Format format = model.formatProperty().get();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.toString(), "*." + format.extension()));
        File chosen = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (chosen != null) {
            model.targetProperty().set(chosen.toPath());
        }
    }
}
