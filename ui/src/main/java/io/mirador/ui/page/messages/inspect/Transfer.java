package io.mirador.ui.page.messages.inspect;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.task.TaskInfo;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One long file transfer at a time (export, import, produce from file) as observable state: running, progress,
 * a one-line status, whether it failed. The work checks {@link Control#cancelled()} and may register hooks that
 * {@link #cancel()} runs (e.g. stopping a scan); a cancelled work ends by throwing {@link CancellationException},
 * whose message becomes the status, so the status always says what really happened to the file or topic.
 *
 * <p>Threading: the properties and {@link #start}/{@link #cancel} belong to the UI thread; {@link Control} may be
 * used from the worker. Progress reaches the UI coalesced: at most one update queued at a time.
 */
public final class Transfer {

    /** What the running work sees. Thread-safe. */
    public interface Control {
        boolean cancelled();

        /** Throws {@link CancellationException} with {@code message} when cancelled. */
        default void checkCancelled(String message) {
            if (cancelled()) {
                throw new CancellationException(message);
            }
        }

        /** {@code fraction} 0..1 or {@link TaskInfo#INDETERMINATE}; cheap, call often. */
        void progress(double fraction, String message);

        /** Runs {@code hook} on {@link Transfer#cancel()} (at once if already cancelled). */
        void onCancel(Runnable hook);
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Control control) throws Exception;
    }

    private final TaskExecutor executor;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Handle current;

    public Transfer(TaskExecutor executor) {
        this.executor = executor;
    }

    /**
     * Starts {@code work} unless one is running; {@code done} turns its result into the final status.
     *
     * @return false when a transfer is running already
     */
    public <T> boolean start(String title, Work<T> work, Function<? super T, String> done) {
        if (running.get()) {
            return false;
        }
        Handle handle = new Handle();
        current = handle;
        running.set(true);
        failed.set(false);
        progress.set(TaskInfo.INDETERMINATE);
        status.set(title + "…");
        executor.submit(title, taskProgress -> {
            handle.taskProgress = taskProgress;
            return work.run(handle);
        }, result -> finish(handle, done.apply(result), false), failure -> {
            boolean cancelled = failure instanceof CancellationException;
            finish(handle, cancelled ? Messages.oneLine(failure) : title + " failed: " + Messages.oneLine(failure), !cancelled);
        });
        return true;
    }

    /** Asks the running work to stop; its own status follows when it has. */
    public void cancel() {
        Handle handle = current;
        if (handle != null && running.get()) {
            status.set("Cancelling…");
            handle.cancel();
        }
    }

    private void finish(Handle handle, String message, boolean failure) {
        if (handle != current) {
            return;
        }
        current = null;
        running.set(false);
        failed.set(failure);
        progress.set(failure ? 0 : 1);
        status.set(message);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether the last transfer failed (a cancel is not a failure). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** 0..1, or {@link TaskInfo#INDETERMINATE} while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private final class Handle implements Control {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
        private final AtomicReference<double[]> pendingFraction = new AtomicReference<>();
        private final AtomicReference<String> pendingMessage = new AtomicReference<>();
        private volatile TaskExecutor.Progress taskProgress;

        @Override
        public boolean cancelled() {
            return cancelled.get();
        }

        void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                hooks.forEach(Runnable::run);
            }
        }

        @Override
        public void onCancel(Runnable hook) {
            hooks.add(hook);
            if (cancelled.get()) {
                hook.run();
            }
        }

        @Override
        public void progress(double fraction, String message) {
            TaskExecutor.Progress task = taskProgress;
            if (task != null) {
                task.update(fraction, message);
            }
            pendingMessage.set(message);
            if (pendingFraction.getAndSet(new double[] {fraction}) == null) {
                executor.runOnUi(() -> {
                    double[] latest = pendingFraction.getAndSet(null);
                    if (Handle.this == current && running.get() && !cancelled.get()) {
                        progress.set(latest[0]);
                        status.set(pendingMessage.get());
                    }
                });
            }
        }
    }
}
