package io.mirador.ui.page.clusters;

import java.io.File;
import java.nio.file.Path;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Asks for a new sandbox cluster's name, broker count and, for persistent data, its directory. FX thread. */
final class AddSandboxDialog extends Dialog<AddSandboxDialog.Request> {

    record Request(String name, int brokers, Path dataDir) {
    }

    AddSandboxDialog() {
        setTitle("Add a sandbox cluster");
        setHeaderText(null);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        TextField name = new TextField();
        name.setId("sandbox-name");
        name.setPromptText("e.g. local-c");
        Spinner<Integer> brokers = new Spinner<>(1, 9, 1);
        brokers.setId("sandbox-brokers");
        CheckBox persistent = new CheckBox("Keep data between runs");
        persistent.setId("sandbox-persistent");
        TextField dir = new TextField();
        dir.setId("sandbox-dir");
        dir.setPromptText("data directory");
        dir.disableProperty().bind(persistent.selectedProperty().not());
        Button browse = new Button(null, new FontIcon(Feather.FOLDER));
        browse.disableProperty().bind(persistent.selectedProperty().not());
        browse.setOnAction(e -> {
            File chosen = new DirectoryChooser().showDialog(getOwner());
            if (chosen != null) {
                dir.setText(chosen.getAbsolutePath());
            }
        });
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Brokers"), brokers);
        grid.addRow(2, new Label(""), persistent);
        grid.addRow(3, new Label("Directory"), new HBox(6, dir, browse));
        getDialogPane().setContent(grid);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(name.textProperty().isEmpty()
                .or(persistent.selectedProperty().and(dir.textProperty().isEmpty())));
        setResultConverter(button -> button == ButtonType.OK
                ? new Request(name.getText().trim(), brokers.getValue(),
                        persistent.isSelected() ? Path.of(dir.getText().trim()) : null)
                : null);
    }
}
