package io.mirador.ui.page.topics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import io.mirador.cluster.TopicSummary;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Topics page. UI thread only: loads run through the {@link TaskExecutor}, whose
 * callbacks come back on the UI thread, and each load replaces the whole list at once.
 *
 * <p>Topics are always fetched with internal ones included and filtered here, so "Show internal" and the
 * filter box react instantly without another round trip to the cluster.
 */
public final class TopicsViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final SandboxService sandbox;
    private final TopicSource source;
    private final TaskExecutor executor;

    private final ObservableList<String> clusterNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedCluster = new SimpleObjectProperty<>(this, "selectedCluster");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final ObservableList<TopicSummary> topics = FXCollections.observableArrayList();
    private final ObservableList<TopicSummary> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final FilteredList<TopicSummary> visibleTopics = new FilteredList<>(topics);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private BackgroundTask load;
    private String loadCluster;
    private BackgroundTask timer;
    private boolean selectedRunning;

    public TopicsViewModel(SandboxService sandbox, TopicSource source, TaskExecutor executor) {
        this.sandbox = sandbox;
        this.source = source;
        this.executor = executor;
        filter.addListener((obs, old, now) -> applyFilter());
        showInternal.addListener((obs, old, now) -> applyFilter());
        selectedCluster.addListener((obs, old, now) -> clusterChanged());
        sandbox.clusters().addListener((ListChangeListener<ClusterInfo>) change -> clustersChanged());
        clustersChanged();
        applyFilter();
    }

    public ObservableList<String> clusterNames() {
        return clusterNames;
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return selectedCluster;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    /** The topics that pass the filter and the internal switch, sorted by name. */
    public ObservableList<TopicSummary> visibleTopics() {
        return visibleTopics;
    }

    /** Every topic of the last load, internal ones included. */
    public ObservableList<TopicSummary> allTopics() {
        return topicsView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the list is empty or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** E.g. "3 of 12 topics". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        if (active && timer == null) {
            timer = executor.every(AUTO_REFRESH, this::refresh);
            refresh();
        } else if (!active && timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    public boolean isActive() {
        return timer != null;
    }

    /** Loads the selected cluster's topics unless a load of that cluster is already under way. */
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
        load = executor.submit("Loading topics of " + cluster, () -> source.topics(cluster),
                result -> loaded(cluster, result), failure -> failed(cluster, failure));
    }

    private void loaded(String cluster, List<TopicSummary> result) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set("");
        topics.setAll(result);
        updateStatus();
    }

    private void failed(String cluster, Throwable failure) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set("Could not load topics: " + Messages.oneLine(failure));
    }

    private void clustersChanged() {
        List<String> names = sandbox.clusters().stream().map(ClusterInfo::name).toList();
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
        topics.clear();
        problem.set("");
        selectedRunning = false;
        updateRunning();
        updateStatus();
    }

    /** Reacts to the selected cluster starting or stopping: load as soon as it runs, clear when it stops. */
    private void updateRunning() {
        String name = selectedCluster.get();
        ClusterInfo info = name == null ? null : sandbox.cluster(name).orElse(null);
        boolean running = info != null && info.running();
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
                topics.clear();
            }
            problem.set(notRunning(name, info));
        }
        updateStatus();
    }

    private static String notRunning(String name, ClusterInfo info) {
        if (info == null) {
            return "No cluster to show: Mirador was started without a sandbox.";
        }
        String state = info.state().name().toLowerCase(Locale.ROOT);
        return switch (info.state()) {
            case STARTING, STOPPING -> "Cluster " + name + " is " + state + "…";
            case FAILED -> "Cluster " + name + " failed: " + info.failure() + ". Start it on the Clusters page.";
            default -> "Cluster " + name + " is " + state + ". Start it on the Clusters page.";
        };
    }

    private void cancelLoad() {
        if (load != null) {
            load.cancel();
            load = null;
            loadCluster = null;
        }
        loading.set(false);
    }

    private void applyFilter() {
        String text = Objects.requireNonNullElse(filter.get(), "").trim().toLowerCase(Locale.ROOT);
        boolean internal = showInternal.get();
        Predicate<TopicSummary> predicate = t -> (internal || !t.internal())
                && (text.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(text));
        visibleTopics.setPredicate(predicate);
        updateStatus();
    }

    private void updateStatus() {
        long hiddenInternal = showInternal.get() ? 0 : topics.stream().filter(TopicSummary::internal).count();
        String text = visibleTopics.size() + " of " + topics.size() + " topics";
        if (hiddenInternal > 0) {
            text += " (" + hiddenInternal + " internal hidden)";
        }
        status.set(text);
    }
}
