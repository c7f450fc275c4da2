package io.mirador.ui.page.topics;

import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Deleting asks for the topic's name typed again; the Delete button stays disabled until it matches. */
final class DeleteTopicDialog extends FormDialog {

    DeleteTopicDialog(Window owner, DeleteTopicForm form) {
        super(owner, "delete-topic", "Delete topic " + form.topic(), "Delete", form, content(form));
        danger();
    }

    private static VBox content(DeleteTopicForm form) {
        Label warning = new Label("This deletes topic " + form.topic() + " and all its records. It cannot be undone."
                + "\nType the topic name to confirm.");
        warning.setWrapText(true);
        TextField confirmation = new TextField();
        confirmation.setId("delete-topic-confirmation");
        confirmation.setPromptText(form.topic());
        confirmation.textProperty().bindBidirectional(form.confirmationProperty());
        VBox box = new VBox(8, warning, confirmation);
        box.setPrefWidth(440);
        return box;
    }
}
