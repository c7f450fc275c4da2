package io.mirador.ui.service.mirroring;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;

/**
 * A {@link MirroringService} that makes sure the engine knows a route's clusters before the route is saved:
 * routes name their clusters, and the console's clusters (sandbox ones with ports that change on every start,
 * saved connections) live in the console, not necessarily in the engine, which may be remote. Sandbox clusters
 * are sent with {@link ClusterConnection#SANDBOX} set, so the console never lists them as saved connections.
 *
 * <p>Threading: like the service, worker threads only. {@code resolve} must be safe on them.
 */
public final class RegisteringMirroring implements MirroringService {

    /** How the console reaches a cluster by name, and whether it is a sandbox cluster. */
    public interface ClusterResolver {
        ClusterConnection connection(String name);

        boolean sandbox(String name);
    }

    private final MirroringService engine;
    private final ClusterResolver resolver;
    /** What was last sent per cluster name, so an unchanged cluster is not sent again (it restarts routes). */
    private final Map<String, ClusterConnection> sent = new HashMap<>();

    public RegisteringMirroring(MirroringService engine, ClusterResolver resolver) {
        this.engine = engine;
        this.resolver = resolver;
    }

    /**
     * Sends a cluster the engine knows again if it changed (a sandbox cluster gets new ports on every start, and
     * routes saved in an earlier run still name it).
     */
    public void refreshCluster(String name) {
        boolean known;
        synchronized (sent) {
            known = sent.containsKey(name);
        }
        if (known || engine.clusterNames().contains(name)) {
            register(name);
        }
    }

    private void register(String name) {
        ClusterConnection connection = resolver.connection(name);
        if (resolver.sandbox(name)) {
            connection = MirroringClusters.sandbox(connection.name(), connection.bootstrapServers());
        }
        synchronized (sent) {
            if (connection.equals(sent.get(name))) {
                return;
            }
        }
        engine.putCluster(connection);
        synchronized (sent) {
            sent.put(name, connection);
        }
    }

    @Override
    public RouteDefinition createRoute(RouteDefinition route) {
        register(route.source());
        register(route.target());
        return engine.createRoute(route);
    }

    @Override
    public RouteDefinition updateRoute(RouteDefinition route) {
        register(route.source());
        register(route.target());
        return engine.updateRoute(route);
    }

    @Override
    public String describe() {
        return engine.describe();
    }

    @Override
    public boolean local() {
        return engine.local();
    }

    @Override
    public void putCluster(ClusterConnection cluster) {
        engine.putCluster(cluster);
        synchronized (sent) {
            sent.put(cluster.name(), cluster);
        }
    }

    @Override
    public List<String> clusterNames() {
        return engine.clusterNames();
    }

    @Override
    public List<RouteDefinition> routes() {
        return engine.routes();
    }

    @Override
    public void deleteRoute(String name) {
        engine.deleteRoute(name);
    }

    @Override
    public void pause(String name, boolean paused) {
        engine.pause(name, paused);
    }

    @Override
    public List<RouteStatus> statuses() {
        return engine.statuses();
    }

    @Override
    public RouteStatus status(String name) {
        return engine.status(name);
    }

    @Override
    public List<ReplicationEvent> events(String route, int limit) {
        return engine.events(route, limit);
    }

    @Override
    public List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
        return engine.history(route, metric, scope, fromMs, toMs);
    }

    @Override
    public TopicComparison compare(String route, String sourceTopic) {
        return engine.compare(route, sourceTopic);
    }

    @Override
    public RouteGroups groups(String route) {
        return engine.groups(route);
    }

    @Override
    public FailoverReport failover(String route, Duration drain, boolean preview) {
        return engine.failover(route, drain, preview);
    }

    /** The reverse route names the same two clusters, which the engine knows already from the forward route. */
    @Override
    public RouteDefinition failback(String route) {
        return engine.failback(route);
    }

    @Override
    public void close() {
        engine.close();
    }
}
