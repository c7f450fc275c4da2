package io.mirador.ui.page.security;

import java.util.List;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The "New ACL" form over an {@link AclDraft}: the draft validates, the dialog only binds fields and keeps
 * "Create" disabled while the draft has a problem. FX thread only; modal.
 */
final class AclDialog {

    private AclDialog() {
    }

    /** True when the user asked to create the draft's ACL. */
    static boolean ask(Node owner, AclDraft draft) {
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.setTitle("New ACL");
        dialog.setHeaderText("Allow or deny a principal an operation on a resource");
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label("Principal"), text("acl-principal", "User:alice", draft.principalProperty()));
        grid.addRow(row++, new Label("Host"), text("acl-host", "* for any host", draft.hostProperty()));
        grid.addRow(row++, new Label("Resource type"), choice("acl-resource-type", AclDraft.RESOURCE_TYPES,
                draft.resourceTypeProperty()));
        grid.addRow(row++, new Label("Resource name"), text("acl-resource-name", "topic name, prefix or * for all",
                draft.resourceNameProperty()));
        grid.addRow(row++, new Label("Pattern type"), choice("acl-pattern-type", AclDraft.PATTERN_TYPES,
                draft.patternTypeProperty()));
        grid.addRow(row++, new Label("Operation"), choice("acl-operation", AclDraft.OPERATIONS,
                draft.operationProperty()));
        grid.addRow(row, new Label("Permission"), choice("acl-permission", AclDraft.PERMISSIONS,
                draft.permissionProperty()));

        Label problem = new Label();
        problem.setId("acl-problem");
        problem.setWrapText(true);
        problem.setMaxWidth(420);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(draft.problemProperty());

        dialog.getDialogPane().setContent(new VBox(12, grid, problem));
        dialog.getDialogPane().lookupButton(create).disableProperty().bind(draft.problemProperty().isNotEmpty());
        dialog.setResultConverter(button -> button == create);
        return dialog.showAndWait().orElse(false);
    }

    private static TextField text(String id, String prompt, javafx.beans.property.StringProperty into) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(24);
        field.textProperty().bindBidirectional(into);
        return field;
    }

    private static <T> ComboBox<T> choice(String id, List<T> values, ObjectProperty<T> into) {
        ComboBox<T> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(into);
        return box;
    }
}
