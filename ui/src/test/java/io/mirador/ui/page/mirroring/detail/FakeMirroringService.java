package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.engine.GroupSyncStatus;
import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.service.mirroring.MirroringException;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.service.mirroring.RouteGroups;

/**
 * An engine in memory for the route detail: statuses, events, history and comparisons set by the test, a log of
 * every read ("status r", "events r 500", "history r metric scope from to", "compare r topic"), and a failure
 * that every read throws while set. Synchronized: the headless view test calls it from worker threads.
 */
final class FakeMirroringService implements MirroringService {

    private final Map<String, RouteStatus> statuses = new HashMap<>();
    private final Map<String, List<ReplicationEvent>> events = new HashMap<>();
    private final Map<String, List<MetricSample>> history = new HashMap<>();
    private final Map<String, TopicComparison> comparisons = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private String failure;
    private final Map<String, RouteDefinition> routes = new java.util.LinkedHashMap<>();
    private final Map<String, RouteGroups> groups = new HashMap<>();
    private final Map<String, FailoverReport> previews = new HashMap<>();
    private final Map<String, FailoverReport> failovers = new HashMap<>();
    /** When set, failovers (not previews) wait for it: tests see the dialog while one runs. */
    volatile java.util.concurrent.CountDownLatch failoverGate;

    synchronized void route(RouteDefinition route) {
        routes.put(route.name(), route);
    }

    synchronized void groups(RouteGroups routeGroups) {
        groups.put(routeGroups.route(), routeGroups);
    }

    /** What a preview of a failover of {@code route} answers, and what the failover itself does. */
    synchronized void failoverReports(String route, FailoverReport preview, FailoverReport failover) {
        previews.put(route, preview);
        failovers.put(route, failover);
    }

    synchronized void status(RouteStatus status) {
        statuses.put(status.route(), status);
    }

    synchronized void events(String route, List<ReplicationEvent> newestFirst) {
        events.put(route, List.copyOf(newestFirst));
    }

    synchronized void history(String route, String metric, String scope, List<MetricSample> samples) {
        history.put(route + " " + metric + " " + scope, List.copyOf(samples));
    }

    synchronized void comparison(TopicComparison comparison) {
        comparisons.put(comparison.route() + " " + comparison.sourceTopic(), comparison);
    }

    /** Every read fails with this one-line message until set to null. */
    synchronized void fail(String message) {
        failure = message;
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized void clearRequests() {
        requests.clear();
    }

    synchronized long count(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private void check() {
        if (failure != null) {
            throw new MirroringException(failure, null);
        }
    }

    @Override
    public synchronized RouteStatus status(String name) {
        requests.add("status " + name);
        check();
        RouteStatus status = statuses.get(name);
        if (status == null) {
            throw new MirroringException("no route named " + name, null);
        }
        return status;
    }

    @Override
    public synchronized List<ReplicationEvent> events(String route, int limit) {
        requests.add("events " + route + " " + limit);
        check();
        return events.getOrDefault(route, List.of()).stream().limit(limit).toList();
    }

    @Override
    public synchronized List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
        requests.add("history " + route + " " + metric + " " + scope + " " + fromMs + " " + toMs);
        check();
        return history.getOrDefault(route + " " + metric + " " + scope, List.of()).stream()
                .filter(s -> s.timestampMs() >= fromMs && s.timestampMs() <= toMs).toList();
    }

    @Override
    public synchronized TopicComparison compare(String route, String sourceTopic) {
        requests.add("compare " + route + " " + sourceTopic);
        check();
        TopicComparison c = comparisons.get(route + " " + sourceTopic);
        if (c == null) {
            throw new MirroringException("topic " + sourceTopic + " is not part of route " + route, null);
        }
        return c;
    }

    @Override
    public String describe() {
        return "fake engine";
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public void putCluster(ClusterConnection cluster) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> clusterNames() {
        return List.of("east", "west");
    }

    @Override
    public synchronized List<RouteDefinition> routes() {
        requests.add("routes");
        check();
        return List.copyOf(routes.values());
    }

    @Override
    public synchronized RouteGroups groups(String route) {
        requests.add("groups " + route);
        check();
        return groups.getOrDefault(route, new RouteGroups(route, 0, List.of()));
    }

    /**
     * A preview answers its report; a failover waits for {@link #failoverGate}, then pauses the route and adds
     * the paused reverse route {@code <route>-failback}, as the engine does.
     */
    @Override
    public FailoverReport failover(String route, java.time.Duration drain, boolean preview) {
        synchronized (this) {
            requests.add("failover " + route + " " + drain.toSeconds() + (preview ? " preview" : ""));
            check();
            if (preview) {
                return require(previews.get(route), route);
            }
        }
        java.util.concurrent.CountDownLatch gate = failoverGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MirroringException("interrupted", e);
            }
        }
        synchronized (this) {
            FailoverReport report = require(failovers.get(route), route);
            RouteDefinition forward = routes.get(route);
            if (forward != null) {
                routes.put(route, forward.withPaused(true));
                routes.put(report.failbackRoute(), new RouteDefinition(report.failbackRoute(), forward.target(),
                        forward.source(), forward.topics(), null, null, null, null, null, null, null, null, null,
                        true));
            }
            RouteStatus s = statuses.get(route);
            if (s != null) {
                statuses.put(route, new RouteStatus(route, "PAUSED", null, s.lag(), 0, 0, Double.NaN, Double.NaN,
                        s.copiedRecords(), s.partitions()));
            }
            return report;
        }
    }

