package io.mirador.ui.control;

import javafx.scene.control.DialogPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** Sizing rules every dialog with a form needs. FX thread only. */
public final class Dialogs {

    private Dialogs() {
    }

    /**
     * Lets the dialog be as wide as its content asks. AtlantaFX's theme caps every {@code .dialog-pane} at 600 px,
     * so a wider form was squeezed: grid labels cut to "Clu…", fields shrunk to a character. A value set in code
     * wins over the theme's, but only through the property: {@code setMaxWidth} on a property not created yet
     * keeps the value in a plain field that the theme then overwrites.
     */
    public static void uncapWidth(DialogPane pane) {
        pane.maxWidthProperty().set(Double.MAX_VALUE);
    }

    /**
     * A form grid of two columns, labels then fields: a label is never cut (its column is at least as wide as the
     * longest label) and the fields take the rest, shrinking first when the window is narrow.
     */
    public static GridPane labelledGrid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    /**
     * Resizes a window giving both dimensions in the same pulse. JavaFX 21 on GTK sends 0 for the dimension not
     * set when a window sized from its scene gets only a new height (JDK-8344372): GTK refuses the resize
     * ("gtk_window_resize: assertion 'width > 0' failed") while the scene is laid out for the new height, so
     * whatever sits at the bottom, the buttons, ends up outside the window.
     */
    public static void resize(Window window, double width, double height) {
        window.setWidth(width);
        window.setHeight(height);
    }
}
