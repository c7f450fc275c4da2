package io.mirador.ui.page.topics;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.topic.ConfigValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** A new per-topic value for one config, with the config's documentation. */
final class ConfigEditDialog extends FormDialog {

    ConfigEditDialog(Window owner, ConfigEditForm form) {
        super(owner, "edit-config", "Edit " + form.config().name() + " of " + form.topic(), "Save", form,
                content(form));
    }

    private static VBox content(ConfigEditForm form) {
        ConfigValue config = form.config();
        Label current = new Label("Now: " + (config.value() == null ? "(unset)" : config.value()) + " · "
                + TopicDetailPane.sourceText(config));
        current.getStyleClass().add(Styles.TEXT_MUTED);
        Label doc = new Label(config.documentation() == null ? "" : config.documentation());
        doc.setWrapText(true);
        doc.setMaxWidth(520);
        TextField value = new TextField();
        value.setId("edit-config-value");
        value.textProperty().bindBidirectional(form.valueProperty());
        VBox box = new VBox(8, current, value, doc);
        box.setPrefWidth(540);
        return box;
    }
}
