package io.mirador.ui.task;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work off the UI thread and hands results back on it.
 *
 * <p>Threading contract, which view-models rely on: {@code work} runs on a worker thread; {@code onSuccess},
 * {@code onFailure}, {@link #runOnUi} actions and {@link #every} ticks run on the UI thread (the JavaFX
 * application thread in the app, the calling thread in tests), so callbacks may touch observable state
 * freely. Methods of this interface may be called from any thread.
 */
public interface TaskExecutor {

    /** Runs {@code work}, publishing it under {@code title} while it runs. */
    <T> BackgroundTask submit(String title, ProgressWork<T> work, Consumer<? super T> onSuccess,
                              Consumer<? super Throwable> onFailure);

    default <T> BackgroundTask submit(String title, Callable<T> work, Consumer<? super T> onSuccess,
                                      Consumer<? super Throwable> onFailure) {
        return submit(title, progress -> work.call(), onSuccess, onFailure);
    }

    /** Posts {@code action} to the UI thread; the way to hand events from foreign threads to view-models. */
    void runOnUi(Runnable action);

    /** Runs {@code action} on the UI thread every {@code period}, first after one period, until cancelled. */
    BackgroundTask every(Duration period, Runnable action);

    /** Work that can report how far it got. */
    @FunctionalInterface
    interface ProgressWork<T> {
        T run(Progress progress) throws Exception;
    }

    /** Reports progress of the running task; callable from any thread, cheap enough to call often. */
    @FunctionalInterface
    interface Progress {
        /** {@code fraction} in 0..1, or {@link TaskInfo#INDETERMINATE}. */
        void update(double fraction, String message);
    }
}
