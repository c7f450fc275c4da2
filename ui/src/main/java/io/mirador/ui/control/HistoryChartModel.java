package io.mirador.ui.control;

import java.time.Duration;
import java.util.Objects;

import io.mirador.ui.service.history.HistorySeries;
import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.service.history.Range;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * State of a {@link HistoryChart}: which series (cluster, metric, scope), which {@link Range}, and the points last
 * loaded. Holds no Node, so it is tested without JavaFX running.
 *
 * <p>Loads run on the {@link TaskExecutor}'s workers (the {@link HistorySource} blocks on the store): at once when
 * the chart becomes active, on every range, cluster or scope change while active, and every refresh period while
 * active. A change cancels the load in flight, and a result that no longer matches the selection is dropped, so a
 * slow week read can never overwrite the hour just chosen. A failed load keeps the last points and says why.
 *
 * <p>Threading: UI thread only (the executor's callbacks come back on it).
 */
public final class HistoryChartModel {

    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

    private final HistorySource source;
    private final TaskExecutor executor;
    private final String metric;
    private final Duration refresh;

    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(this, "range", Range.HOUR);
    private final ObjectProperty<String> cluster = new SimpleObjectProperty<>(this, "cluster");
    private final ObjectProperty<String> scope;
    private final ReadOnlyObjectWrapper<HistorySeries> series = new ReadOnlyObjectWrapper<>(this, "series");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private BackgroundTask load;
    private Request loadRequest;
    private BackgroundTask timer;
    /**
     * The condition of {@link #activeWhile}, held here on purpose: a JavaFX binding is reached from its
     * dependencies only through weak references, so a condition built inline would be garbage-collected with its
     * listener and the chart would never wake up.
     */
    private ObservableValue<Boolean> activeCondition;

    /** What a load asked for; a result is shown only while it still matches the selection. */
    private record Request(String cluster, String scope, Range range) {
    }

    public HistoryChartModel(HistorySource source, TaskExecutor executor, String metric, String scope) {
        this(source, executor, metric, scope, DEFAULT_REFRESH);
    }

    /**
     * @param metric  metric name, e.g. {@code cluster.in.rate}
     * @param scope   initial scope (topic, group id, or "" for cluster-wide metrics)
     * @param refresh time between reloads while active
     */
    public HistoryChartModel(HistorySource source, TaskExecutor executor, String metric, String scope,
                             Duration refresh) {
        this.source = Objects.requireNonNull(source, "source");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.refresh = refresh;
        this.scope = new SimpleObjectProperty<>(this, "scope", Objects.requireNonNull(scope, "scope"));
        range.addListener((obs, old, now) -> selectionChanged(false));
        cluster.addListener((obs, old, now) -> selectionChanged(true));
        this.scope.addListener((obs, old, now) -> selectionChanged(true));
    }

    public String metric() {
        return metric;
    }

    /** Hour, day or week; never null (setting null selects {@link Range#HOUR}). */
    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    public Range range() {
        return range.get();
    }

    /** The cluster whose history is shown; null shows nothing. */
    public ObjectProperty<String> clusterProperty() {
        return cluster;
    }

    public ObjectProperty<String> scopeProperty() {
        return scope;
    }

    /** The last loaded series of the current selection; null before the first load or after a cluster change. */
    public ReadOnlyObjectProperty<HistorySeries> seriesProperty() {
        return series.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the points are missing or stale; empty when the last load worked. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Shown: load now and every refresh period; hidden: stop reading the store. */
    public void setActive(boolean active) {
        if (active && timer == null) {
            timer = executor.every(refresh, this::refresh);
            refresh();
        } else if (!active && timer != null) {
            timer.cancel();
            timer = null;
            cancelLoad();
        }
    }

    /** Active exactly while {@code condition} is true, now and on every change, for as long as this model lives. */
    public void activeWhile(ObservableValue<Boolean> condition) {
        activeCondition = Objects.requireNonNull(condition, "condition");
        condition.addListener((obs, was, now) -> setActive(Boolean.TRUE.equals(now)));
        setActive(Boolean.TRUE.equals(condition.getValue()));
    }

    public boolean isActive() {
        return timer != null;
    }

    /** Loads the current selection unless there is none or the same load is under way. */
    public void refresh() {
        Request request = current();
        if (request == null) {
            return;
        }
        if (load != null && !load.isDone() && request.equals(loadRequest)) {
            return;
        }
        cancelLoad();
        loadRequest = request;
        loading.set(true);
        load = executor.submit("Loading " + metric + " history of " + request.cluster(),
                () -> source.series(request.cluster(), metric, request.scope(), request.range()),
                result -> loaded(request, result), failure -> failed(request, failure));
    }

    private Request current() {
        String name = cluster.get();
        if (name == null) {
            return null;
        }
        Range r = range.get();
        if (r == null) {
            range.set(Range.HOUR);
            return null; // the listener has loaded the hour already
        }
        return new Request(name, scope.get() == null ? "" : scope.get(), r);
    }

    private void selectionChanged(boolean otherSeries) {
        if (range.get() == null) {
            range.set(Range.HOUR);
            return;
        }
        cancelLoad();
        problem.set("");
        if (otherSeries) {
            series.set(null);
        }
        if (isActive()) {
            refresh();
        }
    }

    private void loaded(Request request, HistorySeries result) {
        if (!request.equals(current())) {
            return;
        }
        loading.set(false);
        problem.set("");
        series.set(result);
    }

    private void failed(Request request, Throwable failure) {
        if (!request.equals(current())) {
            return;
        }
        loading.set(false);
        problem.set("Could not read the history: " + Messages.oneLine(failure));
    }

    private void cancelLoad() {
        if (load != null) {
            load.cancel();
            load = null;
            loadRequest = null;
        }
        loading.set(false);
    }
}
