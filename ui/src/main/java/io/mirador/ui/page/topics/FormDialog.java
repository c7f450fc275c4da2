package io.mirador.ui.page.topics;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.Dialogs;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A dialog over a {@link Form}: its OK button stays disabled and the form's problem shows below the fields
 * until the form is valid. The result is true only for OK on a valid form. FX thread only.
 */
class FormDialog extends Dialog<Boolean> {

    private final ButtonType ok;
    private final VBox body;

    FormDialog(Window owner, String id, String title, String okText, Form form, Node content) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(title);
        setHeaderText(title);
        getDialogPane().setId(id);
        getDialogPane().getStylesheets().add(TopicsPage.class.getResource("topics.css").toExternalForm());
        Dialogs.uncapWidth(getDialogPane());
        ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        Button okButton = (Button) getDialogPane().lookupButton(ok);
        okButton.setId(id + "-ok");
        okButton.disableProperty().bind(form.problemProperty().isNotEmpty());
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId(id + "-cancel");

        Label problem = new Label();
        problem.setId(id + "-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.TEXT_MUTED);
        problem.textProperty().bind(form.problemProperty());
        body = new VBox(12, content == null ? new VBox() : content, problem);
        body.getStyleClass().add("topic-form");
        getDialogPane().setContent(body);
        setResultConverter(button -> button == ok && form.isValid());
    }

    /** Replaces the fields given to the constructor, for dialogs that build them after their own fields exist. */
    final void setFields(Node content) {
        body.getChildren().set(0, content);
    }

    /**
     * Styles the OK button as dangerous, for deletes and purges, and takes away its default-button role: Enter in
     * a field must never run a destructive action, only a click on the button does.
     */
    FormDialog danger() {
        Button button = (Button) getDialogPane().lookupButton(ok);
        button.getStyleClass().add(Styles.DANGER);
        button.setDefaultButton(false);
        return this;
    }
}
