package io.mirador.ui.page.mirroring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.service.mirroring.MirroringException;
import io.mirador.ui.service.mirroring.MirroringService;

/**
 * An engine in memory: routes validated by {@link RouteConfig} like the real one, a status per route (RUNNING at
 * {@link #rate} records/s, or PAUSED), and a log of the calls. Synchronized: UI tests call it from workers.
 */
final class FakeMirroringService implements MirroringService {

    private final Map<String, RouteDefinition> routes = new LinkedHashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, List<MetricSample>> history = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    double rate = 10;
    long lag = 5;
    /** When set, the next call of any write fails with it (then it is cleared). */
    String failNext;
    boolean failStatuses;

    synchronized void add(RouteDefinition route) {
        routes.put(route.name(), route);
    }

    synchronized void setState(String route, String state) {
        states.put(route, state);
    }

    synchronized void setHistory(String route, List<MetricSample> samples) {
        history.put(route, samples);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized RouteDefinition route(String name) {
        return routes.get(name);
    }

    @Override
    public String describe() {
        return "local engine";
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public synchronized void putCluster(ClusterConnection cluster) {
        calls.add("putCluster " + cluster.name());
    }

    @Override
    public synchronized List<String> clusterNames() {
        return List.of("remote-only");
    }

    @Override
    public synchronized List<RouteDefinition> routes() {
        calls.add("routes");
        return List.copyOf(routes.values());
    }

    @Override
    public synchronized RouteDefinition createRoute(RouteDefinition route) {
        calls.add("create " + route.name());
        failIfAsked();
        if (routes.containsKey(route.name())) {
            throw new MirroringException("route " + route.name() + " exists already", null);
        }
        RouteConfig.from(route);
        routes.put(route.name(), route);
        return route;
    }

    @Override
    public synchronized RouteDefinition updateRoute(RouteDefinition route) {
        calls.add("update " + route.name());
        failIfAsked();
        RouteConfig.from(route);
        routes.put(route.name(), route);
        return route;
    }

    @Override
    public synchronized void deleteRoute(String name) {
        calls.add("delete " + name);
        failIfAsked();
        routes.remove(name);
        states.remove(name);
    }

    @Override
    public synchronized void pause(String name, boolean paused) {
        calls.add((paused ? "pause " : "resume ") + name);
        failIfAsked();
        routes.computeIfPresent(name, (n, d) -> d.withPaused(paused));
        states.put(name, paused ? "PAUSED" : "RUNNING");
    }

    @Override
    public synchronized List<RouteStatus> statuses() {
        calls.add("statuses");
        if (failStatuses) {
            throw new MirroringException("engine unreachable", null);
        }
        return routes.keySet().stream().map(this::statusOf).toList();
    }

    @Override
    public synchronized RouteStatus status(String name) {
        return statusOf(name);
    }

    private RouteStatus statusOf(String name) {
        String state = states.getOrDefault(name, routes.get(name).isPaused() ? "PAUSED" : "RUNNING");
        boolean running = state.equals("RUNNING");
        return new RouteStatus(name, state, state.equals("FAILED") ? "target unreachable" : null, lag,
                running ? rate : 0, running ? rate * 100 : 0, 1.5, running ? 12.0 : Double.NaN, 1000, List.of());
    }

    @Override
    public synchronized List<ReplicationEvent> events(String route, int limit) {
        return List.of();
    }

    @Override
    public synchronized List<MetricSample> history(String route, String metric, String scope, long fromMs,
                                                   long toMs) {
        calls.add("history " + route + " " + metric + " " + scope);
        return history.getOrDefault(route, List.of());
    }

    @Override
    public TopicComparison compare(String route, String sourceTopic) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized io.mirador.ui.service.mirroring.RouteGroups groups(String route) {
        return new io.mirador.ui.service.mirroring.RouteGroups(route, 0, List.of());
    }

    @Override
    public io.mirador.replicator.engine.FailoverReport failover(String route, java.time.Duration drain,
                                                                boolean preview) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RouteDefinition failback(String route) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }

    private void failIfAsked() {
        if (failNext != null) {
            String message = failNext;
            failNext = null;
            throw new MirroringException(message, null);
        }
    }
}
