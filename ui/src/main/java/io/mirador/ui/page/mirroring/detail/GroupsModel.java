package io.mirador.ui.page.mirroring.detail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.service.mirroring.RouteGroups;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Consumer groups" tab's data: one row per group and mirrored partition with the group's source position
 * and its translated target position, when the last sync round ran, and why the table is empty when it is. The
 * same read brings the route definitions, which say whether the route syncs groups at all and whether it has a
 * paused reverse route to fail back to.
 *
 * <p>Polled by the owning {@link RouteDetailModel} on its status cadence; a read is skipped while the previous
 * one runs. Follows the route: a change clears everything, and a read for an older route is dropped. A failed
 * read keeps the last rows and says why in {@link #problemProperty()}. UI thread only; no Node.
 */
public final class GroupsModel {

    private final MirroringService service;
    private final TaskExecutor executor;
    private final ObservableValue<String> route;
    private final LongSupplier clock;

    private final ObservableList<GroupRow> rows = FXCollections.observableArrayList();
    private final ObservableList<GroupRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<RouteDefinition> definition = new ReadOnlyObjectWrapper<>(this, "definition");
    private final ReadOnlyStringWrapper reverseRoute = new ReadOnlyStringWrapper(this, "reverseRoute", "");
    private final ReadOnlyLongWrapper lastSyncMs = new ReadOnlyLongWrapper(this, "lastSyncMs", 0);
    private final ReadOnlyLongWrapper updatedAt = new ReadOnlyLongWrapper(this, "updatedAt", -1);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper(this, "emptyText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private BackgroundTask load;
    private long generation;

    GroupsModel(MirroringService service, TaskExecutor executor, ObservableValue<String> route, LongSupplier clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.route = Objects.requireNonNull(route, "route");
        this.clock = Objects.requireNonNull(clock, "clock");
        route.addListener((obs, old, now) -> clear());
        clear();
    }

    /** By group, topic and partition. */
    public ObservableList<GroupRow> rows() {
        return rowsView;
    }

    /** The route's definition as last read; null before the first read. */
    public ReadOnlyObjectProperty<RouteDefinition> definitionProperty() {
        return definition.getReadOnlyProperty();
    }

    /**
     * The paused reverse route a failover of this route prepared, when this route is paused: what "Fail back"
     * resumes. Empty otherwise. The engine's rule: target to source, named after this route plus "-failback".
     */
    public ReadOnlyStringProperty reverseRouteProperty() {
        return reverseRoute.getReadOnlyProperty();
    }

    /** When the route's last sync round finished, epoch milliseconds; 0 for never. */
    public ReadOnlyLongProperty lastSyncMsProperty() {
        return lastSyncMs.getReadOnlyProperty();
    }

    /** When the last read arrived (the "now" of relative times); -1 for never. */
    public ReadOnlyLongProperty updatedAtProperty() {
        return updatedAt.getReadOnlyProperty();
    }

    /** E.g. "3 groups: 2 synced, 1 partial"; empty without groups. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Why there is no row, for the table's placeholder. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** Why the groups shown may be stale; empty when the last read worked. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "12 s ago" for a time read with the rows. */
    public String ago(long epochMs) {
        long now = updatedAt.get();
        return GroupRow.ago(now < 0 ? clock.getAsLong() : now, epochMs);
    }

    /** Reads now unless a read is under way or there is no route. */
    public void refresh() {
        String name = route.getValue();
        if (name == null || (load != null && !load.isDone())) {
            return;
        }
        long gen = generation;
        load = executor.submit("Reading the consumer groups of route " + name,
                () -> new Snapshot(service.routes(), service.groups(name)), snapshot -> {
                    if (gen == generation) {
                        loaded(name, snapshot);
                    }
                }, failure -> {
                    if (gen == generation) {
                        problem.set("Could not read the consumer groups of route " + name + ": "
                                + Messages.oneLine(failure));
                    }
                });
    }

    /** Stops a read under way (the detail is hidden). */
    void cancel() {
        if (load != null) {
            load.cancel();
            load = null;
        }
    }

    private void loaded(String name, Snapshot snapshot) {
        problem.set("");
        updatedAt.set(clock.getAsLong());
        RouteDefinition own = snapshot.routes().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        definition.set(own);
        reverseRoute.set(own != null && own.isPaused()
                ? reverseOf(own, snapshot.routes()).filter(RouteDefinition::isPaused).map(RouteDefinition::name)
                .orElse("") : "");
        RouteGroups groups = snapshot.groups();
        lastSyncMs.set(groups.lastSyncMs());
        rows.setAll(GroupRow.of(groups.groups()));
        long synced = groups.groups().stream().filter(g -> GroupRow.SYNCED.equals(g.state())).count();
        long failed = groups.groups().stream().filter(g -> GroupRow.FAILED.equals(g.state())).count();
        int count = groups.groups().size();
        summary.set(count == 0 ? "" : count + (count == 1 ? " group: " : " groups: ") + synced + " synced"
                + (count - synced - failed > 0 ? ", " + (count - synced - failed) + " not fully" : "")
                + (failed > 0 ? ", " + failed + " failed" : ""));
        emptyText.set(emptyText(name, own, groups));
    }

    private static String emptyText(String name, RouteDefinition own, RouteGroups groups) {
        if (own != null && Boolean.FALSE.equals(own.syncGroupOffsets())) {
            return "Route " + name + " does not sync consumer group offsets: turn “Sync consumer group offsets” on"
                    + " in Edit route to move consumers along with the data.";
        }
        if (groups.lastSyncMs() <= 0) {
            return "No group sync has run yet: groups show here once the route runs and a consumer group has"
                    + " committed offsets on its topics.";
        }
        return "No consumer group has committed offsets on the topics of route " + name + " (groups the route's"
                + " group patterns leave out are not synced).";
    }

    /** As the engine finds the reverse of a route: target to source, named after it with "-failback". */
    static Optional<RouteDefinition> reverseOf(RouteDefinition route, List<RouteDefinition> routes) {
        return routes.stream().filter(r -> r.source().equals(route.target()) && r.target().equals(route.source())
                && (r.name().startsWith(route.name() + "-failback") || route.name().startsWith(r.name() + "-failback")))
                .findFirst();
    }

    private void clear() {
        generation++;
        cancel();
        rows.clear();
        definition.set(null);
        reverseRoute.set("");
        lastSyncMs.set(0);
        updatedAt.set(-1);
        summary.set("");
        problem.set("");
        emptyText.set("Reading the consumer groups…");
    }

    private record Snapshot(List<RouteDefinition> routes, RouteGroups groups) {
    }
}
