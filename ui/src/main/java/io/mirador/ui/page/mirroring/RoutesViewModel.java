package io.mirador.ui.page.mirroring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Routes page. UI thread only: every engine call runs through the {@link TaskExecutor},
 * whose callbacks come back on the UI thread.
 *
 * <p>While the page is shown, statuses are polled every {@link #POLL}; route definitions are reloaded on show, on
 * refresh, after each write, and whenever the polled statuses name other routes than the table holds (a route
 * created or deleted elsewhere, e.g. through the REST API). At most one status poll and one route load are in
 * flight, so a slow remote engine is not flooded. Each route's sparkline is a small ring of polled rates, seeded
 * once from the engine's {@link #TREND_WINDOW} of history when the route first appears.
 */
public final class RoutesViewModel {

    public static final Duration POLL = Duration.ofSeconds(2);
    static final Duration TREND_WINDOW = Duration.ofMinutes(15);
    static final int RELOAD_MISSING = 5;

    private final MirroringService service;
    private final Connections connections;
    private final Function<String, List<String>> topicsOf;
    private final TaskExecutor executor;
    private final LongSupplier clock;

    private final ObservableList<RouteRow> routes = FXCollections.observableArrayList();
    private final ObservableList<RouteRow> routesView = FXCollections.unmodifiableObservableList(routes);
    private final Map<String, RouteRow> byName = new HashMap<>();
    private final ObjectProperty<String> selectedRoute = new SimpleObjectProperty<>(this, "selectedRoute");
    private final ObjectProperty<String> openedRoute = new SimpleObjectProperty<>(this, "openedRoute");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper(this, "canPause");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper(this, "canResume");
    private final ReadOnlyBooleanWrapper hasSelection = new ReadOnlyBooleanWrapper(this, "hasSelection");
    private final ReadOnlyStringWrapper resumeText = new ReadOnlyStringWrapper(this, "resumeText", "Resume");
    private final Set<String> seeded = new HashSet<>();
    private List<String> engineClusters = List.of();
    private BackgroundTask timer;
    /** Set before submitting, cleared in the callbacks: true exactly while a callback is still to come. */
    private boolean loadInFlight;
    private boolean pollInFlight;
    /** A write finished while a load was under way, whose answer may predate the write: load once more. */
    private boolean reloadAfterLoad;
    private int pollsSinceLoad;
    private final RouteCommands commands;

    public RoutesViewModel(MirroringService service, Connections connections, Function<String, List<String>> topicsOf,
                           TaskExecutor executor, Predicate<String> confirm) {
        this(service, connections, topicsOf, executor, confirm, System::currentTimeMillis);
    }

    RoutesViewModel(MirroringService service, Connections connections, Function<String, List<String>> topicsOf,
                    TaskExecutor executor, Predicate<String> confirm, LongSupplier clock) {
        this.service = service;
        this.connections = connections;
        this.topicsOf = topicsOf;
        this.executor = executor;
        this.clock = clock;
        commands = new RouteCommands(service, executor, confirm, this::route, this::afterWrite, deleted -> {
            if (deleted.equals(openedRoute.get())) {
                openedRoute.set(null);
            }
        });
        selectedRoute.addListener((obs, old, now) -> updateActions());
    }

    /** Every route, by name; rows are updated in place. */
    public ObservableList<RouteRow> routes() {
        return routesView;
    }

    public Optional<RouteRow> route(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** The route the toolbar acts on (the table's selection); null for none. */
    public ObjectProperty<String> selectedRouteProperty() {
        return selectedRoute;
    }

    /** The route whose detail should show, set by double-click or "Details"; the detail view listens to it. */
    public ObjectProperty<String> openedRouteProperty() {
        return openedRoute;
    }

    /** The engine in the header: "local engine" or the remote URL; empty until the first load. */
    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** Why the list may be stale (the last load or poll failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Pause, resume, delete and save, with their notices. */
    public RouteCommands commands() {
        return commands;
    }

    /** True while definitions are being (re)loaded; status polls do not count. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    /** Edit, delete and details need a selected route. */
    public ReadOnlyBooleanProperty hasSelectionProperty() {
        return hasSelection.getReadOnlyProperty();
    }

    /** "Start" for a stopped or failed route, else "Resume": the same command. */
    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.getReadOnlyProperty();
    }

    /** Page shown: load now and poll statuses every {@link #POLL}; hidden: stop polling. */
    public void setActive(boolean active) {
        if (active && timer == null) {
            refresh();
            timer = executor.every(POLL, this::poll);
        } else if (!active && timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    public boolean isActive() {
        return timer != null;
    }

    /** Reloads definitions and statuses, unless a load is under way. */
    public void refresh() {
        if (loadInFlight) {
            return;
        }
        loadInFlight = true;
        loading.set(true);
        boolean describe = engine.get().isEmpty();
        executor.submit("Loading routes", () -> new Snapshot(describe ? service.describe() : null,
                service.routes(), service.statuses(), clusterNamesOrNone()), this::loaded, failure -> {
                    loadInFlight = false;
                    loading.set(false);
                    problem.set("Could not load the routes: " + Messages.oneLine(failure));
                    reloadIfAsked();
                });
    }

    /** One status poll, skipped while a poll or a full load is under way. */
    void poll() {
        if (pollInFlight || loadInFlight) {
            return;
        }
        pollInFlight = true;
        executor.submit("Reading route status", service::statuses, statuses -> {
            pollInFlight = false;
            problem.set("");
            applyStatuses(statuses);
            Set<String> polled = new HashSet<>();
            statuses.forEach(s -> polled.add(s.route()));
            // A new name means a route created elsewhere: load now. A missing one is a deletion, or an engine
            // that reports no status for some routes: load too, but not more than once per RELOAD_MISSING polls.
            boolean unknown = !byName.keySet().containsAll(polled);
            boolean missing = !polled.containsAll(byName.keySet()) && ++pollsSinceLoad >= RELOAD_MISSING;
            if (unknown || missing) {
                refresh();
            }
        }, failure -> {
            pollInFlight = false;
            problem.set("Could not read the route status: " + Messages.oneLine(failure));
        });
    }

    public void pauseSelected() {
        route(selectedRoute.get()).ifPresent(r -> commands.pause(r.name()));
    }

    /** Starts a stopped or failed route, resumes a paused one. */
    public void resumeSelected() {
        route(selectedRoute.get()).ifPresent(r -> commands.resume(r.name()));
    }

    /** Asks first. */
    public void deleteSelected() {
        route(selectedRoute.get()).ifPresent(r -> commands.delete(r.name()));
    }

    /** Opens the selected route's detail. */
    public void openSelected() {
        open(selectedRoute.get());
    }

    public void open(String name) {
        if (name != null && byName.containsKey(name)) {
            openedRoute.set(name);
        }
    }

    /** An editor for a new route. */
    public RouteEditorModel newRouteEditor() {
        return new RouteEditorModel(null, clusterChoices(), byName.keySet(), topicsOf, executor, this::save);
    }

    /** An editor prefilled with {@code name}'s definition; empty when there is no such route. */
    public Optional<RouteEditorModel> editRoute(String name) {
        return route(name).map(r -> new RouteEditorModel(r.definition(), clusterChoices(), byName.keySet(),
                topicsOf, executor, this::save));
    }

    public Optional<RouteEditorModel> editSelected() {
        return editRoute(selectedRoute.get());
    }

    /** The console's clusters (sandbox first), then any other the engine knows (a remote engine's own). */
    List<String> clusterChoices() {
        Set<String> names = new LinkedHashSet<>();
        connections.entries().stream().map(ConnectionEntry::name).forEach(names::add);
        names.addAll(engineClusters);
        return List.copyOf(names);
    }

    private void save(RouteDefinition definition, boolean update, Runnable onSaved, Consumer<String> onFailed) {
        commands.save(definition, update, () -> {
            selectedRoute.set(definition.name());
            onSaved.run();
        }, onFailed);
    }

    private void loaded(Snapshot snapshot) {
        loadInFlight = false;
        pollsSinceLoad = 0;
        loading.set(false);
        problem.set("");
        if (snapshot.describe() != null) {
            engine.set(snapshot.describe());
        }
        engineClusters = snapshot.clusters();
        Map<String, RouteDefinition> next = new LinkedHashMap<>();
        snapshot.routes().stream().sorted(Comparator.comparing(RouteDefinition::name))
                .forEach(d -> next.put(d.name(), d));
        routes.removeIf(r -> !next.containsKey(r.name()));
        byName.keySet().retainAll(next.keySet());
        List<String> fresh = new ArrayList<>();
        next.forEach((name, definition) -> {
            RouteRow row = byName.get(name);
            if (row == null) {
                row = new RouteRow(definition);
                byName.put(name, row);
                routes.add(row);
                fresh.add(name);
            } else {
                row.define(definition);
            }
        });
        if (!fresh.isEmpty()) {
            // Only when rows came: a sort is a permutation the table must process, not free on every load.
            routes.sort(Comparator.comparing(RouteRow::name));
        }
        if (selectedRoute.get() != null && !byName.containsKey(selectedRoute.get())) {
            selectedRoute.set(null);
        }
        applyStatuses(snapshot.statuses());
        seedTrends(fresh);
        reloadIfAsked();
    }

    private void applyStatuses(List<RouteStatus> statuses) {
        for (RouteStatus status : statuses) {
            RouteRow row = byName.get(status.route());
            if (row != null) {
                row.update(status);
            }
        }
        updateActions();
    }

    /** One background task for all new routes; a failure only leaves their trends to the polls. */
    private void seedTrends(List<String> names) {
        names.removeIf(seeded::contains);
        if (names.isEmpty()) {
            return;
        }
        seeded.addAll(names);
        long now = clock.getAsLong();
        long from = now - TREND_WINDOW.toMillis();
        executor.submit("Loading route trends", () -> {
            Map<String, double[]> trends = new HashMap<>();
            for (String name : names) {
                trends.put(name, service.history(name, "records-per-second", "*", from, now).stream()
                        .sorted(Comparator.comparingLong(MetricSample::timestampMs))
                        .mapToDouble(MetricSample::value).toArray());
            }
            return trends;
        }, trends -> trends.forEach((name, values) -> route(name).ifPresent(r -> r.seedTrend(values))),
                failure -> { });
    }

    private void afterWrite() {
        if (loadInFlight) {
            reloadAfterLoad = true;
        } else {
            refresh();
        }
    }

    private void reloadIfAsked() {
        if (reloadAfterLoad) {
            reloadAfterLoad = false;
            refresh();
        }
    }

    private void updateActions() {
        Optional<RouteRow> row = route(selectedRoute.get());
        hasSelection.set(row.isPresent());
        canPause.set(row.map(RouteRow::running).orElse(false));
        canResume.set(row.map(r -> !r.running()).orElse(false));
        resumeText.set(row.map(RouteRow::stopped).orElse(false) ? "Start" : "Resume");
    }

    private List<String> clusterNamesOrNone() {
        try {
            return service.clusterNames();
        } catch (RuntimeException e) {
            // Only widens the editor's cluster choice; the routes still load.
            return List.of();
        }
    }

    private record Snapshot(String describe, List<RouteDefinition> routes, List<RouteStatus> statuses,
                            List<String> clusters) {
    }
}
