package io.mirador.ui.page;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.Connections;
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
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The cluster chooser and polling loop shared by the pages that show one cluster's data (Overview, Topics,
 * Consumer groups, ...). It exists so those view-models keep only what is specific to their page: what to
 * load, where to put it and how to clear it. Used by composition; the view-model exposes the properties below
 * as its own.
 *
 * <p>What it does: offers the known clusters' names ({@link Connections}) and keeps a valid one selected;
 * tracks whether the selected cluster is available (a sandbox cluster runs) and loads as soon as it starts, clears when it
 * stops or another is chosen; while active, reloads every period; skips a refresh while a load of the same
 * cluster is under way and cancels a load of a cluster no longer selected. A result for a cluster no longer
 * selected is dropped; a failed load keeps the last values and sets {@link #problemProperty} to
 * "&lt;failure text&gt;: &lt;one line&gt;".
 *
 * <p>Threading: UI thread only, like the view-models. The loader runs on a worker thread of the
 * {@link TaskExecutor}; success and failure handling, timer ticks and so every callback given here run on the
 * UI thread, through the executor, and may touch observable state.
 *
 * @param <T> what one load of a cluster returns
 */
public final class ClusterPoller<T> {

    private final Connections connections;
    private final TaskExecutor executor;
    private final Duration period;
    private final String taskTitle;
    private final String failureText;
    private final Function<String, T> loader;
    private final Consumer<? super T> onLoaded;
    private final Runnable onClear;
    private Runnable onCancel = () -> { };
    private Runnable onChanged = () -> { };

    private final ObservableList<String> clusterNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedCluster;
    private final ReadOnlyBooleanWrapper loading;
    private final ReadOnlyStringWrapper problem;

    private BackgroundTask load;
    private String loadCluster;
    private BackgroundTask timer;
    private boolean selectedRunning;

    /**
     * Nothing happens until {@link #start()}, so the owner can finish building itself (and keep a reference to
     * this poller) before the first callback arrives.
     *
     * @param bean        owner of the properties (the view-model), as their JavaFX bean
     * @param period      time between automatic refreshes while active
     * @param taskTitle   start of the published task title; the cluster name is appended after a space
     * @param failureText start of {@link #problemProperty} after a failed load, e.g. "Could not load topics"
     * @param loader      blocking load of one cluster's data; runs on a worker thread, may throw
     * @param onLoaded    takes a result for the still selected cluster, after loading and problem were reset
     * @param onClear     drops the shown data: another cluster was chosen or the selected one stopped
     */
    public ClusterPoller(Object bean, Connections connections, TaskExecutor executor, Duration period,
                         String taskTitle, String failureText, Function<String, T> loader,
                         Consumer<? super T> onLoaded, Runnable onClear) {
        this.connections = connections;
        this.executor = executor;
        this.period = period;
        this.taskTitle = taskTitle;
        this.failureText = failureText;
        this.loader = loader;
        this.onLoaded = onLoaded;
        this.onClear = onClear;
        selectedCluster = new SimpleObjectProperty<>(bean, "selectedCluster");
        loading = new ReadOnlyBooleanWrapper(bean, "loading");
        problem = new ReadOnlyStringWrapper(bean, "problem", "");
    }

    /** Also run whenever a load is cancelled, for owners with follow-up loads of their own. */
    public ClusterPoller<T> onCancel(Runnable action) {
        onCancel = Objects.requireNonNull(action);
        return this;
    }

    /** Also run after the selection or its running state was re-evaluated, e.g. to update a status line. */
    public ClusterPoller<T> onChanged(Runnable action) {
        onChanged = Objects.requireNonNull(action);
        return this;
    }

    /** Starts following the known clusters and selects the first one; call once. */
    public void start() {
        selectedCluster.addListener((obs, old, now) -> clusterChanged());
        connections.entries().addListener((ListChangeListener<ConnectionEntry>) change -> clustersChanged());
        clustersChanged();
    }

    public ObservableList<String> clusterNames() {
        return clusterNames;
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return selectedCluster;
    }

    public String selectedCluster() {
        return selectedCluster.get();
    }

    /** Whether the selected cluster was available when last looked at; loads make sense only then. */
    public boolean isSelectedRunning() {
        return selectedRunning;
    }

    /** Whether write actions make sense now: a selected, available cluster whose connection is not read-only. */
    public boolean isSelectedWritable() {
        return selectedRunning && !isSelectedReadOnly();
    }

    /** Whether the selected cluster refuses write actions (a read-only connection, or none selected). */
    public boolean isSelectedReadOnly() {
        String name = selectedCluster.get();
        return name == null || connections.entry(name).map(ConnectionEntry::readOnly).orElse(true);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Lets the owner report problems of its own loads in the same place. */
    public void setProblem(String text) {
        problem.set(text);
    }

    /** Active: load now and every period; inactive: stop polling the cluster. */
    public void setActive(boolean active) {
        if (active && timer == null) {
            timer = executor.every(period, this::refresh);
            refresh();
        } else if (!active && timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    public boolean isActive() {
        return timer != null;
    }

    /** Loads the selected cluster unless it is not running or a load of it is already under way. */
    public void refresh() {
        String cluster = selectedCluster.get();
        if (cluster == null || !selectedRunning) {
            return;
        }
        if (load != null && !load.isDone() && cluster.equals(loadCluster)) {
            return;
        }
        cancelLoad();
        loadCluster = cluster;
        loading.set(true);
        load = executor.submit(taskTitle + " " + cluster, () -> loader.apply(cluster),
                result -> loaded(cluster, result), failure -> failed(cluster, failure));
    }

    private void loaded(String cluster, T result) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set("");
        onLoaded.accept(result);
    }

    private void failed(String cluster, Throwable failure) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set(failureText + ": " + Messages.oneLine(failure));
    }

    private void clustersChanged() {
        List<String> names = connections.entries().stream().map(ConnectionEntry::name).toList();
        if (!names.equals(clusterNames)) {
            clusterNames.setAll(names);
        }
        if (selectedCluster.get() == null || !names.contains(selectedCluster.get())) {
            selectedCluster.set(names.isEmpty() ? null : names.get(0));
        } else {
            updateRunning();
        }
    }

    private void clusterChanged() {
        cancelLoad();
        onClear.run();
        problem.set("");
        selectedRunning = false;
        updateRunning();
    }

    /** Reacts to the selected cluster starting or stopping: load as soon as it runs, clear when it stops. */
    private void updateRunning() {
        String name = selectedCluster.get();
        ConnectionEntry info = name == null ? null : connections.entry(name).orElse(null);
        boolean running = info != null && info.available();
        boolean wasRunning = selectedRunning;
        selectedRunning = running;
        if (running && !wasRunning) {
            problem.set("");
            if (isActive()) {
                refresh();
            }
        } else if (!running) {
            if (wasRunning) {
                cancelLoad();
                onClear.run();
            }
            problem.set(notRunning(name, info));
        }
        onChanged.run();
    }

    private static String notRunning(String name, ConnectionEntry info) {
        if (info == null) {
            return "No cluster to show: add a connection or start a sandbox cluster on the Clusters page.";
        }
        return info.unavailableReason();
    }

    private void cancelLoad() {
        if (load != null) {
            load.cancel();
            load = null;
            loadCluster = null;
        }
        loading.set(false);
        onCancel.run();
    }
}
