package io.mirador.ui.page.overview;

import java.time.Duration;

import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.KafkaVersion;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Overview page. UI thread only: loads run through the {@link TaskExecutor},
 * whose callbacks come back on the UI thread. A failed load keeps the last summary and says why. Cluster
 * choice, polling and load bookkeeping are the shared {@link ClusterPoller}'s; this class only keeps the summary.
 */
public final class OverviewViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final ReadOnlyObjectWrapper<ClusterSummary> summary = new ReadOnlyObjectWrapper<>(this, "summary");
    private final ObservableList<BrokerSummary> brokers = FXCollections.observableArrayList();
    private final ObservableList<BrokerSummary> brokersView = FXCollections.unmodifiableObservableList(brokers);
    private final ClusterPoller<ClusterSummary> poller;

    public OverviewViewModel(Connections connections, OverviewSource source, TaskExecutor executor) {
        poller = new ClusterPoller<ClusterSummary>(this, connections, executor, AUTO_REFRESH,
                "Loading overview of", "Could not load the overview", source::summary, this::loaded, this::clear);
        poller.start();
    }

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
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
        return poller.loadingProperty();
    }

    /** Why the figures are missing or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    /** Loads the selected cluster's summary unless a load of that cluster is already under way. */
    public void refresh() {
        poller.refresh();
    }

    /** A load of the still selected cluster succeeded (UI thread). */
    private void loaded(ClusterSummary result) {
        summary.set(result);
        brokers.setAll(result.brokers());
    }

    private void clear() {
        summary.set(null);
        brokers.clear();
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
