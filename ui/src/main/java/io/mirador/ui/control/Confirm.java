package io.mirador.ui.control;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/** The yes/no question view-models ask through a {@code Predicate<String>}: a modal alert. FX thread only. */
public final class Confirm {

    private Confirm() {
    }

    /** Shows {@code question} and waits for the answer; true only for OK. */
    public static boolean ask(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        alert.setTitle("Mirador");
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }
}
