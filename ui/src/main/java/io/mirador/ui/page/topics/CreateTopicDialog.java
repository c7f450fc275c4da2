package io.mirador.ui.page.topics;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Name, partitions, replication factor and extra configs of a new topic, bound to a {@link CreateTopicForm}. */
final class CreateTopicDialog extends FormDialog {

    private final CreateTopicForm form;
    private final VBox configRows = new VBox(6);

    CreateTopicDialog(Window owner, CreateTopicForm form) {
        super(owner, "create-topic", "Create topic", "Create", form, null);
        this.form = form;
        TextField name = field("create-topic-name", "e.g. orders.created", form.nameProperty());
        TextField partitions = field("create-topic-partitions", "broker default", form.partitionsProperty());
        TextField replication = field("create-topic-replication", "broker default", form.replicationFactorProperty());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Partitions"), partitions);
        grid.addRow(2, new Label("Replication factor"), replication);
        GridPane.setHgrow(name, Priority.ALWAYS);

        Label configsTitle = new Label("Configs");
        configsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Button add = new Button("Add config", new FontIcon(Feather.PLUS));
        add.setId("create-topic-add-config");
        add.getStyleClass().add(Styles.FLAT);
        add.setOnAction(e -> form.addConfig("", ""));
        // Rows are rebuilt only when rows come or go: an edit inside a row must keep its field (and focus).
        form.configs().addListener((ListChangeListener<CreateTopicForm.ConfigRow>) change -> {
            while (change.next()) {
                if (change.wasAdded() || change.wasRemoved()) {
                    rebuildRows();
                    return;
                }
            }
        });
        if (form.configs().isEmpty()) {
            form.addConfig("", "");
        } else {
            rebuildRows();
        }

        VBox content = new VBox(12, grid, configsTitle, configRows, add);
        content.setPrefWidth(520);
        setFields(content);
        setOnShown(e -> name.requestFocus());
    }

    private void rebuildRows() {
        configRows.getChildren().clear();
        int index = 0;
        for (CreateTopicForm.ConfigRow row : form.configs()) {
            TextField key = field("create-topic-config-key-" + index, "name, e.g. retention.ms", row.keyProperty());
            TextField value = field("create-topic-config-value-" + index, "value", row.valueProperty());
            Button remove = new Button(null, new FontIcon(Feather.X));
            remove.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
            remove.setOnAction(e -> form.configs().remove(row));
            HBox.setHgrow(key, Priority.ALWAYS);
            HBox.setHgrow(value, Priority.ALWAYS);
            HBox line = new HBox(6, key, value, remove);
            line.setAlignment(Pos.CENTER_LEFT);
            configRows.getChildren().add(line);
            index++;
        }
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
