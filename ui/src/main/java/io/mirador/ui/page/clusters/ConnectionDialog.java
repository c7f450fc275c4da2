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
import javafx.scene.layout.ColumnConstraints;
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
        // The SASL and TLS sections come and go with the protocol, and a test answer may take two or three lines:
        // the window must follow the content's size, or the answer is cut ("the listener may expect …").
        Runnable fit = () -> javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        form.protocolProperty().addListener((obs, old, now) -> fit.run());
        form.testResultProperty().addListener((obs, old, now) -> fit.run());
    }

    private static Node content(ConnectionForm form) {
        GridPane basic = grid();
        basic.addRow(0, label("Name"), text("connection-name", form.nameProperty(), "e.g. prod-eu"));
        basic.addRow(1, label("Bootstrap servers"),
                text("connection-bootstrap", form.bootstrapProperty(), "host1:9092,host2:9092"));
        ComboBox<ConnectionForm.Protocol> protocol = new ComboBox<>();
        protocol.getItems().setAll(ConnectionForm.Protocol.values());
        protocol.setId("connection-protocol");
        protocol.valueProperty().bindBidirectional(form.protocolProperty());
        basic.addRow(2, label("Security protocol"), protocol);

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
        // Hidden sections are whole grids, so that they leave no empty rows behind.
        GridPane sasl = grid();
        sasl.addRow(0, label("SASL mechanism"), mechanism);
        sasl.addRow(1, label("User name"), text("connection-username", form.usernameProperty(), ""));
        sasl.addRow(2, label("Password"), password("connection-password", form.passwordProperty()));
        shownWhen(sasl, form.protocolProperty().map(ConnectionForm.Protocol::sasl));

        GridPane tls = grid();
        tls.addRow(0, label("Trust store"), text("connection-truststore", form.truststoreProperty(),
                "path to .jks or .p12 (empty: the JVM's)"));
        tls.addRow(1, label("Trust store password"), password("connection-truststore-password",
                form.truststorePasswordProperty()));
        tls.addRow(2, label("Key store"), text("connection-keystore", form.keystoreProperty(), "for mutual TLS only"));
        tls.addRow(3, label("Key store password"), password("connection-keystore-password",
                form.keystorePasswordProperty()));
        tls.addRow(4, label("Key password"), password("connection-key-password", form.keyPasswordProperty()));
        shownWhen(tls, form.protocolProperty().map(ConnectionForm.Protocol::tls));

        GridPane more = grid();
        more.addRow(0, label("Schema registry"), text("connection-registry", form.schemaRegistryUrlProperty(),
                "http://registry:8081 (optional)"));
        TextArea extra = new TextArea();
        extra.setId("connection-extra");
        extra.setPromptText("Other client properties, one key=value per line");
        extra.setPrefRowCount(3);
        extra.textProperty().bindBidirectional(form.extraPropertiesProperty());
        GridPane.setHgrow(extra, Priority.ALWAYS);
        more.addRow(1, label("Extra properties"), extra);
        CheckBox readOnly = new CheckBox("Read-only: disable every write action on this cluster");
        readOnly.setId("connection-read-only");
        readOnly.selectedProperty().bindBidirectional(form.readOnlyProperty());
        more.add(readOnly, 1, 2);

        Button test = new Button("Test connection", new FontIcon(Feather.ZAP));
        test.setId("connection-test");
        test.disableProperty().bind(form.testingProperty());
        test.setOnAction(e -> form.testConnection());
        Label result = new Label();
        result.setId("connection-test-result");
        result.setWrapText(true);
        result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        return new VBox(12, new VBox(8, basic, sasl, tls, more), new VBox(6, test, result), problem);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(150);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    private static void shownWhen(Node node, ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
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
