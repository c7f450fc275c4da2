package io.mirador.ui.page.clusters;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The connection editor: fields bound to a {@link ConnectionForm}, "Test connection" and Save. Save stays
 * disabled while the form has a problem; when saving is refused (name taken) the reason shows and the dialog
 * stays open. Secrets are typed into password fields and never shown. FX thread only.
 */
final class ConnectionDialog extends Dialog<Void> {

    /** Saves the form; returns why it cannot, or empty once saving started. */
    interface Saver {
        String save(ConnectionForm form);
    }

    ConnectionDialog(String title, ConnectionForm form, Saver saver) {
        setTitle(title);
        setHeaderText(null);
        setResizable(true);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
        getDialogPane().setId("connection-dialog");
        Label saveProblem = new Label();
        saveProblem.setId("connection-save-problem");
        saveProblem.getStyleClass().add(Styles.DANGER);
        saveProblem.setWrapText(true);
        form.nameProperty().addListener((obs, old, now) -> saveProblem.setText(""));
        getDialogPane().setContent(new VBox(8, content(form), saveProblem));
        getDialogPane().setPrefWidth(580);

        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("connection-save");
        saveButton.disableProperty().bind(form.problemProperty().isNotEmpty());
        saveButton.addEventFilter(ActionEvent.ACTION, event -> {
            String why = saver.save(form);
            if (!why.isEmpty()) {
                saveProblem.setText(why);
                event.consume();
            }
        });
        setOnHidden(e -> form.cancelTest());
    }

    private static Node content(ConnectionForm form) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, label("Name"), text("connection-name", form.nameProperty(), "e.g. prod-eu"));
        grid.addRow(row++, label("Bootstrap servers"),
                text("connection-bootstrap", form.bootstrapProperty(), "host1:9092,host2:9092"));

        ComboBox<ConnectionForm.Protocol> protocol = new ComboBox<>();
        protocol.getItems().setAll(ConnectionForm.Protocol.values());
        protocol.setId("connection-protocol");
        protocol.valueProperty().bindBidirectional(form.protocolProperty());
        grid.addRow(row++, label("Security protocol"), protocol);

        ComboBox<ConnectionForm.Mechanism> mechanism = new ComboBox<>();
        mechanism.getItems().setAll(ConnectionForm.Mechanism.values());
        mechanism.setId("connection-mechanism");
        mechanism.setConverter(new StringConverter<>() {
            @Override
            public String toString(ConnectionForm.Mechanism m) {
                return m == null ? "" : m.kafkaName();
            }

            @Override
            public ConnectionForm.Mechanism fromString(String s) {
                return null;
            }
        });
        mechanism.valueProperty().bindBidirectional(form.mechanismProperty());
        ObservableValue<Boolean> sasl = form.protocolProperty().map(ConnectionForm.Protocol::sasl);
        ObservableValue<Boolean> tls = form.protocolProperty().map(ConnectionForm.Protocol::tls);
        row = addRow(grid, row, "SASL mechanism", mechanism, sasl);
        row = addRow(grid, row, "User name", text("connection-username", form.usernameProperty(), ""), sasl);
        row = addRow(grid, row, "Password", password("connection-password", form.passwordProperty()), sasl);
        row = addRow(grid, row, "Trust store", text("connection-truststore", form.truststoreProperty(),
                "path to .jks or .p12 (empty: the JVM's)"), tls);
        row = addRow(grid, row, "Trust store password", password("connection-truststore-password",
                form.truststorePasswordProperty()), tls);
        row = addRow(grid, row, "Key store", text("connection-keystore", form.keystoreProperty(),
                "for mutual TLS only"), tls);
        row = addRow(grid, row, "Key store password", password("connection-keystore-password",
                form.keystorePasswordProperty()), tls);
        row = addRow(grid, row, "Key password", password("connection-key-password", form.keyPasswordProperty()), tls);

        grid.addRow(row++, label("Schema registry"), text("connection-registry", form.schemaRegistryUrlProperty(),
                "http://registry:8081 (optional)"));
        TextArea extra = new TextArea();
        extra.setId("connection-extra");
        extra.setPromptText("Other client properties, one key=value per line");
        extra.setPrefRowCount(3);
        extra.textProperty().bindBidirectional(form.extraPropertiesProperty());
        GridPane.setHgrow(extra, Priority.ALWAYS);
        grid.addRow(row++, label("Extra properties"), extra);
        CheckBox readOnly = new CheckBox("Read-only: disable every write action on this cluster");
        readOnly.setId("connection-read-only");
        readOnly.selectedProperty().bindBidirectional(form.readOnlyProperty());
        grid.add(readOnly, 1, row);

        Button test = new Button("Test connection", new FontIcon(Feather.ZAP));
        test.setId("connection-test");
        test.disableProperty().bind(form.testingProperty());
        test.setOnAction(e -> form.testConnection());
        Label result = new Label();
        result.setId("connection-test-result");
        result.setWrapText(true);
        result.textProperty().bind(form.testResultProperty());
        form.testPassedProperty().addListener((obs, old, ok) -> {
            result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            result.getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        });
        Label problem = new Label();
        problem.setId("connection-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(Bindings.isNotEmpty(problem.textProperty()));
        problem.managedProperty().bind(problem.visibleProperty());
        return new VBox(12, grid, new VBox(6, test, result), problem);
    }

    private static int addRow(GridPane grid, int row, String label, Node field, ObservableValue<Boolean> shown) {
        Label l = label(label);
        grid.addRow(row, l, field);
        for (Node node : new Node[] {l, field}) {
            node.visibleProperty().bind(shown);
            node.managedProperty().bind(shown);
        }
        return row + 1;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(150);
        return label;
    }

    private static TextField text(String id, StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        GridPane.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private static PasswordField password(String id, StringProperty property) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
