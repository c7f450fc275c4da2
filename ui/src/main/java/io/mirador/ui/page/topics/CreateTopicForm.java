package io.mirador.ui.page.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mirador.cluster.topic.TopicAdmin;
import io.mirador.cluster.topic.TopicNames;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The create-topic dialog's fields. Blank partitions or replication factor mean the broker's default. Config rows
 * left entirely blank are ignored, so the dialog can always offer an empty row to type into.
 */
public final class CreateTopicForm extends Form {

    /** One extra config of the new topic. */
    public static final class ConfigRow {
        private final StringProperty key = new SimpleStringProperty(this, "key", "");
        private final StringProperty value = new SimpleStringProperty(this, "value", "");

        public StringProperty keyProperty() {
            return key;
        }

        public StringProperty valueProperty() {
            return value;
        }

        boolean isBlank() {
            return Form.isBlank(key.get()) && Form.isBlank(value.get());
        }
    }

    private final Set<String> existing;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty partitions = new SimpleStringProperty(this, "partitions", "");
    private final StringProperty replicationFactor = new SimpleStringProperty(this, "replicationFactor", "");
    private final ObservableList<ConfigRow> configs =
            FXCollections.observableArrayList(row -> new Observable[] {row.key, row.value});

    /** @param existing names of the cluster's topics, to refuse duplicates and metric-name collisions early */
    public CreateTopicForm(Set<String> existing) {
        this.existing = Set.copyOf(existing);
        watch(name, partitions, replicationFactor, configs);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty partitionsProperty() {
        return partitions;
    }

    public StringProperty replicationFactorProperty() {
        return replicationFactor;
    }

    public ObservableList<ConfigRow> configs() {
        return configs;
    }

    public ConfigRow addConfig(String key, String value) {
        ConfigRow row = new ConfigRow();
        row.key.set(key);
        row.value.set(value);
        configs.add(row);
        return row;
    }

    String topicName() {
        return name.get().trim();
    }

    /** The partition count, or {@link TopicAdmin#BROKER_DEFAULT}. Valid forms only. */
    int partitionCount() {
        return isBlank(partitions.get()) ? TopicAdmin.BROKER_DEFAULT : parseInt(partitions.get(), 1);
    }

    /** The replication factor, or {@link TopicAdmin#BROKER_DEFAULT}. Valid forms only. */
    int replicationFactorValue() {
        return isBlank(replicationFactor.get()) ? TopicAdmin.BROKER_DEFAULT : parseInt(replicationFactor.get(), 1);
    }

    /** The non-blank config rows, trimmed, in the order given. Valid forms only. */
    Map<String, String> configMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (ConfigRow row : configs) {
            if (!row.isBlank()) {
                map.put(row.key.get().trim(), row.value.get().trim());
            }
        }
        return map;
    }

    @Override
    protected String check() {
        String topic = topicName();
        if (topic.isEmpty()) {
            return "Enter a topic name.";
        }
        Optional<String> invalid = TopicNames.problem(topic);
        if (invalid.isPresent()) {
            return sentence(invalid.get());
        }
        if (existing.contains(topic)) {
            return "Topic " + topic + " already exists.";
        }
        Optional<String> twin = existing.stream().filter(other -> TopicNames.collide(topic, other)).findFirst();
        if (twin.isPresent()) {
            return "Topic " + topic + " would collide with " + twin.get() + ": Kafka treats '.' and '_' alike.";
        }
        if (!isBlank(partitions.get()) && parseInt(partitions.get(), 1) == null) {
            return "Partitions must be a whole number of at least 1 (or blank for the broker's default).";
        }
        if (!isBlank(replicationFactor.get()) && (parseInt(replicationFactor.get(), 1) == null
                || parseInt(replicationFactor.get(), 1) > Short.MAX_VALUE)) {
            return "Replication factor must be a whole number of at least 1 (or blank for the broker's default).";
        }
        return checkConfigs();
    }

    private String checkConfigs() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (ConfigRow row : configs) {
            if (row.isBlank()) {
                continue;
            }
            String key = Optional.ofNullable(row.key.get()).orElse("").trim();
            String value = Optional.ofNullable(row.value.get()).orElse("").trim();
            if (key.isEmpty()) {
                return "The config with value '" + value + "' needs a name.";
            }
            if (key.chars().anyMatch(Character::isWhitespace)) {
                return "Config name '" + key + "' contains a space.";
            }
            if (value.isEmpty()) {
                return "Config " + key + " needs a value.";
            }
            if (seen.put(key, value) != null) {
                return "Config " + key + " is given twice.";
            }
        }
        return "";
    }

    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
