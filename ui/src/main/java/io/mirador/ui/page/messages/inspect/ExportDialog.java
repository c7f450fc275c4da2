package io.mirador.ui.page.messages.inspect;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

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
        HBox fileRow = fileRow("choose a file", model.targetProperty(), this::chooseFile);

        GridPane grid = fieldGrid();
        grid.addRow(0, new Label("Records"), what);
        grid.addRow(1, new Label("Format"), format);
        grid.addRow(2, new Label("File"), fileRow);
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
        chooseInto(chooser, true, model.targetProperty());
    }
}
