package io.mirador.ui.task;

/** A handle on submitted or scheduled work. */
public interface BackgroundTask {

    /** Stops the work where possible; its callbacks will not run afterwards. Idempotent, any thread. */
    void cancel();

    /** True once the work finished, failed or was cancelled. */
    boolean isDone();
}
