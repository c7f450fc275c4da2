package io.mirador.ui.page.groups;

import java.util.function.Predicate;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/**
 * The app's answer to the view-model's confirmation questions: a modal dialog with the question, "Go ahead"
 * and "Cancel" (the default, so Enter on a destructive question does nothing). FX thread only; blocks in a
 * nested event loop until answered, which is what lets the view-model ask synchronously.
 */
public final class AlertConfirm implements Predicate<String> {

    static final ButtonType GO_AHEAD = new ButtonType("Go ahead", ButtonBar.ButtonData.OK_DONE);

    @Override
    public boolean test(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, GO_AHEAD, ButtonType.CANCEL);
        alert.setTitle("Confirm");
        alert.setHeaderText(null);
        alert.getDialogPane().setId("groups-confirm");
        Window.getWindows().stream().filter(Window::isFocused).findFirst().ifPresent(alert::initOwner);
        ((Button) alert.getDialogPane().lookupButton(GO_AHEAD)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(GO_AHEAD::equals).isPresent();
    }
}
