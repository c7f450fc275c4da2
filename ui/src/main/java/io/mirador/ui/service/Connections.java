package io.mirador.ui.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.ui.task.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Every cluster the console knows: the sandbox's clusters first, in sandbox order, then the user's saved
 * connections by name. The one directory pages choose a cluster from and {@link ClusterClients} resolves names
 * with.
 *
 * <p>Threading: {@link #entries()}, {@link #entry} and the commands belong to the UI thread; saving and deleting
 * run on the executor's workers and update the list when the store has the change. {@link #connection} reads a
 * concurrent snapshot and is safe from any thread.
 */
public final class Connections {

    private final SandboxService sandbox;
    private final ConnectionStore store;
    private final TaskExecutor executor;
    private final Map<String, ClusterConnection> external = new ConcurrentHashMap<>();
    private final ObservableList<ConnectionEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<ConnectionEntry> entriesView = FXCollections.unmodifiableObservableList(entries);

    public Connections(SandboxService sandbox, ConnectionStore store, TaskExecutor executor) {
        this.sandbox = sandbox;
        this.store = store;
        this.executor = executor;
        sandbox.clusters().addListener((ListChangeListener<ClusterInfo>) change -> rebuild());
        rebuild();
    }

    /** Reads the saved connections in the background; {@code onFailure} gets a one-line reason on the UI thread. */
    public void load(Consumer<Throwable> onFailure) {
        executor.submit("Loading saved connections", store::load, loaded -> {
            external.clear();
            loaded.stream().filter(c -> !c.sandbox())
                    .forEach(c -> external.put(c.name(), c));
            rebuild();
        }, onFailure);
    }

    public ObservableList<ConnectionEntry> entries() {
        return entriesView;
    }

    public Optional<ConnectionEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * How to reach {@code name} now. Any thread.
     *
     * @throws ClusterException when there is no such cluster or it is a sandbox cluster that is not running
     */
    public ClusterConnection connection(String name) {
        ClusterConnection saved = external.get(name);
        if (saved != null) {
            return saved;
        }
        String bootstrap = sandbox.bootstrapServers(name)
                .orElseThrow(() -> new ClusterException("cluster " + name + " is not running", null));
        return new ClusterConnection(name, bootstrap);
    }

    /**
     * Why {@code connection} cannot be saved under its name (replacing {@code previousName}, null for a new one),
     * or empty when it can.
     */
    public String checkName(ClusterConnection connection, String previousName) {
        String name = connection.name().trim();
        if (name.isEmpty()) {
            return "Give the connection a name.";
        }
        if (sandbox.cluster(name).isPresent()) {
            return "A sandbox cluster is already called " + name + ".";
        }
        if (!name.equals(previousName) && external.containsKey(name)) {
            return "A connection called " + name + " exists already.";
        }
        return "";
    }

    /**
     * Saves a new or edited connection in the background. An edit that renames deletes the old name. Then runs
     * {@code onDone} with null, or with the failure, on the UI thread.
     */
    public void save(ClusterConnection connection, String previousName, Consumer<Throwable> onDone) {
        String problem = checkName(connection, previousName);
        if (!problem.isEmpty()) {
            onDone.accept(new IllegalArgumentException(problem));
            return;
        }
        executor.submit("Saving connection " + connection.name(), () -> {
            store.save(connection);
            if (previousName != null && !previousName.equals(connection.name())) {
                store.delete(previousName);
            }
            return connection;
        }, saved -> {
            if (previousName != null) {
                external.remove(previousName);
            }
            external.put(saved.name(), saved);
            rebuild();
            onDone.accept(null);
        }, onDone);
    }

    /** Forgets a saved connection (sandbox clusters cannot be deleted). */
    public void delete(String name, Consumer<Throwable> onDone) {
        if (!external.containsKey(name)) {
            return;
        }
        executor.submit("Deleting connection " + name, () -> {
            store.delete(name);
            return name;
        }, deleted -> {
            external.remove(deleted);
            rebuild();
            onDone.accept(null);
        }, onDone);
    }

    private void rebuild() {
        List<ConnectionEntry> next = new ArrayList<>();
        for (ClusterInfo info : sandbox.clusters()) {
            ClusterConnection connection = info.running() ? new ClusterConnection(info.name(), info.bootstrapServers()) : null;
            next.add(new ConnectionEntry(info.name(), ConnectionEntry.Kind.SANDBOX, info.running(),
                    info.running() ? "" : notRunning(info), connection));
        }
        external.values().stream()
                .filter(c -> sandbox.cluster(c.name()).isEmpty())
                .sorted(Comparator.comparing(ClusterConnection::name))
                .forEach(c -> next.add(new ConnectionEntry(c.name(), ConnectionEntry.Kind.EXTERNAL, true, "", c)));
        if (!next.equals(entries)) {
            entries.setAll(next);
        }
    }

    private static String notRunning(ClusterInfo info) {
        String state = info.state().name().toLowerCase(Locale.ROOT);
        return switch (info.state()) {
            case STARTING, STOPPING -> "Cluster " + info.name() + " is " + state + "…";
            case FAILED -> "Cluster " + info.name() + " failed: " + info.failure() + ". Start it on the Clusters page.";
            default -> "Cluster " + info.name() + " is " + state + ". Start it on the Clusters page.";
        };
    }
}
