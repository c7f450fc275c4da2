package io.mirador.ui.page.messages;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.mirador.cluster.record.ResultSpool;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Runs the page's reads one at a time: starting one cancels the one before (and deletes its spool), its work
 * runs through the {@link TaskExecutor}, and a frame tick ({@value #FRAME_MILLIS} ms, so at most ~30 updates a
 * second) moves what the worker collected into the {@link ResultsWindow} and refreshes progress. Callbacks of a
 * read that is no longer the current one are ignored.
 *
 * <p>Pause (live tail only) keeps the consumer reading into the session's bounded pending buffer, which keeps
 * the newest records and drops the oldest: resuming shows at once what came meanwhile, up to the tail's capacity,
 * without seeking again. Stopping keeps what is shown, and a stopped search can still be paged.
 *
 * <p>Threading: UI thread (the executor's callbacks and ticks come back on it).
 */
final class ReadController {

    static final long FRAME_MILLIS = 33;
    static final Duration FRAME = Duration.ofMillis(FRAME_MILLIS);
    /** Byte budget of a search page and of the live tail's table (and of its pending buffer). */
    static final long MAX_WINDOW_BYTES = 128L << 20;
    public static final int DEFAULT_PAGE_SIZE = 10_000;
    public static final int DEFAULT_TAIL_CAPACITY = 10_000;

    private final RecordSource source;
    private final ScanFactory scans;
    private final TaskExecutor executor;
    private final ResultsWindow window;
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", DEFAULT_PAGE_SIZE);
    private final IntegerProperty tailCapacity = new SimpleIntegerProperty(this, "tailCapacity",
            DEFAULT_TAIL_CAPACITY);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private ReadSession session;
    private BackgroundTask ticker;
    private int uiUpdates;

    ReadController(RecordSource source, ScanFactory scans, TaskExecutor executor) {
        this.source = source;
        this.scans = scans;
        this.executor = executor;
        this.window = new ResultsWindow(executor);
        tailCapacity.addListener((obs, old, now) -> {
            if (session != null && session.kind() == ReadSession.Kind.TAIL) {
                window.tail(List.of(), capacity(), MAX_WINDOW_BYTES);
            }
        });
    }

    ResultsWindow window() {
        return window;
    }

    IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    IntegerProperty tailCapacityProperty() {
        return tailCapacity;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void setError(String text) {
        error.set(text);
    }

    /** How many times records were handed to the table: once per tick at most, for tests. */
    int uiUpdates() {
        return uiUpdates;
    }

    /** The current (or last) read; null when none. */
    ReadSession session() {
        return session;
    }

    /** Cancels the current read and starts this one. */
    void start(ReadSession.Kind kind, ReadSession.Request request) {
        discard();
        error.set("");
        ReadSession started = new ReadSession(kind, request, Math.max(1, pageSize.get()), MAX_WINDOW_BYTES,
                capacity(), MAX_WINDOW_BYTES);
        session = started;
        if (kind == ReadSession.Kind.SEARCH) {
            window.attach(started.spool());
        } else {
            window.clear();
        }
        running.set(true);
        live.set(kind == ReadSession.Kind.TAIL);
        paused.set(false);
        progress.set(kind == ReadSession.Kind.TAIL ? -1 : 0);
        progressText.set(request.description() + "…");
        ticker = executor.every(FRAME, this::tick);
        BackgroundTask task = executor.submit(request.description(),
                p -> started.execute(source, scans, p),
                result -> finished(started, result, null),
                failure -> finished(started, null, failure));
        started.task(task);
    }

    /** Stops the current read, keeping what it showed. */
    void stop() {
        if (session != null && running.get()) {
            session.cancel();
            finished(session, session.progress(), null);
        }
    }

    void pause() {
        if (live.get()) {
            paused.set(true);
            tick();
        }
    }

    void resume() {
        if (paused.get()) {
            paused.set(false);
            tick();
        }
    }

    void nextPage() {
        window.nextPage(Math.max(1, pageSize.get()), MAX_WINDOW_BYTES);
    }

    void previousPage() {
        window.previousPage(Math.max(1, pageSize.get()), MAX_WINDOW_BYTES);
    }

    /** Cancels any read and empties the table (another cluster or topic). */
    void clear() {
        discard();
        window.clear();
        error.set("");
        progressText.set("");
        progress.set(0);
    }

    private void discard() {
        stopTicker();
        if (session != null) {
            session.cancel();
            if (session.spool() != null) {
                // On a worker: closing waits for an append the cancelled read may still be in the middle of.
                ResultSpool spool = session.spool();
                executor.submit("Deleting search results", () -> {
                    spool.close();
                    return null;
                }, done -> { }, failure -> { });
            }
            session = null;
        }
        running.set(false);
        live.set(false);
        paused.set(false);
    }

    /** One frame: hands over what the worker collected since the last one. */
    private void tick() {
        if (session == null) {
            return;
        }
        ReadSession s = session;
        if (s.kind() == ReadSession.Kind.SEARCH) {
            PendingRecords.Drained drained = s.pending().drain();
            if (!drained.records().isEmpty()) {
                uiUpdates++;
                window.firstPage(drained.records());
            }
            window.spoolSize(s.spool().size());
        } else if (!paused.get()) {
            PendingRecords.Drained drained = s.pending().drain();
            if (!drained.records().isEmpty()) {
                uiUpdates++;
                window.tail(drained.records(), capacity(), MAX_WINDOW_BYTES);
            }
        }
        showProgress(s, s.progress());
    }

    private void finished(ReadSession s, ScanProgress result, Throwable failure) {
        if (s != session || !running.get()) {
            return;
        }
        // The last records are shown even when paused: the read is over, nothing more will come.
        paused.set(false);
        tick();
        stopTicker();
        running.set(false);
        live.set(false);
        if (failure != null && !s.isCancelled()) {
            error.set(Messages.oneLine(failure));
        }
        showProgress(s, result);
        if (s.kind() == ReadSession.Kind.TAIL) {
            progress.set(0);
        } else if (failure == null && !s.isCancelled()) {
            progress.set(1);
        }
    }

    private void showProgress(ReadSession s, ScanProgress p) {
        StringBuilder text = new StringBuilder();
        if (s.keyPartition() != null) {
            text.append("Key in partition ").append(s.keyPartition()).append(" · ");
        }
        if (s.nothingToScan()) {
            progressText.set(text.append("The filter rules out every chosen partition: nothing to read").toString());
            return;
        }
        if (p == null) {
            progressText.set(text.append(s.request().description()).append("…").toString());
            return;
        }
        boolean tail = s.kind() == ReadSession.Kind.TAIL;
        String state = running.get() ? (paused.get() ? "Paused" : tail ? "Live" : "Searching")
                : s.isCancelled() ? "Stopped" : tail ? "Ended" : "Done";
        text.append(state).append(" · ").append(Formats.count(p.scanned())).append(" scanned");
        if (p.total() >= 0) {
            text.append(" of ").append(Formats.count(p.total()));
        }
        text.append(" · ").append(Formats.count(p.matched())).append(tail ? " received" : " matches");
        if (running.get()) {
            text.append(" · ").append(String.format(Locale.ROOT, "%,.0f", p.recordsPerSecond())).append(" records/s");
        }
        if (!tail && p.fraction() >= 0) {
            text.append(" · ").append(Math.round(p.fraction() * 100)).append('%');
            if (running.get()) {
                progress.set(p.fraction());
            }
        }
        if (paused.get()) {
            text.append(" · ").append(Formats.count(s.pending().size())).append(" waiting");
        }
        long abandoned = s.request().filter() == null ? 0 : s.request().filter().abandonedRegexMatches();
        if (abandoned > 0) {
            text.append(" · ").append(Formats.count(abandoned))
                    .append(" regex tests gave up (too slow): matches may be missing");
        }
        progressText.set(text.toString());
    }

    private int capacity() {
        return Math.max(1, tailCapacity.get());
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel();
            ticker = null;
        }
    }
}
