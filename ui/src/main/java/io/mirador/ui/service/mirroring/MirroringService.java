package io.mirador.ui.service.mirroring;

import java.time.Duration;
import java.util.List;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;

/**
 * The mirroring engine as the console drives it: the one inside the GUI process ({@code LocalMirroring}) or a
 * headless {@code mirador replicator} reached over its REST API ({@code RemoteMirroring}), with the same
 * features. Every method blocks (disk or network): worker threads only. Failures are
 * {@link MirroringException}s with a one-line message fit for the UI.
 */
public interface MirroringService extends AutoCloseable {

    /** "local engine" or the remote URL, for the page header. */
    String describe();

    /** Whether the routes are driven in this process (closing the window stops them). */
    boolean local();

    /**
     * Makes a cluster known to the engine under its name, creating or updating it (a sandbox cluster's address
     * changes on restart). Routes refer to clusters by name.
     */
    void putCluster(ClusterConnection cluster);

    List<String> clusterNames();

    List<RouteDefinition> routes();

    RouteDefinition createRoute(RouteDefinition route);

    RouteDefinition updateRoute(RouteDefinition route);

    void deleteRoute(String name);

    void pause(String name, boolean paused);

    List<RouteStatus> statuses();

    RouteStatus status(String name);

    /** Newest first; {@code route} null for every route. */
    List<ReplicationEvent> events(String route, int limit);

    /**
     * Metric history of a route (metrics {@code records-per-second}, {@code bytes-per-second}, {@code lag},
     * {@code latency-p50-ms}, {@code latency-p99-ms}; scope {@code *} for the route, else {@code topic/partition}).
     */
    List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs);

    /** Source and target offsets side by side for one source topic of the route. */
    TopicComparison compare(String route, String sourceTopic);

    /** The consumer groups the route's offset sync looks after; no groups while it does not run or sync them. */
    RouteGroups groups(String route);

    /**
     * Fails the route over to its target (drains up to {@code drain}, pauses it, syncs its groups a last time and
     * prepares the paused reverse route for failback), or with {@code preview} only reports what a failover now
     * would leave behind. Blocks for the drain and the last sync: up to {@code drain} plus a minute or so.
     */
    FailoverReport failover(String route, Duration drain, boolean preview);

    /** Resumes the reverse route a failover of {@code route} prepared, and returns it; fails before a failover. */
    RouteDefinition failback(String route);

    @Override
    void close();
}
