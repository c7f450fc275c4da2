package io.mirador.ui.page.security;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.acl.QuotaEntity;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The new/edit client quota form over a {@link QuotaDraft}: the draft validates, the dialog binds fields and
 * keeps "Save" disabled while the draft has a problem. FX thread only; modal.
 */
final class QuotaDialog {

    private QuotaDialog() {
    }

    /** True when the user asked to save the draft. */
    static boolean ask(Node owner, QuotaDraft draft) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.setTitle(draft.isEdit() ? "Edit client quota" : "New client quota");
        dialog.setHeaderText(draft.isEdit() ? "Limits of " + draft.entity().describe()
                : "Limits for a user, a client id or both (" + QuotaEntity.DEFAULT + " for the default)");
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        TextField user = field("quota-user", "user name, or " + QuotaEntity.DEFAULT, draft.userProperty());
        TextField clientId = field("quota-client-id", "client id, or " + QuotaEntity.DEFAULT,
                draft.clientIdProperty());
        user.setDisable(draft.isEdit());
        clientId.setDisable(draft.isEdit());
        grid.addRow(row++, new Label("User"), user);
        grid.addRow(row++, new Label("Client id"), clientId);
        for (String key : QuotaDraft.KEYS) {
            grid.addRow(row++, new Label(key), field("quota-" + key, "empty for no limit", draft.limitProperty(key)));
        }

        Label problem = new Label();
        problem.setId("quota-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(draft.problemProperty());

        dialog.getDialogPane().setContent(new VBox(12, grid, problem));
        dialog.getDialogPane().lookupButton(save).disableProperty().bind(draft.problemProperty().isNotEmpty());
        dialog.setResultConverter(button -> button == save);
        return dialog.showAndWait().orElse(false);
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(20);
        field.textProperty().bindBidirectional(value);
        return field;
    }
}
