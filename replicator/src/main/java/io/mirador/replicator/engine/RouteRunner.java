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
import io.mirador.replicator.route.NamingPolicy;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.TopicFilter;
import io.mirador.replicator.state.Assignment;
import io.mirador.replicator.state.Checkpoint;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.replicator.state.TopicMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller (planner) of one route: discovers topics and partitions, keeps target topics in step,
 * assigns partitions to workers by load, moves stuck partitions, samples metrics. Workers do the copying.
 *
 * <p>Threading: planning runs on the route's single scheduler thread; each worker on its own thread. The
 * public methods may be called from any thread.
 */
final class RouteRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRunner.class);

    private final RouteConfig config;
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
    // Copy-on-write: written by the planner thread only, read by API threads (pause) and close().
    private final List<ReplicationWorker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> workerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Admin sourceAdmin;
    private Admin targetAdmin;
    private TopicSync sync;
    private volatile String state = "STARTING";
    /** Set by {@link #pause}; starts from the stored definition. Read by the planner when it starts workers. */
    private volatile boolean paused;
    private String sourceClusterId;
    private RateLimiter limiter;
    private volatile String error;

    RouteRunner(RouteConfig config, ClusterConnection source, ClusterConnection target, ReplicationStore store,
                EngineSettings settings) {
        this.config = config;
        this.sourceCluster = source;
        this.targetCluster = target;
        this.store = store;
        this.settings = settings;
        this.filter = config.topicFilter();
        this.naming = config.namingPolicy();
        this.assigner = new PartitionAssigner(config.workers(), settings.overloadFactor());
        this.metrics = new RouteMetrics(config.name());
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
        planner.scheduleAtFixedRate(this::sampleMetrics, settings.metricsIntervalMs(), settings.metricsIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs discovery and planning as soon as possible instead of at the next interval. */
    void discoverNow() {
        planner.execute(this::planQuietly);
    }

    void pause(boolean pause) {
        paused = pause;
        workers.forEach(w -> w.pause(pause));
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
        workers.forEach(ReplicationWorker::stop);
        for (Thread t : workerThreads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = "STOPPED";
        event(ReplicationEvent.info(config.name(), ReplicationEvent.ROUTE_STOPPED, "route stopped"));
    }

    /** STARTING, RUNNING or STOPPED as the life cycle goes; PAUSED while paused, whether started yet or not. */
    private String shownState() {
        String lifecycle = state;
        return paused && !"STOPPED".equals(lifecycle) ? "PAUSED" : lifecycle;
    }

    RouteStatus status() {
        String shown = shownState();
        List<PartitionStatus> partitions = new ArrayList<>();
        long lag = 0;
        for (PartitionProgress p : progress.values()) {
            RouteMetrics.PartitionRates rates = metrics.rates(p.source);
            long partitionLag = p.lag();
            lag += partitionLag;
            String partitionState = "PAUSED".equals(shown) ? "PAUSED"
                    : metrics.isStuck(p.source) ? "STUCK" : partitionLag == 0 ? "CAUGHT_UP" : "RUNNING";
            partitions.add(new PartitionStatus(p.source.topic(), p.source.partition(), p.targetTopic, p.targetPartition,
                    assignment.getOrDefault(p.source, -1), Math.max(p.endOffset, p.ackedNext), p.ackedNext, partitionLag,
                    rates.latencyP99Ms(), rates.recordsPerSecond(), rates.bytesPerSecond(), partitionState));
        }
        partitions.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
        RouteMetrics.RouteRates total = metrics.routeRates();
        long copied = progress.values().stream().mapToLong(p -> p.copiedRecords).sum();
        return new RouteStatus(config.name(), shown, error, lag, total.recordsPerSecond(), total.bytesPerSecond(),
                total.latencyP50Ms(), total.latencyP99Ms(), copied, partitions);
    }

    /** Planner thread. Needs the source cluster's id for provenance, so it is retried until the source answers. */
    private void startWorkers() {
        sourceClusterId = TopicSync.await(sourceAdmin.describeCluster().clusterId());
        limiter = new RateLimiter(config.maxRecordsPerSecond(), config.maxBytesPerSecond());
        for (int i = 0; i < config.workers(); i++) {
            launchWorker(i);
        }
        state = "RUNNING";
        event(ReplicationEvent.info(config.name(), ReplicationEvent.ROUTE_STARTED, "route started: "
                + sourceCluster.name() + " -> " + targetCluster.name() + " with " + config.workers() + " workers"));
    }

    private void launchWorker(int id) {
        WorkerSettings ws = new WorkerSettings(config.name(), id, sourceCluster.clientProperties(),
                targetCluster.clientProperties(), sourceClusterId, config.provenanceHeader(),
                settings.checkpointIntervalMs());
        ReplicationWorker worker = new ReplicationWorker(ws, limiter, this::saveCheckpoints,
                message -> event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, message)));
        if (paused) {
            worker.pause(true);
        }
        Thread thread = new Thread(worker, "mirador-" + config.name() + "-worker-" + id);
        thread.setDaemon(true);
        thread.start();
        // Ids are launched in order, so a new id is the next index; a restart replaces its predecessor.
        if (id < workers.size()) {
            workers.set(id, worker);
            workerThreads.set(id, thread);
        } else {
            workers.add(worker);
            workerThreads.add(thread);
        }
    }

    /**
     * Planner thread. A worker that died on an error (it has written its last checkpoint) is replaced, and its
     * partitions resume from their checkpoints in the new one.
     */
    private void restartDeadWorkers() {
        for (int id = 0; id < workerThreads.size(); id++) {
            if (workerThreads.get(id).isAlive()) {
                continue;
            }
            List<PartitionProgress> orphans = new ArrayList<>();
            for (Map.Entry<TopicPartition, Integer> e : assignment.entrySet()) {
                PartitionProgress p = progress.get(e.getKey());
                if (e.getValue() == id && p != null) {
                    p.rewind();
                    orphans.add(p);
                }
            }
            launchWorker(id);
            workers.get(id).assign(orphans);
            event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "worker " + id
                    + " restarted; its " + orphans.size() + " partitions resume from their checkpoints"));
        }
    }

    private void planQuietly() {
        try {
            if (workers.isEmpty()) {
                startWorkers();
            }
            restartDeadWorkers();
            plan();
            error = null;
        } catch (RuntimeException e) {
            String message = "planning failed: " + e.getMessage();
            if (!message.equals(error)) {
                event(ReplicationEvent.error(config.name(), message));
            }
            error = message;
            LOG.debug("Route {} planning failed", config.name(), e);
        }
    }

    private void plan() {
        List<SourceTopic> topics = sync.discover(filter);
        Map<String, String> targetToSource = new HashMap<>();
        Set<TopicPartition> wanted = new HashSet<>();
        Map<TopicPartition, Integer> targetPartitionOf = new HashMap<>();
        Map<TopicPartition, String> targetTopicOf = new HashMap<>();
        for (SourceTopic topic : topics) {
            String targetName = naming.targetTopic(topic.name());
            String clash = targetToSource.putIfAbsent(targetName, topic.name());
            if (clash != null) {
                event(ReplicationEvent.error(config.name(), "topics " + clash + " and " + topic.name()
                        + " both map to " + targetName + ": " + topic.name() + " is not copied"));
                continue;
            }
            TopicMapping known = mappings.get(topic.name());
            boolean oneToOne = known == null || !known.modulo();
            TopicSync.TargetState target = sync.ensureTarget(topic, targetName, known != null && oneToOne);
            TopicMapping mapping = new TopicMapping(config.name(), topic.name(), targetName, topic.partitions(), target.partitions());
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
        addNewPartitions(wanted, targetTopicOf, targetPartitionOf);
        Map<TopicPartition, Integer> next = assigner.assign(assignment, wanted, metrics.bytesPerSecond());
        moveStuckPartitions(next);
        apply(next);
    }

    private void addNewPartitions(Set<TopicPartition> wanted, Map<TopicPartition, String> targetTopicOf,
                                  Map<TopicPartition, Integer> targetPartitionOf) {
        List<TopicPartition> fresh = wanted.stream().filter(tp -> !progress.containsKey(tp)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        Map<TopicPartition, Checkpoint> checkpoints = store.checkpoints(config.name());
        Map<TopicPartition, OffsetSpec> unknown = new HashMap<>();
        for (TopicPartition tp : fresh) {
            if (!checkpoints.containsKey(tp)) {
                unknown.put(tp, OffsetSpec.earliest());
            }
        }
        Map<TopicPartition, Long> earliest = new HashMap<>();
        if (!unknown.isEmpty()) {
            TopicSync.await(sourceAdmin.listOffsets(unknown).all()).forEach((tp, info) -> earliest.put(tp, info.offset()));
        }
        for (TopicPartition tp : fresh) {
            Checkpoint cp = checkpoints.get(tp);
            long start = cp != null ? cp.sourceOffset() : earliest.getOrDefault(tp, 0L);
            progress.put(tp, new PartitionProgress(tp, targetTopicOf.get(tp), targetPartitionOf.get(tp), start));
        }
    }

    private void moveStuckPartitions(Map<TopicPartition, Integer> next) {
        if (paused || config.workers() < 2) {
            return;
        }
        long now = System.currentTimeMillis();
        for (PartitionProgress p : progress.values()) {
            Integer worker = assignment.get(p.source);
            if (worker == null || p.lag() == 0 || now - p.lastProgressMs < settings.stuckAfterMs()) {
                continue;
            }
            int to = assigner.leastLoadedExcept(next, metrics.bytesPerSecond(), worker);
            next.put(p.source, to);
            p.lastProgressMs = now;
            metrics.markStuck(p.source);
            event(ReplicationEvent.warn(config.name(), ReplicationEvent.PARTITION_STUCK, p.source + " made no progress for "
                    + (settings.stuckAfterMs() / 1000) + " s with lag " + p.lag()));
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
        grant.forEach((worker, partitions) -> workers.get(worker).assign(partitions));
        assignment.clear();
        assignment.putAll(next);
        List<Assignment> rows = new ArrayList<>();
        next.forEach((tp, w) -> rows.add(new Assignment(config.name(), tp.topic(), tp.partition(), w)));
        store.replaceAssignments(config.name(), rows);
    }

    /**
     * Waits for a worker to flush and release partitions. A worker that does not answer (dead or stuck on a
     * broker) is not waited for forever: its partitions then resume from their last stored checkpoints, which
     * may repeat records but never skips one.
     */
    private void awaitRevoke(int worker, List<TopicPartition> partitions) {
        try {
            workers.get(worker).revoke(partitions).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            Map<TopicPartition, Checkpoint> stored = store.checkpoints(config.name());
            for (TopicPartition tp : partitions) {
                PartitionProgress p = progress.get(tp);
                Checkpoint cp = stored.get(tp);
                if (p != null && cp != null) {
                    progress.put(tp, new PartitionProgress(tp, p.targetTopic, p.targetPartition, cp.sourceOffset()));
                }
            }
            event(ReplicationEvent.warn(config.name(), ReplicationEvent.ERROR, "worker " + worker
                    + " did not release " + partitions + " in time; they resume from their stored checkpoints"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException("interrupted while moving partitions", e);
        }
    }

    private void sampleMetrics() {
        try {
            List<io.mirador.replicator.state.MetricSample> samples = metrics.sample(progress.values(), System.currentTimeMillis());
            store.addSamples(samples);
        } catch (RuntimeException e) {
            LOG.warn("Route {}: metrics not sampled: {}", config.name(), e.toString());
        }
    }

    private void saveCheckpoints(Collection<Checkpoint> checkpoints) {
        store.saveCheckpoints(checkpoints);
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
