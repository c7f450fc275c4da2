package io.mirador.ui.page.brokers;

import java.util.Optional;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.control.Columns;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * Asks for a new value of one broker config, showing its documentation and current value. Only collects text:
 * the view-model validates and applies it. FX thread only; modal.
 */
final class ConfigEditDialog {

    private ConfigEditDialog() {
    }

    /** The value typed, or empty when cancelled. */
    static Optional<String> ask(Node owner, int brokerId, ConfigValue config) {
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle("Edit broker config");
        dialog.setHeaderText(config.name() + " of broker " + brokerId);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);

        Label current = new Label("Current value: " + (config.value() == null ? Columns.NONE : config.value())
                + " (" + BrokersViewModel.sourceName(config.source()) + ")");
        current.getStyleClass().add(Styles.TEXT_MUTED);
        Label doc = new Label(config.documentation() == null ? ""
                : io.mirador.ui.util.Formats.plainText(config.documentation()));
        doc.setWrapText(true);
        doc.setMaxWidth(480);
        TextField value = new TextField(config.isSensitive() ? "" : config.value());
        value.setId("broker-config-value");
        value.setPromptText(config.isSensitive() ? "New secret value" : "New value");
        dialog.getDialogPane().lookupButton(save).disableProperty().bind(value.textProperty().isEmpty());
        dialog.getDialogPane().setContent(new VBox(10, doc, current, value));
        dialog.setResultConverter(button -> button == save ? value.getText() : null);
        Platform.runLater(value::requestFocus);
        return dialog.showAndWait();
    }
}
