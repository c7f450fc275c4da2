package io.mirador.ui.page.clusters;

import io.mirador.broker.ClusterState;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.SandboxService;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ObservableList;

/**
 * State and commands of the Clusters page. Lives on the UI thread: everything it exposes changes there,
 * because {@link SandboxService} re-posts cluster events through the task executor.
 */
public final class ClustersViewModel {

    private final SandboxService sandbox;
    private final StringBinding summary;

    public ClustersViewModel(SandboxService sandbox) {
        this.sandbox = sandbox;
        ObservableList<ClusterInfo> clusters = sandbox.clusters();
        this.summary = Bindings.createStringBinding(() -> summaryOf(clusters), clusters);
    }

    /** One immutable entry per sandbox cluster; an entry is replaced whenever its cluster changes state. */
    public ObservableList<ClusterInfo> clusters() {
        return sandbox.clusters();
    }

    /** E.g. "1 of 2 clusters running", or why there is nothing to show. */
    public StringBinding summaryProperty() {
        return summary;
    }

    public boolean canStart(ClusterInfo cluster) {
        return SandboxService.canStart(cluster);
    }

    public boolean canStop(ClusterInfo cluster) {
        return SandboxService.canStop(cluster);
    }

    public void start(ClusterInfo cluster) {
        if (canStart(cluster)) {
            sandbox.start(cluster.name());
        }
    }

    public void stop(ClusterInfo cluster) {
        if (canStop(cluster)) {
            sandbox.stop(cluster.name());
        }
    }

    public static String stateText(ClusterState state) {
        return switch (state) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting…";
            case RUNNING -> "Running";
            case STOPPING -> "Stopping…";
            case FAILED -> "Failed";
        };
    }

    /** The KRaft controller node; unknown before the first start, when no controller was ever elected. */
    public static String controllerText(ClusterInfo cluster) {
        return cluster.clusterId() == null ? "–" : "node " + cluster.controllerId();
    }

    private static String summaryOf(ObservableList<ClusterInfo> clusters) {
        if (clusters.isEmpty()) {
            return "No sandbox clusters: Mirador was started without a sandbox.";
        }
        long running = clusters.stream().filter(ClusterInfo::running).count();
        return running + " of " + clusters.size() + (clusters.size() == 1 ? " cluster" : " clusters") + " running";
    }
}
