package io.mirador.ui.task;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the status bar shows: the tasks running now, and the outcome of the last one that failed.
 * Changed on the UI thread only, by a {@link TaskExecutor}.
 */
public final class TaskMonitor {

    private final ObservableList<TaskInfo> running = FXCollections.observableArrayList();
    private final ObservableList<TaskInfo> runningView = FXCollections.unmodifiableObservableList(running);
    private final StringProperty lastError = new SimpleStringProperty(this, "lastError", "");

    public ObservableList<TaskInfo> running() {
        return runningView;
    }

    /** One-line message of the last failed task; cleared when a task with the same title succeeds. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError;
    }

    void started(TaskInfo task) {
        running.add(task);
    }

    void finished(TaskInfo task, Throwable failure) {
        running.remove(task);
        if (failure != null) {
            lastError.set(task.title() + " failed: " + Messages.oneLine(failure));
        } else if (lastError.get().startsWith(task.title() + " failed")) {
            lastError.set("");
        }
    }
}