    /** Resumes the reverse route after a failover; before one, the engine's conflict. */
    @Override
    public synchronized RouteDefinition failback(String route) {
        requests.add("failback " + route);
        check();
        RouteDefinition reverse = routes.values().stream().filter(r -> r.name().startsWith(route + "-failback"))
                .findFirst().orElseThrow(() -> new MirroringException("route " + route
                        + " has not failed over: there is no reverse route to resume", null));
        routes.put(reverse.name(), reverse.withPaused(false));
        return routes.get(reverse.name());
    }

    private static FailoverReport require(FailoverReport report, String route) {
        if (report == null) {
            throw new MirroringException("route " + route + " is not running in this engine", null);
        }
        return report;
    }

    @Override
    public RouteDefinition createRoute(RouteDefinition route) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RouteDefinition updateRoute(RouteDefinition route) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteRoute(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pause(String name, boolean paused) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized List<RouteStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    @Override
    public void close() {
    }

    // Builders shared by the tests.

    static PartitionStatus partition(String topic, int partition, int worker, long end, long checkpoint,
                                     double rps, String state) {
        return new PartitionStatus(topic, partition, topic + "-copy", partition, worker, end, checkpoint,
                end - checkpoint, 12.5, rps, rps * 100, state);
    }

    static RouteStatus route(String name, String state, List<PartitionStatus> partitions) {
        long lag = partitions.stream().mapToLong(PartitionStatus::lag).sum();
        double rps = partitions.stream().mapToDouble(PartitionStatus::recordsPerSecond).sum();
        return new RouteStatus(name, state, null, lag, rps, rps * 100, 4.0, 12.5, 10_000, partitions);
    }

    static ReplicationEvent event(long id, long ts, String route, String kind, String level, String message) {
        return new ReplicationEvent(id, ts, route, kind, level, message);
    }

    static GroupSyncStatus group(String group, String state, long lastSyncMs, GroupSyncStatus.Partition... partitions) {
        return new GroupSyncStatus(group, state, null, lastSyncMs, List.of(partitions));
    }

    static GroupSyncStatus.Partition exact(String topic, int partition, long source, long target) {
        return new GroupSyncStatus.Partition(topic, partition, source, topic, partition, target, "EXACT", 0, true);
    }

    static FailoverReport report(String route, boolean preview, long missing, double rpo, String failback,
                                 List<GroupSyncStatus> groups) {
        return new FailoverReport(route, preview, 1_000, true, preview ? 0 : 120, missing, rpo, List.of(
                new FailoverReport.PartitionGap("orders", 0, "orders", 0, 1_000, 1_000 - missing, missing,
                        missing == 0 ? 0 : rpo, 990),
                new FailoverReport.PartitionGap("orders", 1, "orders", 1, 500, 500, 0, 0, 500)),
                groups, failback, List.of());
    }

    static MetricSample sample(String route, String metric, String scope, long ts, double value) {
        return new MetricSample(route, metric, scope, ts, value);
    }
}
