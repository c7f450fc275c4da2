package io.mirador.ui.task;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's executor: work on a pool of daemon threads (so a hung Kafka call never keeps the JVM alive),
 * callbacks and monitor updates through {@link Platform#runLater}. Progress updates are coalesced: at most
 * one is queued on the FX thread per task, whatever the rate the work reports at.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final TaskMonitor monitor;
    private final Executor ui;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("mirador-task-"));
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("mirador-timer-"));

    public FxTaskExecutor(TaskMonitor monitor) {
        this(monitor, Platform::runLater);
    }

    FxTaskExecutor(TaskMonitor monitor, Executor ui) {
        this.monitor = monitor;
        this.ui = ui;
    }

    @Override
    public <T> BackgroundTask submit(String title, ProgressWork<T> work, Consumer<? super T> onSuccess,
                                     Consumer<? super Throwable> onFailure) {
        TaskInfo info = new TaskInfo(title);
        Handle handle = new Handle();
        ui.execute(() -> monitor.started(info));
        AtomicReference<Runnable> pendingProgress = new AtomicReference<>();
        Progress progress = (fraction, message) -> {
            Runnable apply = () -> info.update(fraction, message);
            if (pendingProgress.getAndSet(apply) == null) {
                ui.execute(() -> pendingProgress.getAndSet(null).run());
            }
        };
        workers.execute(() -> {
            T result = null;
            Throwable failure = null;
            if (handle.begin()) {
                try {
                    result = work.run(progress);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    handle.end();
                }
            }
            T value = result;
            Throwable error = failure;
            ui.execute(() -> {
                boolean live = !handle.isCancelled();
                monitor.finished(info, live ? error : null);
                if (!live) {
                    return;
                }
                if (error != null) {
                    LOG.debug("Task '{}' failed", title, error);
                    onFailure.accept(error);
                } else {
                    onSuccess.accept(value);
                }
            });
        });
        return handle;
    }

    @Override
    public void runOnUi(Runnable action) {
        ui.execute(action);
    }

    @Override
    public BackgroundTask every(Duration period, Runnable action) {
        Periodic periodic = new Periodic();
        long millis = Math.max(1, period.toMillis());
        periodic.future = timer.scheduleAtFixedRate(() -> ui.execute(() -> {
            if (!periodic.cancelled) {
                action.run();
            }
        }), millis, millis, TimeUnit.MILLISECONDS);
        return periodic;
    }

    /** Stops the threads without waiting; running work is interrupted. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Pool threads are reused, so cancel interrupts only while this task owns its thread. */
    private static final class Handle implements BackgroundTask {
        private Thread runner;
        private boolean cancelled;
        private boolean done;

        synchronized boolean begin() {
            if (cancelled) {
                done = true;
                return false;
            }
            runner = Thread.currentThread();
            return true;
        }

        synchronized void end() {
            runner = null;
            done = true;
            Thread.interrupted();
        }

        synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }

        @Override
        public synchronized boolean isDone() {
            return done || cancelled;
        }
    }

    private static final class Periodic implements BackgroundTask {
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> future;

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }
    }
}
