package io.mirador.ui.page;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a page's write commands show while and after they run: busy while any write is under way (writes may
 * overlap, so they are counted), and the last outcome as one line, marked as an error or not. The commands
 * classes (topics, routes) keep their own wording and follow-ups; this holds only the state they share.
 * UI thread only.
 */
public final class CommandNotice {

    private final ReadOnlyStringWrapper notice;
    private final ReadOnlyBooleanWrapper noticeIsError;
    private final ReadOnlyBooleanWrapper busy;
    private int running;

    /** @param bean the commands object, named as the properties' bean */
    public CommandNotice(Object bean) {
        notice = new ReadOnlyStringWrapper(bean, "notice", "");
        noticeIsError = new ReadOnlyBooleanWrapper(bean, "noticeIsError");
        busy = new ReadOnlyBooleanWrapper(bean, "busy");
    }

    /** What the last command did or why it failed; empty before the first. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return noticeIsError.getReadOnlyProperty();
    }

    /** True while a command is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public void say(String text, boolean error) {
        notice.set(text);
        noticeIsError.set(error);
    }

    public void clear() {
        say("", false);
    }

    /**
     * Runs {@code work} as one background task, counted in {@link #busyProperty()} until it ends; the callbacks
     * run on the UI thread after the count went down, so they see the state without this command.
     */
    public <T> void submit(TaskExecutor executor, String title, Callable<T> work, Consumer<? super T> onSuccess,
                           Consumer<? super Throwable> onFailure) {
        busy.set(++running > 0);
        executor.submit(title, work, result -> {
            end();
            onSuccess.accept(result);
        }, failure -> {
            end();
            onFailure.accept(failure);
        });
    }

    private void end() {
        busy.set(--running > 0);
    }
}
