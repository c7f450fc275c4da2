package io.mirador.ui.page.mirroring.detail;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * State and commands of a route's detail view: live progress, history charts, the event log and the compare
 * action, all read through the {@link MirroringService}.
 *
 * <p>While active ({@link #setActive}) it polls the route's status every {@link #STATUS_PERIOD}, its events
 * every {@link #EVENTS_PERIOD} and its history through {@link HistoryModel} (every {@link HistoryModel#REFRESH});
 * inactive, it reads nothing and cancels what is under way. A poll is skipped while the previous one of the same
 * kind is still running, so a slow engine never piles up calls.
 *
 * <p>Invariant: everything shown belongs to {@link #routeProperty()}. Changing the route clears all state and
 * bumps a generation number; a result of an older generation is dropped when it arrives. A failed poll keeps
 * the last data and says why in {@link #problemProperty()} (one line); the next success clears it.
 *
 * <p>Threading: UI thread only (the executor's callbacks come back on it). Holds no Node, so it is tested
 * without JavaFX running, with a {@code DirectTaskExecutor}.
 */
public final class RouteDetailModel {

    public static final Duration STATUS_PERIOD = Duration.ofSeconds(2);
    public static final Duration EVENTS_PERIOD = Duration.ofSeconds(5);
    /** Events read per poll, newest first: enough for a day of a busy route's topic and partition changes. */
    public static final int EVENT_LIMIT = 500;

    private final MirroringService service;
    private final TaskExecutor executor;
    private final TimeDisplay time;
    private final LongSupplier clock;

    private final ObjectProperty<String> route = new SimpleObjectProperty<>(this, "route");
    private final ReadOnlyObjectWrapper<RouteStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<RouteSummary> summary =
            new ReadOnlyObjectWrapper<>(this, "summary", RouteSummary.EMPTY);
    private final ReadOnlyLongWrapper updatedAt = new ReadOnlyLongWrapper(this, "updatedAt", -1);
    private final ReadOnlyStringWrapper statusProblem = new ReadOnlyStringWrapper(this, "statusProblem", "");
    private final ReadOnlyStringWrapper eventsProblem = new ReadOnlyStringWrapper(this, "eventsProblem", "");
    private final BooleanProperty chartsFollowPartition = new SimpleBooleanProperty(this, "chartsFollowPartition");
    private final StringBinding problem;

    private final PartitionRows rows = new PartitionRows();
    private final EventFilter events = new EventFilter();
    private final CompareModel compare;
    private final HistoryModel history;
    private final GroupsModel groups;
    private final FailoverActions failover;

    private BackgroundTask statusTimer;
    private BackgroundTask eventsTimer;
    private BackgroundTask statusLoad;
    private BackgroundTask eventsLoad;
    private long generation;

    public RouteDetailModel(MirroringService service, TaskExecutor executor, TimeDisplay time) {
        this(service, executor, time, System::currentTimeMillis);
    }

    /** @param clock now in epoch milliseconds, for the history window; tests pass a fixed one */
    RouteDetailModel(MirroringService service, TaskExecutor executor, TimeDisplay time, LongSupplier clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.time = Objects.requireNonNull(time, "time");
        this.clock = Objects.requireNonNull(clock, "clock");
        compare = new CompareModel(service, executor, route);
        history = new HistoryModel(service, executor, route, clock);
        groups = new GroupsModel(service, executor, route, clock);
        failover = new FailoverActions(service, executor, route, status, groups, this::refresh);
        problem = Bindings.createStringBinding(() -> firstNonEmpty(statusProblem.get(), eventsProblem.get(),
                history.problemProperty().get(), groups.problemProperty().get()), statusProblem, eventsProblem,
                history.problemProperty(), groups.problemProperty());
        route.addListener((obs, old, now) -> routeChanged());
        rows.selectedPartitionProperty().addListener((obs, old, now) -> updateChartScope());
        chartsFollowPartition.addListener((obs, old, now) -> updateChartScope());
        // Choosing a topic in the progress tables makes it the one to compare.
        rows.selectedTopicProperty().addListener((obs, old, now) -> {
            if (now != null) {
                compare.topicProperty().set(now);
            }
        });
    }

    /** The route shown; null shows nothing. Set by the page that opens the detail. */
    public ObjectProperty<String> routeProperty() {
        return route;
    }

    public String route() {
        return route.get();
    }

    /** The last status of the route, null before the first one (and after a route change). */
    public ReadOnlyObjectProperty<RouteStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** State and totals for the header; {@link RouteSummary#EMPTY} before the first status. */
    public ReadOnlyObjectProperty<RouteSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** When the last status arrived, epoch milliseconds; -1 for never. */
    public ReadOnlyLongProperty updatedAtProperty() {
        return updatedAt.getReadOnlyProperty();
    }

    /** Per-topic and per-partition progress rows and their selection. */
    public PartitionRows rows() {
        return rows;
    }

    /** The event log with its filters. */
    public EventFilter events() {
        return events;
    }

    /** The compare action. */
    public CompareModel compare() {
        return compare;
    }

    /** The charts' history: range, scope and the loaded series. */
    public HistoryModel history() {
        return history;
    }

    /** The consumer groups the route's offset sync looks after, read with the status. */
    public GroupsModel groups() {
        return groups;
    }

    /** Fail over and fail back, with their notice. */
    public FailoverActions failover() {
        return failover;
    }

    /** When true the throughput and lag charts show the selected partition instead of the whole route. */
    public BooleanProperty chartsFollowPartitionProperty() {
        return chartsFollowPartition;
    }

    /** Why something shown is missing or stale, in one line; empty when all is well. */
    public ObservableStringValue problemProperty() {
        return problem;
    }

    public TimeDisplay time() {
        return time;
    }

    /** Shown: poll now and periodically; hidden: stop reading the engine. */
    public void setActive(boolean active) {
        if (active && statusTimer == null) {
            statusTimer = executor.every(STATUS_PERIOD, () -> {
                loadStatus();
                groups.refresh();
            });
            eventsTimer = executor.every(EVENTS_PERIOD, this::loadEvents);
            history.setActive(true); // loads the history at once
            loadStatus();
            loadEvents();
            groups.refresh();
        } else if (!active && statusTimer != null) {
            statusTimer.cancel();
            eventsTimer.cancel();
            statusTimer = null;
            eventsTimer = null;
            history.setActive(false);
            compare.cancel();
            groups.cancel();
            cancelLoads();
        }
    }

    public boolean isActive() {
        return statusTimer != null;
    }

    /** Reads status, events, groups and history now (F5); nothing while inactive or without a route. */
    public void refresh() {
        loadStatus();
        loadEvents();
        if (isActive()) {
            groups.refresh();
        }
        history.refresh();
    }

    private void loadStatus() {
        String name = route.get();
        if (name == null || !isActive() || running(statusLoad)) {
            return;
        }
        long gen = generation;
        statusLoad = executor.submit("Reading the status of route " + name, () -> service.status(name),
                result -> {
                    if (gen == generation) {
                        statusLoaded(result);
                    }
                },
                failure -> {
                    if (gen == generation) {
                        statusProblem.set("Could not read the status of route " + name + ": "
                                + Messages.oneLine(failure));
                    }
                });
    }

    private void loadEvents() {
        String name = route.get();
        if (name == null || !isActive() || running(eventsLoad)) {
            return;
        }
        long gen = generation;
        eventsLoad = executor.submit("Reading the events of route " + name, () -> service.events(name, EVENT_LIMIT),
                result -> {
                    if (gen == generation) {
                        eventsProblem.set("");
                        events.update(onlyRoute(name, result));
                    }
                },
                failure -> {
                    if (gen == generation) {
                        eventsProblem.set("Could not read the events of route " + name + ": "
                                + Messages.oneLine(failure));
                    }
                });
    }

    private void statusLoaded(RouteStatus result) {
        statusProblem.set("");
        status.set(result);
        summary.set(RouteSummary.of(result));
        updatedAt.set(clock.getAsLong());
        List<PartitionStatus> partitions = result.partitions() == null ? List.of() : result.partitions();
        rows.update(partitions);
        compare.updateTopics(partitions.stream().map(PartitionStatus::topic).distinct().sorted().toList());
    }

    /** The service is asked for one route's events; a remote engine that ignores the filter must not leak others. */
    private static List<ReplicationEvent> onlyRoute(String name, List<ReplicationEvent> events) {
        return events.stream().filter(e -> e.route() == null || name.equals(e.route())).toList();
    }

    private void routeChanged() {
        generation++;
        cancelLoads();
        status.set(null);
        summary.set(RouteSummary.EMPTY);
        updatedAt.set(-1);
        statusProblem.set("");
        eventsProblem.set("");
        rows.clear();
        events.clear();
        // CompareModel, HistoryModel and GroupsModel follow the route themselves (the history reloads on its own).
        loadStatus();
        loadEvents();
        if (isActive()) {
            groups.refresh();
        }
    }

    private void updateChartScope() {
        PartitionKey key = rows.selectedPartitionProperty().get();
        history.scopeProperty().set(chartsFollowPartition.get() && key != null ? key.scope()
                : HistoryModel.ROUTE_SCOPE);
    }

    private void cancelLoads() {
        if (statusLoad != null) {
            statusLoad.cancel();
            statusLoad = null;
        }
        if (eventsLoad != null) {
            eventsLoad.cancel();
            eventsLoad = null;
        }
    }

    private static boolean running(BackgroundTask task) {
        return task != null && !task.isDone();
    }

    private static String firstNonEmpty(String... texts) {
        for (String t : texts) {
            if (t != null && !t.isEmpty()) {
                return t;
            }
        }
        return "";
    }
}
