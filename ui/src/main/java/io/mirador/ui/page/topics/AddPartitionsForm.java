package io.mirador.ui.page.topics;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The new partition count of a topic; Kafka can only add partitions, so it must exceed the current count. */
public final class AddPartitionsForm extends Form {

    private final String topic;
    private final int current;
    private final StringProperty newTotal = new SimpleStringProperty(this, "newTotal");

    public AddPartitionsForm(String topic, int current) {
        this.topic = topic;
        this.current = current;
        newTotal.set(String.valueOf(current + 1));
        watch(newTotal);
    }

    public String topic() {
        return topic;
    }

    public int current() {
        return current;
    }

    public StringProperty newTotalProperty() {
        return newTotal;
    }

    /** Valid forms only. */
    int newTotalValue() {
        return parseInt(newTotal.get(), current + 1);
    }

    @Override
    protected String check() {
        if (isBlank(newTotal.get()) || parseInt(newTotal.get(), current + 1) == null) {
            return "Enter a partition count above the current " + current + ": partitions can only be added.";
        }
        return "";
    }
}
