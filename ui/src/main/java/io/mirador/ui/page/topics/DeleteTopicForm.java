package io.mirador.ui.page.topics;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Deleting a topic asks for its name typed again; only an exact match (case and all) enables the action. */
public final class DeleteTopicForm extends Form {

    private final String topic;
    private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");

    public DeleteTopicForm(String topic) {
        this.topic = topic;
        watch(confirmation);
    }

    public String topic() {
        return topic;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    @Override
    protected String check() {
        return topic.equals(confirmation.get()) ? "" : "Type " + topic + " to confirm.";
    }
}
