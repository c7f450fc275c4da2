package io.mirador.ui.control;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The yes/no question view-models ask through a {@code Predicate<String>}: a modal alert with "Go ahead" and
 * "Cancel", Cancel being the default so that Enter on a destructive question does nothing. FX thread only; blocks
 * in a nested event loop until answered, which is what lets a view-model ask synchronously.
 */
public final class Confirm {

    static final ButtonType GO_AHEAD = new ButtonType("Go ahead", ButtonBar.ButtonData.OK_DONE);

    private Confirm() {
    }

    /** Shows {@code question} over the focused window and waits; true only for "Go ahead". */
    public static boolean ask(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, GO_AHEAD, ButtonType.CANCEL);
        alert.setTitle("Mirador");
        alert.setHeaderText(null);
        alert.getDialogPane().setId("confirm");
        Window.getWindows().stream().filter(Window::isFocused).findFirst().ifPresent(alert::initOwner);
        ((Button) alert.getDialogPane().lookupButton(GO_AHEAD)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(GO_AHEAD::equals).isPresent();
    }
}
