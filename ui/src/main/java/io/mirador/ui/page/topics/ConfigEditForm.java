package io.mirador.ui.page.topics;

import io.mirador.cluster.topic.ConfigValue;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A new value for one topic config, set as a per-topic override. Sensitive values are never shown, so their
 * field starts blank. A blank value is refused: resetting to the default is a separate action.
 */
public final class ConfigEditForm extends Form {

    private final String topic;
    private final ConfigValue config;
    private final StringProperty value = new SimpleStringProperty(this, "value");

    public ConfigEditForm(String topic, ConfigValue config) {
        this.topic = topic;
        this.config = config;
        value.set(config.isSensitive() || config.value() == null ? "" : config.value());
        watch(value);
    }

    public String topic() {
        return topic;
    }

    public ConfigValue config() {
        return config;
    }

    public StringProperty valueProperty() {
        return value;
    }

    String newValue() {
        return value.get().trim();
    }

    @Override
    protected String check() {
        if (isBlank(value.get())) {
            return "Enter a value; to go back to the default, use Reset instead.";
        }
        if (!config.isSensitive() && newValue().equals(config.value())) {
            return "The value is unchanged.";
        }
        return "";
    }
}
