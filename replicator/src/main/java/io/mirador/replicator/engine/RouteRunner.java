package io.mirador.replicator.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.offsets.OffsetMapTopic;
import io.mirador.replicator.offsets.PartitionOffsetMap;
import io.mirador.replicator.offsets.RouteOffsetMap;
import io.mirador.replicator.route.NamingPolicy;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.TopicFilter;
import io.mirador.replicator.state.Assignment;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.state.StateStoreException;
import io.mirador.replicator.state.TopicIdentity;
import io.mirador.replicator.state.TopicMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller (planner) of one route: discovers topics and partitions, keeps target topics in step,
 * assigns partitions to workers by load, watches for stalls, samples metrics. Workers do the copying.
 *
 * <p>Progress belongs to one topic of one cluster on each side: a partition resumes at a stored checkpoint only
 * when the checkpoint's {@link TopicIdentity} (cluster ids and topic ids) is the one the route finds now; any
 * other topic behind the same name is new and copied from its start, with an event saying why. A topic
 * recreated while the route runs is handled the same way.
 *
 * <p>Watchdog: a partition with lag and no progress for {@code stuck.after.ms} is reported STALLED (event,
 * metric) and its worker is rebuilt with new clients from the checkpoints; a target topic that cannot be
 * created or seen for as long is reported too. A state store that cannot be written fails the route: nothing
 * is copied that cannot be checkpointed.
 *
 * <p>Threading: planning runs on the route's single scheduler thread; each worker on its own thread. The
 * public methods may be called from any thread.
 */
