package io.mirador.ui.page.messages.inspect;

import java.io.File;
import java.nio.file.Path;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.Dialogs;
import io.mirador.ui.page.FormModel;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Base of the produce, export and import dialogs: fields, the form's problem, a progress bar and the transfer's
 * status. The action button ({@code <id>-ok}) starts the work and keeps the dialog open, so the outcome stays
 * readable and the user can go again; {@code <id>-stop} cancels running work; Close ({@code <id>-close}) also
 * cancels it. FX thread only.
 */
abstract class TransferDialog extends Dialog<Void> {

    private final String id;
    private final Transfer transfer;
    private final VBox body;

    TransferDialog(Window owner, String id, String title, String actionText, FormModel form, Transfer transfer) {
        this.id = id;
        this.transfer = transfer;
        if (owner != null) {
            initOwner(owner);
        }
        initModality(Modality.NONE);
        setResizable(true);
        setTitle(title);
        setHeaderText(title);
        getDialogPane().setId(id);
        getDialogPane().getStyleClass().add("inspect-dialog");
        getDialogPane().getStylesheets().add(TransferDialog.class.getResource("inspect.css").toExternalForm());
        Dialogs.uncapWidth(getDialogPane());

        ButtonType action = new ButtonType(actionText, ButtonBar.ButtonData.OK_DONE);
        ButtonType stop = new ButtonType("Cancel", ButtonBar.ButtonData.OTHER);
        ButtonType close = new ButtonType("Close", ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().setAll(action, stop, close);
        Button actionButton = (Button) getDialogPane().lookupButton(action);
        actionButton.setId(id + "-ok");
        actionButton.disableProperty().bind(form.problemProperty().isNotEmpty().or(transfer.runningProperty()));
        actionButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            run();
        });
        Button stopButton = (Button) getDialogPane().lookupButton(stop);
        stopButton.setId(id + "-stop");
        stopButton.visibleProperty().bind(transfer.runningProperty());
        stopButton.managedProperty().bind(stopButton.visibleProperty());
        stopButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            transfer.cancel();
        });
        getDialogPane().lookupButton(close).setId(id + "-close");
        setOnHidden(e -> transfer.cancel());

        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.TEXT_MUTED);
        problem.textProperty().bind(form.problemProperty());
        problem.managedProperty().bind(form.problemProperty().isNotEmpty());
        ProgressBar progress = new ProgressBar();
        progress.setId(id + "-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(transfer.progressProperty());
        progress.visibleProperty().bind(transfer.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label status = new Label();
        status.setId(id + "-status");
        status.setWrapText(true);
        status.textProperty().bind(transfer.statusProperty());
        transfer.failedProperty().addListener((obs, was, failed) -> {
            status.getStyleClass().remove(Styles.DANGER);
            if (failed) {
                status.getStyleClass().add(Styles.DANGER);
            }
        });
        body = new VBox(10, new VBox(), problem, progress, status);
        body.getStyleClass().add("inspect-form");
        getDialogPane().setContent(body);
        // A dialog window keeps the size it was shown with; grow it when lines appear (JSON error, progress,
        // status, header rows), or they would slide under the buttons.
        // Only the height changes, within the screen: long lines wrap instead of widening the window.
        body.needsLayoutProperty().addListener((obs, was, needs) -> {
            double missing = body.prefHeight(body.getWidth()) - body.getHeight();
            if (!needs && missing > 1 && body.getScene() != null && body.getScene().getWindow() != null) {
                Window window = body.getScene().getWindow();
                double max = javafx.stage.Screen.getPrimary().getVisualBounds().getMaxY() - window.getY();
                double wanted = Math.min(max, window.getHeight() + missing);
                if (wanted > window.getHeight() + 1) {
                    javafx.application.Platform.runLater(() -> Dialogs.resize(window, window.getWidth(), wanted));
                }
            }
        });
    }

    /** Sets the fields, above the problem and status lines. */
    final void setFields(Node fields) {
        body.getChildren().set(0, fields);
    }

    /** A grid for {@link #setFields}: labels left, fields right. */
    static GridPane fieldGrid() {
        GridPane grid = Dialogs.labelledGrid();
        grid.setPrefWidth(560);
        return grid;
    }

    /**
     * The chosen file, read-only ({@code <id>-file}), and a Choose… button ({@code <id>-choose}) that runs
     * {@code choose}, disabled while the transfer runs; the row takes the grid's spare width.
     */
    final HBox fileRow(String prompt, ObservableValue<Path> path, Runnable choose) {
        TextField file = new TextField();
        file.setId(id + "-file");
        file.setEditable(false);
        file.setPromptText(prompt);
        file.textProperty().bind(path.map(Path::toString).orElse(""));
        Button button = new Button("Choose…", new FontIcon(Feather.FOLDER));
        button.setId(id + "-choose");
        button.setOnAction(e -> choose.run());
        button.disableProperty().bind(transfer.runningProperty());
        HBox row = new HBox(6, file, button);
        HBox.setHgrow(file, Priority.ALWAYS);
        GridPane.setHgrow(row, Priority.ALWAYS);
        return row;
    }

    /** Shows {@code chooser} over this dialog, to save or to open, and puts the chosen file in {@code target}. */
    final void chooseInto(FileChooser chooser, boolean save, Property<Path> target) {
        Window window = getDialogPane().getScene().getWindow();
        File chosen = save ? chooser.showSaveDialog(window) : chooser.showOpenDialog(window);
        if (chosen != null) {
            target.setValue(chosen.toPath());
        }
    }

    /** The action button was pressed on a valid form. */
    abstract void run();

    Transfer transfer() {
        return transfer;
    }
}
