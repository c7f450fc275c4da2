package io.mirador.ui.task;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A synchronous executor for tests and tools: the calling thread is the "UI thread". Work runs at once on
 * submit, or, after {@link #holdWork()}, only when the test calls {@link #runPending()}, so tests can
 * observe in-flight states. Periodic actions run when the test calls {@link #tick()}. Not thread-safe.
 */
public final class DirectTaskExecutor implements TaskExecutor {

    private final TaskMonitor monitor;
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final List<Periodic> periodic = new ArrayList<>();
    private boolean hold;

    public DirectTaskExecutor() {
        this(new TaskMonitor());
    }

    public DirectTaskExecutor(TaskMonitor monitor) {
        this.monitor = monitor;
    }

    public TaskMonitor monitor() {
        return monitor;
    }

    /** From now on, queue submitted work instead of running it. */
    public void holdWork() {
        hold = true;
    }

    /** Runs queued work, including work submitted by callbacks of the work run here. */
    public void runPending() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Runs every live periodic action once, as if one period had passed. */
    public void tick() {
        for (Periodic p : List.copyOf(periodic)) {
            if (!p.cancelled) {
                p.action.run();
            }
        }
    }

    /** Periodic actions not cancelled yet. */
    public int activePeriodicCount() {
        return (int) periodic.stream().filter(p -> !p.cancelled).count();
    }

    @Override
    public <T> BackgroundTask submit(String title, ProgressWork<T> work, Consumer<? super T> onSuccess,
                                     Consumer<? super Throwable> onFailure) {
        TaskInfo info = new TaskInfo(title);
        Simple handle = new Simple();
        monitor.started(info);
        Runnable run = () -> {
            if (handle.cancelled) {
                monitor.finished(info, null);
                return;
            }
            T result;
            try {
                result = work.run(info::update);
            } catch (Throwable t) {
                handle.done = true;
                monitor.finished(info, handle.cancelled ? null : t);
                if (!handle.cancelled) {
                    onFailure.accept(t);
                }
                return;
            }
            handle.done = true;
            monitor.finished(info, null);
            if (!handle.cancelled) {
                onSuccess.accept(result);
            }
        };
        if (hold) {
            pending.add(run);
        } else {
            run.run();
        }
        return handle;
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    @Override
    public BackgroundTask every(Duration period, Runnable action) {
        Periodic p = new Periodic(action);
        periodic.add(p);
        return p;
    }

    private static final class Simple implements BackgroundTask {
        boolean cancelled;
        boolean done;

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }
    }

    private static final class Periodic implements BackgroundTask {
        final Runnable action;
        boolean cancelled;

        Periodic(Runnable action) {
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }
    }
}
