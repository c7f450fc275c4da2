package io.mirador.replicator.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.state.TopicMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Mirador's mirroring engine: the clusters it knows, its routes and a {@link RouteRunner} for each route
 * that runs. All definitions live in the {@link ReplicationStore}, so a restarted engine resumes every route
 * from its checkpoints. This is the Java API the GUI and the REST API both drive.
 *
 * <p>Threading: public methods are thread-safe; changes to a route are serialised on the engine.
 */
public final class ReplicationEngine implements AutoCloseable {

    private static final long DOWNSAMPLE_INTERVAL_MS = 10 * 60_000L;

    private final ReplicationStore store;
    private final EngineSettings settings;
    private final Map<String, RouteRunner> running = new ConcurrentHashMap<>();
    /**
     * Each route's status as {@link #close()} left it, taken after its runner stopped (totals of the run, state
     * STOPPED): what {@link #status} answers once the runners are gone, so a caller can report the run's totals.
     */
    private final Map<String, RouteStatus> closedStatus = new ConcurrentHashMap<>();
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "mirador-engine-housekeeping");
        t.setDaemon(true);
        return t;
    });
    private boolean started;

    public ReplicationEngine(ReplicationStore store, EngineSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public ReplicationStore store() {
        return store;
    }

    /** Starts every stored route (paused ones stay paused) and the history housekeeping. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (RouteDefinition route : store.routes()) {
            if (running.containsKey(route.name())) {
                continue; // created through this engine before start()
            }
            try {
                startRunner(RouteConfig.from(route));
            } catch (RuntimeException e) {
                store.addEvent(ReplicationEvent.error(route.name(), "route not started: " + e.getMessage()));
            }
        }
        housekeeping.scheduleWithFixedDelay(() -> store.downsample(System.currentTimeMillis()),
                DOWNSAMPLE_INTERVAL_MS, DOWNSAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    // ---- clusters

    public List<ClusterConnection> clusters() {
        return store.clusters();
    }

    public Optional<ClusterConnection> cluster(String name) {
        return store.cluster(name);
    }

    public synchronized void createCluster(ClusterConnection cluster) {
        if (store.cluster(cluster.name()).isPresent()) {
            throw new ConflictException("cluster " + cluster.name() + " already exists");
        }
        store.putCluster(cluster);
    }

    /** Replaces a cluster's connection; routes using it restart on the new one. */
    public synchronized void updateCluster(ClusterConnection cluster) {
        requireCluster(cluster.name());
        store.putCluster(cluster);
        for (RouteRunner runner : new ArrayList<>(running.values())) {
            RouteConfig config = runner.config();
            if (config.source().equals(cluster.name()) || config.target().equals(cluster.name())) {
                // From the stored definition: the runner's own config predates pauses and whitelist edits.
                restart(RouteConfig.from(requireRoute(config.name())));
            }
        }
    }

    public synchronized void deleteCluster(String name) {
        requireCluster(name);
        List<String> users = store.routes().stream()
                .filter(r -> name.equals(r.source()) || name.equals(r.target())).map(RouteDefinition::name).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("cluster " + name + " is used by routes " + users + ": delete them first");
        }
        store.deleteCluster(name);
    }

    // ---- routes

    public List<RouteDefinition> routes() {
        return store.routes();
    }

    public Optional<RouteDefinition> route(String name) {
        return store.route(name);
    }

    public synchronized RouteDefinition createRoute(RouteDefinition definition) {
        RouteConfig config = validate(definition);
        if (store.route(config.name()).isPresent()) {
            throw new ConflictException("route " + config.name() + " already exists");
        }
        store.putRoute(definition);
        try {
            startRunner(config);
        } catch (RuntimeException e) {
            store.deleteRoute(config.name());
            throw e;
        }
        return definition;
    }

    public synchronized RouteDefinition updateRoute(RouteDefinition definition) {
        RouteDefinition previous = requireRoute(definition.name());
        RouteConfig config = validate(definition);
        store.putRoute(definition);
        try {
            restart(config);
        } catch (RuntimeException e) {
            // Keep what ran before rather than a stored definition that cannot run.
            store.putRoute(previous);
            restart(RouteConfig.from(previous));
            throw e;
        }
        return definition;
    }

    public synchronized void deleteRoute(String name) {
        requireRoute(name);
        RouteRunner runner = running.remove(name);
        if (runner != null) {
            runner.close();
        }
        store.deleteRoute(name);
    }

    public synchronized void pause(String name, boolean pause) {
        RouteDefinition route = requireRoute(name);
        store.putRoute(route.withPaused(pause));
        RouteRunner runner = running.get(name);
        if (runner != null) {
            runner.pause(pause);
        }
    }

    /** Adds topics to a route's whitelist; they are picked up at once. */
    public synchronized RouteDefinition addTopics(String name, List<String> topics) {
        RouteDefinition route = requireRoute(name);
        LinkedHashSet<String> whitelist = new LinkedHashSet<>(route.topics());
        whitelist.addAll(topics);
        return updateRoute(route.withTopics(List.copyOf(whitelist)));
    }

    public synchronized RouteDefinition removeTopic(String name, String topic) {
        RouteDefinition route = requireRoute(name);
        if (!route.topics().contains(topic)) {
            throw new NotFoundException("topic " + topic + " is not in the whitelist of route " + name);
        }
        List<String> whitelist = new ArrayList<>(route.topics());
        whitelist.remove(topic);
        // Removing the last topic of a list-only route leaves it idle, as uReplicator does: a valid, empty route.
        return updateRoute(route.withTopics(whitelist));
    }

    public void discoverNow(String name) {
        requireRoute(name);
        RouteRunner runner = running.get(name);
        if (runner != null) {
            runner.discoverNow();
        }
    }

    public RouteStatus status(String name) {
        RouteDefinition route = requireRoute(name);
        RouteRunner runner = running.get(name);
        if (runner == null) {
            RouteStatus last = closedStatus.get(name);
            return last != null ? last
                    : new RouteStatus(route.name(), "STOPPED", null, 0, 0, 0, Double.NaN, Double.NaN, 0, List.of());
        }
        return runner.status();
    }

    /**
     * The consumer groups the route's offset sync looks after: each group's source and translated target positions
     * and when they were last written. Empty while the route does not run or does not sync groups.
     */
    public List<GroupSyncStatus> groupSync(String name) {
        RouteRunner runner = running.get(name);
        return runner == null ? List.of() : runner.groupSyncStatus();
    }

    /** When the route's last group sync round finished; 0 when none did. */
    public long lastGroupSyncMs(String name) {
        RouteRunner runner = running.get(name);
        return runner == null ? 0 : runner.lastGroupSyncMs();
    }

    /**
     * Fails route {@code name} over to its target: drains what the source still has (up to {@code drainTimeout}),
     * pauses the route, syncs its consumer groups a last time and reports, per partition, what the target lacks
     * and, per group, where it resumes on the target. It also prepares failback: a paused reverse route (target to
     * source) whose checkpoints start where the target's own records will begin. With {@code preview}, reports
     * what a failover now would leave behind and changes nothing. Blocks while draining.
     */
    public FailoverReport failover(String name, java.time.Duration drainTimeout, boolean preview) {
        RouteRunner runner;
        synchronized (this) {
            requireRoute(name);
            runner = running.get(name);
            if (runner == null) {
                throw new ConflictException("route " + name + " is not running in this engine");
            }
        }
        FailoverReport report;
        try {
            report = runner.failover(drainTimeout, preview);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("failover of " + name + " interrupted", e);
        }
        if (preview) {
            return report;
        }
        synchronized (this) {
            RouteDefinition route = requireRoute(name);
            store.putRoute(route.withPaused(true));
            Map<String, io.mirador.replicator.state.TopicIdentity> identities = new java.util.HashMap<>();
            runner.progress().forEach(p -> identities.put(p.source.topic(), p.identity));
            RouteDefinition reverse = Failback.reverseOf(route, store.routes())
                    .orElseGet(() -> Failback.definition(route, report, store.routes())).withPaused(true);
            RouteConfig reverseConfig = RouteConfig.from(reverse);
            RouteRunner old = running.remove(reverse.name());
            if (old != null) {
                old.close(); // its workers must not overwrite the new start positions
            }
            store.putRoute(reverse);
            store.saveCheckpoints(Failback.startPositions(reverse.name(), report, identities));
            startRunner(reverseConfig);
            store.addEvent(ReplicationEvent.warn(name, ReplicationEvent.FAILOVER, "failed over to " + route.target()
                    + ": " + report.unmirroredRecords() + " records not mirrored"
                    + (Double.isNaN(report.rpoSeconds()) ? "" : String.format(java.util.Locale.ROOT,
                    " (oldest %.1f s old)", report.rpoSeconds())) + "; " + report.groups().size()
                    + " consumer groups synced; failback route " + reverse.name() + " is ready, paused"));
            return new FailoverReport(report.route(), false, report.atMs(), report.sourceReachable(), report.drainMs(),
                    report.unmirroredRecords(), report.rpoSeconds(), report.partitions(), report.groups(), reverse.name(),
                    report.notes());
        }
    }

    /**
     * Fails back after a failover of {@code name}: resumes its paused reverse route, which copies to the original
     * source only what the target received since the failover. Returns the reverse route.
     */
    public synchronized RouteDefinition failback(String name) {
        RouteDefinition route = requireRoute(name);
        RouteDefinition reverse = Failback.reverseOf(route, store.routes()).orElseThrow(() -> new ConflictException(
                "route " + name + " has not failed over: there is no reverse route to resume"));
        if (!route.isPaused()) {
            throw new ConflictException("route " + name + " still copies to " + route.target()
                    + ": fail it over first, or both directions would copy at once");
        }
        pause(reverse.name(), false);
        store.addEvent(ReplicationEvent.info(name, ReplicationEvent.FAILOVER, "failing back: route " + reverse.name()
                + " copies what " + route.target() + " received since the failover back to " + route.source()));
        return requireRoute(reverse.name());
    }

    public List<RouteStatus> statuses() {
        return store.routes().stream().map(r -> status(r.name())).toList();
    }

    public List<ReplicationEvent> events(String route, int limit) {
        return store.events(route, limit);
    }

    public List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
        return store.samples(route, metric, scope, fromMs, toMs);
    }

    /**
     * Source and target offsets of one source topic of a route, partition by partition, with the route's
     * checkpoints. Asks both clusters through short-lived admin clients, deliberately off the engine's lock:
     * a slow or unreachable cluster must not hold up route changes.
     *
     * @throws NotFoundException when the route is unknown, does not copy the topic (or has not discovered it
     *                           yet), or either topic no longer exists
     */
    public TopicComparison compare(String route, String sourceTopic) {
        RouteDefinition definition = requireRoute(route);
        TopicMapping mapping = store.topicMappings(route).stream().filter(m -> m.sourceTopic().equals(sourceTopic))
                .findFirst().orElseThrow(() -> new NotFoundException("route " + route + " does not copy topic "
                        + sourceTopic + " (or has not discovered it yet)"));
        ClusterConnection source = requireCluster(definition.source());
        ClusterConnection target = requireCluster(definition.target());
        Map<TopicPartition, long[]> sourceOffsets = offsets(source, sourceTopic);
        Map<TopicPartition, long[]> targetOffsets = offsets(target, mapping.targetTopic());
        Map<TopicPartition, Checkpoint> checkpoints = store.checkpoints(route);
        int targetPartitions = targetOffsets.size();
        List<TopicComparison.PartitionComparison> rows = new ArrayList<>();
        for (int p = 0; p < sourceOffsets.size(); p++) {
            long[] src = sourceOffsets.get(new TopicPartition(sourceTopic, p));
            // As the runner maps them: one to one, or modulo when the target has fewer partitions.
            int tp = p % targetPartitions;
            long[] dst = targetOffsets.get(new TopicPartition(mapping.targetTopic(), tp));
            Checkpoint cp = checkpoints.get(new TopicPartition(sourceTopic, p));
            rows.add(new TopicComparison.PartitionComparison(p, src[0], src[1], tp, dst[0], dst[1],
                    cp == null ? -1 : cp.sourceOffset()));
        }
        return new TopicComparison(route, sourceTopic, mapping.targetTopic(), rows);
    }

    /** Start and end offsets of every partition of {@code topic}; a throwaway admin client, closed before returning. */
    private static Map<TopicPartition, long[]> offsets(ClusterConnection cluster, String topic) {
        Map<String, Object> props = new java.util.HashMap<>(cluster.clientProperties());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-compare");
        Admin admin = Admin.create(props);
        try {
            TopicDescription description;
            try {
                description = TopicSync.await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
            } catch (ReplicationException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new NotFoundException("no topic " + topic + " on cluster " + cluster.name());
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            description.partitions().forEach(info -> {
                earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
            });
            Map<TopicPartition, long[]> result = new java.util.HashMap<>();
            TopicSync.await(admin.listOffsets(earliest).all())
                    .forEach((tp, info) -> result.computeIfAbsent(tp, k -> new long[2])[0] = info.offset());
            TopicSync.await(admin.listOffsets(latest).all())
                    .forEach((tp, info) -> result.computeIfAbsent(tp, k -> new long[2])[1] = info.offset());
            return result;
        } finally {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Every route's metrics in Prometheus' text exposition format. */
    public String prometheus() {
        Map<String, Long> lastSync = new java.util.HashMap<>();
        running.forEach((name, runner) -> {
            if (runner.config().syncGroupOffsets()) {
                lastSync.put(name, runner.lastGroupSyncMs());
            }
        });
        return PrometheusFormat.render(statuses(), lastSync, System.currentTimeMillis());
    }

    /** Stops every route after its workers' last flush and checkpoint. The store stays open; its owner closes it. */
    @Override
    public synchronized void close() {
        housekeeping.shutdown();
        running.values().parallelStream().forEach(runner -> {
            runner.close();
            closedStatus.put(runner.name(), runner.status());
        });
        running.clear();
    }

    private RouteConfig validate(RouteDefinition definition) {
        RouteConfig config;
        try {
            config = RouteConfig.from(definition);
        } catch (ConfigException e) {
            throw new InvalidRequestException(shortValue(e.getMessage()));
        }
        SameClusterCheck.refuseCopyOntoItself(config, requireCluster(config.source()), requireCluster(config.target()));
        refuseLoopingPair(config);
        return config;
    }

    /**
     * Two routes copying the same topic names both ways between two clusters (a pair) are fine, as long as both
     * write the provenance header the loop guard reads: without it a record copied A to B is copied back to A.
     */
    private void refuseLoopingPair(RouteConfig config) {
        if (!"identity".equals(config.namingPolicyName())) {
            return;
        }
        for (RouteDefinition other : store.routes()) {
            if (other.name().equals(config.name()) || !other.source().equals(config.target())
                    || !other.target().equals(config.source())) {
                continue;
            }
            RouteConfig reverse = RouteConfig.from(other);
            if ("identity".equals(reverse.namingPolicyName()) && (!config.provenanceHeader() || !reverse.provenanceHeader())) {
                throw new InvalidRequestException("routes " + config.name() + " and " + other.name() + " copy the same"
                        + " topic names both ways between " + config.source() + " and " + config.target() + ": both need"
                        + " the provenance header (the loop guard reads it), or every record would be copied back");
            }
        }
    }

    /**
     * Kafka's "Invalid value V for configuration K: reason" quotes V whole: a value of 100,000 characters would
     * hide the reason. At most 80 of them are quoted.
     */
    static String shortValue(String message) {
        String prefix = "Invalid value ";
        int end = message.indexOf(" for configuration ");
        if (!message.startsWith(prefix) || end < 0 || end - prefix.length() <= 80) {
            return message;
        }
        return prefix + message.substring(prefix.length(), prefix.length() + 80) + "…" + message.substring(end);
    }

    private void restart(RouteConfig config) {
        RouteRunner old = running.remove(config.name());
        if (old != null) {
            old.close();
        }
        startRunner(config);
    }

    private void startRunner(RouteConfig config) {
        ClusterConnection source = requireCluster(config.source());
        ClusterConnection target = requireCluster(config.target());
        RouteRunner[] self = new RouteRunner[1];
        RouteRunner runner = new RouteRunner(config, source, target, store, settings,
                new CachedDirectRoutes((origin, topic) -> directRoute(self[0], origin, topic)));
        self[0] = runner;
        try {
            runner.start();
        } catch (RuntimeException e) {
            runner.close();
            throw new InvalidRequestException("route " + config.name() + " cannot start: " + e.getMessage());
        }
        running.put(config.name(), runner);
    }

    /** Whether a route other than {@code asking} copies {@code topic} from the origin cluster into its target. */
    private boolean directRoute(RouteRunner asking, int originCluster, String topic) {
        String targetId = asking == null ? null : asking.targetClusterId();
        if (targetId == null) {
            return false;
        }
        for (RouteRunner r : running.values()) {
            if (r != asking && r.copiesDirectly(targetId, originCluster, topic)) {
                return true;
            }
        }
        return false;
    }

    private ClusterConnection requireCluster(String name) {
        return store.cluster(name).orElseThrow(() -> new NotFoundException("no cluster named " + name));
    }

    private RouteDefinition requireRoute(String name) {
        return store.route(name).orElseThrow(() -> new NotFoundException("no route named " + name));
    }
}
