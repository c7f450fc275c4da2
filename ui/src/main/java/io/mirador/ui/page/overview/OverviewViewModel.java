package io.mirador.ui.page.overview;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.KafkaVersion;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.SandboxService;
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
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * State and commands of the Overview page. UI thread only: loads run through the {@link TaskExecutor},
 * whose callbacks come back on the UI thread. A failed load keeps the last summary and says why.
 */
public final class OverviewViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final SandboxService sandbox;
    private final OverviewSource source;
    private final TaskExecutor executor;

    private final ObservableList<String> clusterNames = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedCluster = new SimpleObjectProperty<>(this, "selectedCluster");
    private final ReadOnlyObjectWrapper<ClusterSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ObservableList<BrokerSummary> brokers = FXCollections.observableArrayList();
    private final ObservableList<BrokerSummary> brokersView = FXCollections.unmodifiableObservableList(brokers);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private BackgroundTask load;
    private String loadCluster;
    private BackgroundTask timer;
    private boolean selectedRunning;

    public OverviewViewModel(SandboxService sandbox, OverviewSource source, TaskExecutor executor) {
        this.sandbox = sandbox;
        this.source = source;
        this.executor = executor;
        selectedCluster.addListener((obs, old, now) -> clusterChanged());
        sandbox.clusters().addListener((ListChangeListener<ClusterInfo>) change -> clustersChanged());
        clustersChanged();
    }

    public ObservableList<String> clusterNames() {
        return clusterNames;
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return selectedCluster;
    }

    /** The last loaded summary of the selected cluster; null before the first load. */
    public ReadOnlyObjectProperty<ClusterSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Brokers of the last summary, sorted by id. */
    public ObservableList<BrokerSummary> brokers() {
        return brokersView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the figures are missing or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
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

    /** Loads the selected cluster's summary unless a load of that cluster is already under way. */
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
        load = executor.submit("Loading overview of " + cluster, () -> source.summary(cluster),
                result -> loaded(cluster, result), failure -> failed(cluster, failure));
    }

    private void loaded(String cluster, ClusterSummary result) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set("");
        summary.set(result);
        brokers.setAll(result.brokers());
    }

    private void failed(String cluster, Throwable failure) {
        if (!cluster.equals(selectedCluster.get())) {
            return;
        }
        loading.set(false);
        problem.set("Could not load the overview: " + Messages.oneLine(failure));
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
        clear();
        problem.set("");
        selectedRunning = false;
        updateRunning();
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
                clear();
            }
            problem.set(notRunning(name, info));
        }
    }

    private void clear() {
        summary.set(null);
        brokers.clear();
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

    /** "4.4 (metadata 4.4-IV2)", "4.4", or "Unknown" when the cluster did not say. */
    static String version(KafkaVersion version) {
        if (version == null || version.release() == null && version.metadataVersion() == null) {
            return "Unknown";
        }
        if (version.release() == null) {
            return "metadata " + version.metadataVersion();
        }
        if (version.metadataVersion() == null) {
            return version.release();
        }
        return version.release() + " (metadata " + version.metadataVersion() + ")";
    }
}