final class RouteRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRunner.class);

    private final RouteConfig config;
    private final WorkerSettings.DirectRoutes directRoutes;
    private final ClusterConnection sourceCluster;
    private final ClusterConnection targetCluster;
    private final ReplicationStore store;
    private final EngineSettings settings;
    private final TopicFilter filter;
    private final NamingPolicy naming;
    private final PartitionAssigner assigner;
    private final ScheduledExecutorService planner;
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Integer> assignment = new ConcurrentHashMap<>();
    private final Map<String, TopicMapping> mappings = new ConcurrentHashMap<>();
    private final RouteMetrics metrics;
    /** The identity each discovered source topic had at its last discovery. */
    private final Map<String, TopicIdentity> identities = new ConcurrentHashMap<>();
    private final StallWatch stallWatch;
    /** Error events about topics already reported in this run: "topic \0 message". */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** Created by the planner once both clusters answered; null before. */
    private volatile RouteWorkers workers;
    /** Where copied records landed; created with the workers. */
    private volatile RouteOffsetMap offsetMap;
    private Admin sourceAdmin;
    private Admin targetAdmin;
    private TopicSync sync;
    /** Created with the workers when the route syncs consumer groups; null otherwise. */
    private volatile GroupOffsetSync groupSync;
    private volatile String groupSyncError;
    private volatile String state = "STARTING";
    /** Set by {@link #pause}; starts from the stored definition. Read by the planner when it starts workers. */
    private volatile boolean paused;
    private volatile String sourceClusterId;
    private volatile String targetClusterId;
    private volatile String error;
    /** Set once, on an error the route cannot work around; planning and copying stop. */
    private volatile boolean failed;

    RouteRunner(RouteConfig config, ClusterConnection source, ClusterConnection target, ReplicationStore store,
                EngineSettings settings) {
        this(config, source, target, store, settings, WorkerSettings.DirectRoutes.NONE);
    }

    /**
     * @param directRoutes asked by the workers whether another route copies a record's origin cluster and topic
     *                     straight into this route's target
     */
    RouteRunner(RouteConfig config, ClusterConnection source, ClusterConnection target, ReplicationStore store,
                EngineSettings settings, WorkerSettings.DirectRoutes directRoutes) {
        this.directRoutes = directRoutes;
        this.config = config;
        this.sourceCluster = source;
        this.targetCluster = target;
        this.store = store;
        this.settings = settings;
        this.filter = config.topicFilter();
        this.naming = config.namingPolicy();
        this.assigner = new PartitionAssigner(config.workers(), settings.overloadFactor());
        this.metrics = new RouteMetrics(config.name());
        this.stallWatch = new StallWatch(config.name(), settings.stuckAfterMs(), metrics, this::event);
        this.paused = config.paused();
        this.planner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "mirador-route-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    String name() {
        return config.name();
    }

    RouteConfig config() {
        return config;
    }

    RouteMetrics metrics() {
        return metrics;
    }

    /** Connects, starts the workers and schedules planning. Returns at once; discovery runs in the background. */
    void start() {
        for (TopicMapping m : store.topicMappings(config.name())) {
            mappings.put(m.sourceTopic(), m);
        }
        sourceAdmin = Admin.create(sourceCluster.clientProperties());
        targetAdmin = Admin.create(targetCluster.clientProperties());
        sync = new TopicSync(config.name(), sourceAdmin, targetAdmin, this::event);
        planner.scheduleWithFixedDelay(this::planQuietly, 0, settings.discoveryIntervalMs(), TimeUnit.MILLISECONDS);
        planner.scheduleWithFixedDelay(this::syncGroupsQuietly, settings.groupSyncIntervalMs(),
                settings.groupSyncIntervalMs(), TimeUnit.MILLISECONDS);
        planner.scheduleAtFixedRate(this::sampleMetrics, settings.metricsIntervalMs(), settings.metricsIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs discovery and planning as soon as possible instead of at the next interval. */
    void discoverNow() {
        planner.execute(this::planQuietly);
    }

    void pause(boolean pause) {
        paused = pause;
        if (!pause) {
            // Time spent paused is not a stall.
            progress.values().forEach(p -> p.lastProgressMs = System.currentTimeMillis());
        }
        RouteWorkers w = workers;
        if (w != null) {
            w.pause(pause);
        }
        event(ReplicationEvent.info(config.name(), pause ? ReplicationEvent.ROUTE_PAUSED : ReplicationEvent.ROUTE_RESUMED,
                "route " + (pause ? "paused" : "resumed")));
    }

    /** Stops planning, then every worker after its last flush and checkpoint. Blocks until they are done. */
    @Override
    public void close() {
        // shutdown, not shutdownNow: planning must not be interrupted mid-write. Closing the admin clients at once
        // fails any Kafka call it is waiting on (an unreachable cluster, say), so it ends quickly anyway.
        planner.shutdown();
        closeAdmins(Duration.ZERO);
        try {
            planner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RouteWorkers w = workers;
        if (w != null) {
            w.stopAll();
        }
        RouteOffsetMap map = offsetMap;
        if (map != null) {
            map.close();
        }
        state = "STOPPED";
        event(ReplicationEvent.info(config.name(), ReplicationEvent.ROUTE_STOPPED, "route stopped"));
    }

    /**
     * STARTING, RUNNING or STOPPED as the life cycle goes; PAUSED while paused, whether started yet or not;
     * FAILED once the route stopped on an error it cannot work around.
     */
    private String shownState() {
        if (failed) {
            return "FAILED";
        }
        String lifecycle = state;
        return paused && !"STOPPED".equals(lifecycle) ? "PAUSED" : lifecycle;
    }

    RouteStatus status() {
        return metrics.status(shownState(), error, progress.values(), assignment, stallWatch.stalls());
    }

    /**
     * Planner thread: learns both cluster ids (the source's goes into provenance headers, both into every
     * checkpoint) and starts the workers. Retried at each planning round until both clusters answer. Refuses
     * to copy when source and target are one Kafka cluster under two names and identity naming would copy every
     * topic onto itself; checked at every start, since a cluster's address can change under its name.
     */
    private void connect() {
        String sourceId = TopicSync.await(sourceAdmin.describeCluster().clusterId());
        String targetId = TopicSync.await(targetAdmin.describeCluster().clusterId());
        if (sourceId.equals(targetId) && "identity".equals(config.namingPolicyName())) {
            fail("source " + sourceCluster.name() + " and target " + targetCluster.name() + " are the same Kafka"
                    + " cluster (id " + sourceId + "): identity naming would copy every topic onto itself");
            return;
        }
        sourceClusterId = sourceId;
        targetClusterId = targetId;
        offsetMap = openOffsetMap();
        if (config.exactlyOnce()) {
            // Where exactly-once units resume; created here so that their first transaction can write to it.
            io.mirador.replicator.offsets.UnitOffsetsTopic.ensure(targetAdmin, io.mirador.replicator.offsets.UnitOffsetsTopic.DEFAULT_NAME);
        }
        if (config.syncGroupOffsets()) {
            groupSync = new GroupOffsetSync(config.name(), sourceAdmin, targetAdmin, config.groupsInclude(),
                    config.groupsExclude(), this::translate, this::event);
        }
        RateLimiter limiter = new RateLimiter(config.maxRecordsPerSecond(), config.maxBytesPerSecond());
        RouteWorkers started = new RouteWorkers(config.name(), id -> new WorkerSettings(config.name(), id,
                sourceCluster.clientProperties(), targetCluster.clientProperties(), sourceId, config.provenanceHeader(),
                settings.checkpointIntervalMs(), config.stopOnDataLoss(), targetId, directRoutes, config.exactlyOnce(),
                settings.transactionIntervalMs(), settings.transactionMaxRecords()), limiter, this::saveCheckpoints,
                this::event);
        started.launchAll(config.workers(), paused);
        workers = started;
        state = "RUNNING";
        event(ReplicationEvent.info(config.name(), ReplicationEvent.ROUTE_STARTED, "route started: "
                + sourceCluster.name() + " -> " + targetCluster.name() + " with " + config.workers() + " workers"));
    }

    /**
     * The route's offset mapping, as the target's mapping topic holds it (created when missing). A target where it
     * cannot be created or read still gets its records copied: translation then knows only what this run copies,
     * and an event says so.
     */
    private RouteOffsetMap openOffsetMap() {
        String topic = OffsetMapTopic.DEFAULT_NAME;
        Map<TopicPartition, PartitionOffsetMap> stored = Map.of();
        try {
            OffsetMapTopic.ensure(targetAdmin, topic, settings.offsetMapRetentionMs());
            stored = OffsetMapTopic.load(targetCluster.clientProperties(), topic, config.name(), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "the offset mapping on "
                    + targetCluster.name() + " cannot be used (" + e.getMessage() + "): consumer group positions are"
                    + " translated only for records copied from now on"));
        }
        return new RouteOffsetMap(config.name(), topic, targetCluster.clientProperties(), stored);
    }

    /**
     * Where a consumer group that committed {@code committed} on source partition {@code tp} resumes on the
     * target, with the target topic and partition; null when the route does not copy {@code tp}. Any thread.
     */
    GroupOffsetSync.Placement translate(TopicPartition tp, long committed) {
        PartitionProgress p = progress.get(tp);
        if (p == null) {
            return null;
        }
        return new GroupOffsetSync.Placement(p.targetTopic, p.targetPartition,
                p.offsetMap.translate(committed, p.ackedNext));
    }

    private void syncGroupsQuietly() {
        syncGroups(false);
    }

    /**
     * Planner thread: one round of group offset sync, when the route does it. A paused route does not sync (its
     * groups may be consuming on the target after a failover) unless forced, as failover's last sync is.
     */
    private void syncGroups(boolean force) {
        GroupOffsetSync g = groupSync;
        if (g == null || failed || (paused && !force)) {
            return;
        }
        try {
            g.syncOnce();
            groupSyncError = null;
        } catch (RuntimeException e) {
            if (groupSyncError == null) {
                event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "consumer group offsets not synced: "
                        + e.getMessage()));
            }
            groupSyncError = e.getMessage();
            LOG.debug("Route {}: group sync failed", config.name(), e);
        } catch (Error e) {
            LOG.error("Route {}: group sync failed", config.name(), e);
        }
    }

    /**
     * Runs a round of group offset sync now, on the planner thread, and waits for it (a failover's last sync).
     * Returns the groups' status afterwards; empty when the route does not sync groups.
     */
    List<GroupSyncStatus> syncGroupsNow(Duration timeout) {
        try {
            planner.submit(() -> syncGroups(true)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new ReplicationException("the group offset sync did not finish: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted", e);
        }
        return groupSyncStatus();
    }

    /**
     * Fails the route over to its target: drains what the source still has (up to {@code drainTimeout}), pauses,
     * syncs the consumer groups a last time and reports what the target lacks. With {@code preview}, only reports
     * what a failover now would leave behind; nothing changes. Blocks; not on the planner thread.
     */
    FailoverReport failover(Duration drainTimeout, boolean preview) throws InterruptedException {
        List<String> notes = new ArrayList<>();
        if (workers == null) {
            notes.add("the route has not reached both clusters yet: nothing was copied in this run");
        }
        FailoverProcedure procedure = new FailoverProcedure(progress.values(), sourceAdmin, targetAdmin,
                sourceCluster.clientProperties());
        long drainMs = 0;
        if (!preview) {
            if (paused) {
                notes.add("the route was paused: nothing was drained");
            } else {
                drainMs = procedure.drain(drainTimeout);
            }
            pause(true);
            awaitNothingInFlight(Duration.ofSeconds(10));
        }
        List<GroupSyncStatus> groups;
        if (groupSync == null) {
            notes.add("this route does not sync consumer groups: their positions on the target are their own");
            groups = List.of();
        } else {
            groups = preview ? groupSyncStatus() : syncGroupsNow(Duration.ofSeconds(60));
        }
        List<FailoverReport.PartitionGap> gaps = procedure.gaps(notes);
        long missing = gaps.stream().mapToLong(FailoverReport.PartitionGap::unmirroredRecords).sum();
        double rpo = gaps.stream().mapToDouble(FailoverReport.PartitionGap::oldestUnmirroredAgeSeconds)
                .reduce(0, (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b));
        boolean reachable = notes.stream().noneMatch(n -> n.startsWith("the source did not answer"));
        return new FailoverReport(config.name(), preview, System.currentTimeMillis(), reachable, drainMs, missing, rpo,
                gaps, groups, null, notes);
    }

    /** Waits until every batch sent was acknowledged or failed, so that checkpoints are final. */
    private void awaitNothingInFlight(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (progress.values().stream().anyMatch(p -> p.inFlightBatches() > 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // acks arrive on producer threads that signal nobody
        }
    }

    /**
     * Whether this route copies records of {@code topic} from the cluster whose id hashes to {@code originCluster}
     * straight into the cluster {@code targetId}. Any thread.
     */
    boolean copiesDirectly(String targetId, int originCluster, String topic) {
        String sourceId = sourceClusterId;
        return sourceId != null && targetId.equals(targetClusterId) && Provenance.hash(sourceId) == originCluster
                && filter.shouldReplicate(topic);
    }

    /** The target's Kafka cluster id once the route reached it; null before. */
    String targetClusterId() {
        return targetClusterId;
    }

    /** The live progress of the route's partitions, for failback's start positions. */
    Collection<PartitionProgress> progress() {
        return progress.values();
    }

    ClusterConnection sourceCluster() {
        return sourceCluster;
    }

    ClusterConnection targetCluster() {
        return targetCluster;
    }

    List<GroupSyncStatus> groupSyncStatus() {
        GroupOffsetSync g = groupSync;
        return g == null ? List.of() : g.status();
    }

    /** When the last group sync round finished; 0 when none did (or the route does not sync groups). */
    long lastGroupSyncMs() {
        GroupOffsetSync g = groupSync;
        return g == null ? 0 : g.lastRoundMs();
    }

    /** The last group sync error; null while rounds succeed. */
    String groupSyncError() {
        return groupSyncError;
    }

    /**
     * Planner thread. A worker that died on an error (it has written its last checkpoint) is replaced, and its
     * partitions resume from their checkpoints in the new one.
     */
    private void restartDeadWorkers() {
        for (int id = 0; id < workers.size(); id++) {
            if (!workers.isAlive(id)) {
                int resumed = workers.replace(id, paused, assignment, progress);
                event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "worker " + id
                        + " restarted; its " + resumed + " partitions resume from their checkpoints"));
            }
        }
    }

    /**
     * Planner thread, every round whether planning succeeded or not: the workers of stalled partitions are
     * rebuilt, with new clients, from the checkpoints ({@link StallWatch} finds and reports them).
     */
    private void watchdog() {
        if (paused || failed || workers == null) {
            return;
        }
        stallWatch.stalledPartitions(progress.values(), assignment, System.currentTimeMillis())
                .keySet().forEach(worker -> workers.replace(worker, paused, assignment, progress));
    }

    private void planQuietly() {
        if (failed) {
            return;
        }
        try {
            if (workers == null) {
                connect();
                if (failed) {
                    return;
                }
            }
            restartDeadWorkers();
            plan();
            error = null;
        } catch (StateStoreException e) {
            fail("the state store cannot be written, so no progress could be saved: " + e.getMessage());
        } catch (RuntimeException e) {
            String message = "planning failed: " + e.getMessage();
            if (!message.equals(error)) {
                event(ReplicationEvent.error(config.name(), message));
            }
            error = message;
            LOG.debug("Route {} planning failed", config.name(), e);
        } catch (Error e) {
            // Thrown out of a scheduled task, it would cancel every later round without a word.
            LOG.error("Route {}: planning failed", config.name(), e);
            error = "planning failed: " + e;
        } finally {
            if (!failed) {
                watchdog();
            }
        }
    }

    /**
     * Stops the route for good: no more planning or copying. Any thread; the first reason wins. The workers stop
     * on their own threads; their last checkpoints are written if the store still takes them.
     */
    private void fail(String reason) {
        synchronized (this) {
            if (failed) {
                return;
            }
            failed = true;
            error = reason;
        }
        LOG.error("Route {} failed: {}", config.name(), reason);
        event(ReplicationEvent.error(config.name(), ReplicationEvent.ROUTE_FAILED, "route failed: " + reason));
        RouteWorkers w = workers;
        if (w != null) {
            w.stopAllNow();
        }
    }

    private void plan() {
        List<SourceTopic> topics = sync.discover(filter);
        boolean sameCluster = sourceClusterId.equals(targetClusterId);
        Map<String, String> targetToSource = new HashMap<>();
        Set<TopicPartition> wanted = new HashSet<>();
        Map<TopicPartition, Integer> targetPartitionOf = new HashMap<>();
        Map<TopicPartition, String> targetTopicOf = new HashMap<>();
        List<String> recreated = new ArrayList<>();
        for (SourceTopic topic : topics) {
            String targetName = naming.targetTopic(topic.name());
            String clash = targetToSource.putIfAbsent(targetName, topic.name());
            if (clash != null) {
                event(ReplicationEvent.error(config.name(), "topics " + clash + " and " + topic.name()
                        + " both map to " + targetName + ": " + topic.name() + " is not copied"));
                continue;
            }
            if (sameCluster && (targetName.equals(topic.name()) || filter.shouldReplicate(targetName))) {
                reportOnce(topic.name(), "not copied: source and target are one Kafka cluster, and its copy "
                        + targetName + " would be copied again (a loop)");
                continue;
            }
            TopicMapping known = mappings.get(topic.name());
            boolean oneToOne = known == null || !known.modulo();
            TopicSync.TargetState target;
            try {
                target = sync.ensureTarget(topic, targetName, known != null && oneToOne);
            } catch (ReplicationException e) {
                // This topic waits; the others go on. Partitions already copying keep their place.
                LOG.debug("Route {}: target topic {} not ready", config.name(), targetName, e);
                stallWatch.targetNotReady(topic.name(), targetName, e.getMessage(), System.currentTimeMillis());
                keepRunning(topic.name(), wanted, targetTopicOf, targetPartitionOf);
                continue;
            }
            stallWatch.targetReady(topic.name());
            TopicIdentity identity = new TopicIdentity(sourceClusterId, topic.topicId(), targetClusterId, target.topicId());
            TopicIdentity before = identities.put(topic.name(), identity);
            if (before != null && !before.equals(identity)) {
                recreated.add(topic.name());
                event(ReplicationEvent.warn(config.name(), ReplicationEvent.TOPIC_RECREATED, topic.name()
                        + " is copied afresh from its start: " + before.differenceFrom(identity)));
            }
            TopicMapping mapping = new TopicMapping(config.name(), topic.name(), targetName, topic.partitions(),
                    target.partitions(), identity);
            if (!mapping.equals(known)) {
                store.putTopicMapping(mapping);
                mappings.put(topic.name(), mapping);
                if (known == null) {
                    event(ReplicationEvent.info(config.name(), ReplicationEvent.TOPIC_ADDED, "copying " + topic.name()
                            + " (" + topic.partitions() + " partitions) to " + targetName));
                }
                if (mapping.modulo() && (known == null || !known.modulo())) {
                    event(ReplicationEvent.warn(config.name(), ReplicationEvent.TOPIC_ADDED, "target " + targetName
                            + " has " + target.partitions() + " partitions for " + topic.partitions()
                            + " source partitions: mapping partitions by modulo, so per-partition order is merged"));
                }
            }
            for (int p = 0; p < topic.partitions(); p++) {
                TopicPartition tp = new TopicPartition(topic.name(), p);
                wanted.add(tp);
                targetPartitionOf.put(tp, p % target.partitions());
                targetTopicOf.put(tp, targetName);
            }
        }
        retire(recreated);
        addNewPartitions(wanted, targetTopicOf, targetPartitionOf);
        apply(assigner.assign(assignment, wanted, metrics.bytesPerSecond()));
    }

    /** Keeps the partitions of {@code topic} that are being copied, as they are, for a round its target failed. */
    private void keepRunning(String topic, Set<TopicPartition> wanted, Map<TopicPartition, String> targetTopicOf,
                             Map<TopicPartition, Integer> targetPartitionOf) {
        for (PartitionProgress p : progress.values()) {
            if (p.source.topic().equals(topic)) {
                wanted.add(p.source);
                targetTopicOf.put(p.source, p.targetTopic);
                targetPartitionOf.put(p.source, p.targetPartition);
            }
        }
    }

    /** An error event about a topic, once per run of the route. */
    private void reportOnce(String topic, String message) {
        if (reported.add(topic + "\0" + message)) {
            event(ReplicationEvent.error(config.name(), topic + " is " + message));
        }
    }

    /**
     * Takes the partitions of topics that were recreated away from their workers (which flush and checkpoint
     * them under the old identity) and forgets their progress, so that they start again like new partitions.
     */
    private void retire(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        Map<Integer, List<TopicPartition>> byWorker = new HashMap<>();
        for (Map.Entry<TopicPartition, Integer> e : assignment.entrySet()) {
            if (topics.contains(e.getKey().topic())) {
                byWorker.computeIfAbsent(e.getValue(), w -> new ArrayList<>()).add(e.getKey());
            }
        }
        byWorker.forEach(this::awaitRevoke);
        byWorker.values().forEach(partitions -> partitions.forEach(tp -> {
            assignment.remove(tp);
            progress.remove(tp);
        }));
    }

    /**
     * Adds progress for partitions not copied yet in this run: each resumes at its stored checkpoint when the
     * checkpoint belongs to the same source and target topics, else starts at the source's first offset, and an
     * event per topic says why its checkpoints were not used.
     */
    private void addNewPartitions(Set<TopicPartition> wanted, Map<TopicPartition, String> targetTopicOf,
                                  Map<TopicPartition, Integer> targetPartitionOf) {
        List<TopicPartition> fresh = wanted.stream().filter(tp -> !progress.containsKey(tp)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> start = StartOffsets.of(fresh, store.checkpoints(config.name()), identities, sourceAdmin,
                (topic, why) -> event(ReplicationEvent.warn(config.name(), ReplicationEvent.CHECKPOINT_IGNORED,
                        "stored checkpoints of " + topic + " are not used because " + why + "; " + topic
                                + " is copied from its start")));
        Map<TopicPartition, Checkpoint> checkpoints = store.checkpoints(config.name());
        for (TopicPartition tp : fresh) {
            TopicIdentity identity = identities.get(tp.topic());
            PartitionOffsetMap map = offsetMap.forPartition(tp, identity, targetTopicOf.get(tp), targetPartitionOf.get(tp));
            Checkpoint cp = checkpoints.get(tp);
            if (cp != null && cp.identity().sameAs(identity)) {
                map.resumesAt(start.get(tp));
            } else {
                map.beginsAt(start.get(tp));
            }
            progress.put(tp, new PartitionProgress(tp, targetTopicOf.get(tp), targetPartitionOf.get(tp), start.get(tp),
                    identity, map));
        }
    }

    /** Moves partitions between workers: revoke (flush, checkpoint) first, then assign from that checkpoint. */
    private void apply(Map<TopicPartition, Integer> next) {
        Map<Integer, List<TopicPartition>> revoke = new HashMap<>();
        Map<Integer, List<PartitionProgress>> grant = new HashMap<>();
        for (Map.Entry<TopicPartition, Integer> old : assignment.entrySet()) {
            Integer now = next.get(old.getKey());
            if (!old.getValue().equals(now)) {
                revoke.computeIfAbsent(old.getValue(), w -> new ArrayList<>()).add(old.getKey());
            }
        }
        revoke.forEach((worker, partitions) -> awaitRevoke(worker, partitions));
        for (Map.Entry<TopicPartition, Integer> e : next.entrySet()) {
            Integer before = assignment.get(e.getKey());
            if (!e.getValue().equals(before)) {
                grant.computeIfAbsent(e.getValue(), w -> new ArrayList<>()).add(progress.get(e.getKey()));
                if (before != null) {
                    event(ReplicationEvent.info(config.name(), ReplicationEvent.PARTITION_MOVED, e.getKey()
                            + " moved from worker " + before + " to worker " + e.getValue()));
                }
            }
        }
        for (TopicPartition gone : new HashSet<>(progress.keySet())) {
            if (!next.containsKey(gone)) {
                progress.remove(gone);
            }
        }
        if (revoke.isEmpty() && grant.isEmpty()) {
            return;
        }
        // Stored first: a state that cannot be written fails the route before any partition is copied.
        List<Assignment> rows = new ArrayList<>();
        next.forEach((tp, w) -> rows.add(new Assignment(config.name(), tp.topic(), tp.partition(), w)));
        store.replaceAssignments(config.name(), rows);
        assignment.clear();
        assignment.putAll(next);
        grant.forEach((worker, partitions) -> workers.get(worker).assign(partitions));
    }

    /**
     * Waits for a worker to flush and release partitions. A worker that does not answer (dead or stuck on a
     * broker) is not waited for forever: its partitions then resume, through fresh progress objects, from the
     * last offsets its target acknowledged, which may repeat records but never skips one.
     */
    private void awaitRevoke(int worker, List<TopicPartition> partitions) {
        try {
            workers.get(worker).revoke(partitions).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            for (TopicPartition tp : partitions) {
                PartitionProgress p = progress.get(tp);
                if (p != null) {
                    progress.put(tp, p.restartAt(p.ackedNext));
                }
            }
            event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "worker " + worker
                    + " did not release " + partitions + " in time; they resume from their checkpoints"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while moving partitions", e);
        }
    }

    /**
     * Planner thread. A paused route's consumers fetch nothing, so they no longer see the source's end offsets:
     * ask the source instead, so that its lag stays true while paused (end offsets only grow).
     */
    private void refreshEndOffsetsWhilePaused() {
        if (!paused || progress.isEmpty() || sourceAdmin == null) {
            return;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        progress.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            TopicSync.await(sourceAdmin.listOffsets(latest).all()).forEach((tp, info) -> {
                PartitionProgress p = progress.get(tp);
                if (p != null && info.offset() > p.endOffset) {
                    p.endOffset = info.offset();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("Route {}: end offsets not refreshed while paused", config.name(), e);
        }
    }

    private void sampleMetrics() {
        if (failed) {
            return; // nothing moves, and a store that cannot be written would log this every window
        }
        refreshEndOffsetsWhilePaused();
        try {
            List<io.mirador.replicator.state.MetricSample> samples = metrics.sample(progress.values(), System.currentTimeMillis());
            store.addSamples(samples);
        } catch (RuntimeException e) {
            LOG.warn("Route {}: metrics not sampled: {}", config.name(), e.toString());
        }
    }

    /** Worker threads. A store that cannot be written fails the route; the worker stops on the rethrown error. */
    private void saveCheckpoints(Collection<Checkpoint> checkpoints) {
        RouteOffsetMap map = offsetMap;
        // Exactly-once workers write the mapping inside their transactions; a write from here would not be atomic.
        if (map != null && !config.exactlyOnce()) {
            // The mapping first: a checkpoint never passes records whose place on the target was not written down.
            List<TopicPartition> partitions = new ArrayList<>();
            for (Checkpoint cp : checkpoints) {
                TopicPartition tp = new TopicPartition(cp.topic(), cp.partition());
                PartitionOffsetMap partitionMap = map.get(tp);
                if (partitionMap != null) {
                    partitionMap.coveredTo(cp.sourceOffset());
                    partitions.add(tp);
                }
            }
            map.persist(partitions);
        }
        try {
            store.saveCheckpoints(checkpoints);
        } catch (StateStoreException e) {
            fail("the state store cannot be written, so no progress could be saved: " + e.getMessage());
            throw e;
        }
    }

    private void event(ReplicationEvent event) {
        LOG.info("Route {}: {}", config.name(), event.message());
        try {
            store.addEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("Route {}: event not recorded: {}", config.name(), e.toString());
        }
    }

    private void closeAdmins(Duration timeout) {
        if (sourceAdmin != null) {
            sourceAdmin.close(timeout);
        }
        if (targetAdmin != null) {
            targetAdmin.close(timeout);
        }
    }
}
