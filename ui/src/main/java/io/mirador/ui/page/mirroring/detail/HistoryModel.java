package io.mirador.ui.page.mirroring.detail;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.mirador.ui.service.history.Range;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The route's metric history for the three charts: throughput (records/s), lag, and latency p50/p99, over the
 * last hour, day or week, for the whole route or one partition.
 *
 * <p>Loads run on the executor (four store reads): at once when activated and on every route, range or scope
 * change while active, then every {@link #REFRESH}. A change cancels the load under way and a result for an
 * older request is dropped, so a slow week read never replaces the hour just chosen. A failed load keeps the last
 * points and sets {@link #problemProperty()}. The engine records latency for the whole route only, so the latency
 * chart always shows the route. UI thread only. Holds no Node.
 */
public final class HistoryModel {

    public static final Duration REFRESH = Duration.ofSeconds(5);
    /** The engine's scope for route-wide metrics. */
    public static final String ROUTE_SCOPE = "*";
    static final String RECORDS_PER_SECOND = "records-per-second";
    static final String LAG = "lag";
    static final String LATENCY_P50 = "latency-p50-ms";
    static final String LATENCY_P99 = "latency-p99-ms";
    /** Points per line at most: about one per horizontal pixel of a wide chart. */
    static final int MAX_POINTS = 1200;

    private final MirroringService service;
    private final TaskExecutor executor;
    private final ObservableValue<String> route;
    private final LongSupplier clock;

    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(this, "range", Range.HOUR);
    private final ObjectProperty<String> scope = new SimpleObjectProperty<>(this, "scope", ROUTE_SCOPE);
    private final ReadOnlyObjectWrapper<ChartData> data = new ReadOnlyObjectWrapper<>(this, "data");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private BackgroundTask timer;
    private BackgroundTask load;
    private Request loadRequest;

    private record Request(String route, String scope, Range range) {
    }

    HistoryModel(MirroringService service, TaskExecutor executor, ObservableValue<String> route, LongSupplier clock) {
        this.service = service;
        this.executor = executor;
        this.route = route;
        this.clock = clock;
        route.addListener((obs, old, now) -> changed(true));
        scope.addListener((obs, old, now) -> changed(true));
        range.addListener((obs, old, now) -> changed(false));
    }

    /** Hour, day or week; setting null selects the hour. */
    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    /** {@link #ROUTE_SCOPE} or a partition's "topic/partition"; null is taken as the route. */
    public ObjectProperty<String> scopeProperty() {
        return scope;
    }

    /** The last loaded charts of the current selection; null before the first load and after a route change. */
    public ReadOnlyObjectProperty<ChartData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    /** Why the charts are empty or stale, in one line; empty when the last load worked. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    void setActive(boolean active) {
        if (active && timer == null) {
            timer = executor.every(REFRESH, this::refresh);
            refresh();
        } else if (!active && timer != null) {
            timer.cancel();
            timer = null;
            cancelLoad();
        }
    }

    /** Loads the current selection unless the same load is under way. */
    public void refresh() {
        Request request = current();
        if (request == null || (load != null && !load.isDone() && request.equals(loadRequest))) {
            return;
        }
        cancelLoad();
        loadRequest = request;
        load = executor.submit("Reading the history of route " + request.route(), () -> read(request),
                result -> {
                    if (request.equals(current())) {
                        problem.set("");
                        data.set(result);
                    }
                },
                failure -> {
                    if (request.equals(current())) {
                        problem.set("Could not read the history: " + Messages.oneLine(failure));
                    }
                });
    }

    /** Worker thread: the four series of one window. */
    private ChartData read(Request r) {
        long to = clock.getAsLong();
        long from = to - r.range().millis();
        String partitionScope = r.scope();
        List<ChartSeries> throughput = List.of(ChartSeries.of("records/s",
                service.history(r.route(), RECORDS_PER_SECOND, partitionScope, from, to), MAX_POINTS));
        List<ChartSeries> lag = List.of(ChartSeries.of("lag",
                service.history(r.route(), LAG, partitionScope, from, to), MAX_POINTS));
        List<ChartSeries> latency = List.of(
                ChartSeries.of("p50", service.history(r.route(), LATENCY_P50, ROUTE_SCOPE, from, to), MAX_POINTS),
                ChartSeries.of("p99", service.history(r.route(), LATENCY_P99, ROUTE_SCOPE, from, to), MAX_POINTS));
        return new ChartData(r.range(), partitionScope, from, to, throughput, lag, latency);
    }

    private Request current() {
        String name = route.getValue();
        if (name == null || timer == null) {
            return null;
        }
        Range r = range.get() == null ? Range.HOUR : range.get();
        return new Request(name, Objects.requireNonNullElse(scope.get(), ROUTE_SCOPE), r);
    }

    private void changed(boolean otherSeries) {
        if (range.get() == null) {
            range.set(Range.HOUR);
            return;
        }
        cancelLoad();
        problem.set("");
        if (otherSeries) {
            data.set(null);
        }
        refresh();
    }

    private void cancelLoad() {
        if (load != null) {
            load.cancel();
            load = null;
            loadRequest = null;
        }
    }
}
