package io.mirador.ui.task;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A running task as the status bar shows it. Properties change on the UI thread only. */
public final class TaskInfo {

    public static final double INDETERMINATE = -1;

    private final String title;
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", INDETERMINATE);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");

    public TaskInfo(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    void update(double fraction, String text) {
        progress.set(fraction);
        message.set(text == null ? "" : text);
    }

    @Override
    public String toString() {
        return "TaskInfo[" + title + ", " + progress.get() + "]";
    }
}
