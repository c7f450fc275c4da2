package io.mirador.ui.service.history;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.mirador.cluster.ClusterClient;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records topic in-rates, group lags and cluster in/out rates of every available cluster, every
 * {@link #interval()} (default 10 s), into the state store's metric history, so that charts cover the last hour,
 * day or week and survive a restart.
 *
 * <h2>Where the points go</h2>
 * The store's {@code metric_samples} table, shared with the replication engine's route metrics. A cluster's
 * points use the route key {@code "cluster:" + clusterName} ({@link #route}), which cannot clash with a route
 * name (route names have no colon). Metrics and scopes:
 * <ul>
 *   <li>{@value #TOPIC_IN_RATE}, scope = topic name: records per second appended to the topic;</li>
 *   <li>{@value #GROUP_LAG}, scope = group id: the group's total lag in records (end offset minus committed,
 *       summed over the partitions it committed on);</li>
 *   <li>{@value #CLUSTER_IN_RATE}, scope "": the sum of the topics' in-rates;</li>
 *   <li>{@value #CLUSTER_OUT_RATE}, scope "": the sum over consumer groups of the committed offsets' growth per
 *       second (what groups acknowledged reading; consumers that never commit are not seen).</li>
 * </ul>
 * Rates need two readings, so a cluster's first round writes lags only. The store keeps raw points for an hour,
 * minute averages up to a day and ten-minute averages up to a week; {@link ReplicationStore#downsample} runs at
 * most once a minute, from here.
 *
 * <h2>Cost</h2>
 * One round reads each cluster with a constant number of batched Admin calls ({@link ClusterReading}), never one
 * per topic, partition or group; {@link SamplerRound#adminRequests} reports the requests actually sent.
 *
 * <h2>Threading</h2>
 * Rounds run on one daemon thread of its own, at a fixed delay (a slow round delays the next one instead of
 * piling up). {@link #sampleOnce} may also be called from any other thread; rounds never overlap. A cluster whose
 * reading fails is skipped (logged at debug) and keeps its last reading; nothing stops the sampler but
 * {@link #close}. No JavaFX here: the supplier of cluster names must be safe to call from the sampler's thread.
 */
public final class ClusterSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final String ROUTE_PREFIX = "cluster:";
    public static final String TOPIC_IN_RATE = "topic.in.rate";
    public static final String GROUP_LAG = "group.lag";
    public static final String CLUSTER_IN_RATE = "cluster.in.rate";
    public static final String CLUSTER_OUT_RATE = "cluster.out.rate";

    /** Downsampling rewrites old rows; once a minute keeps the hour of raw points tidy at little cost. */
    static final long DOWNSAMPLE_EVERY_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSampler.class);

    private final Supplier<List<String>> clusters;
    private final Function<String, ClusterClient> clients;
    private final Supplier<ReplicationStore> store;
    private final Duration interval;
    private final Clock clock;
    private final Object roundLock = new Object();

    // Guarded by roundLock: the last successful reading of each cluster, and when the store was last downsampled.
    private final Map<String, ClusterReading> previous = new HashMap<>();
    private long lastDownsampleMs;
    private boolean downsampled;

    private ScheduledExecutorService timer;
    private boolean closed;

    /** Samples every {@link #DEFAULT_INTERVAL} with the system clock. */
    public ClusterSampler(Supplier<List<String>> clusters, Function<String, ClusterClient> clients,
                          Supplier<ReplicationStore> store) {
        this(clusters, clients, store, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    /**
     * @param clusters names of the clusters to sample now (available ones); called once per round, on the
     *                 sampler's thread
     * @param clients  the client of a cluster; may throw for a cluster that went away (the cluster is skipped).
     *                 Clients are not closed here: they belong to whoever made them
     * @param store    the state store; may block until it is open (it is called on the sampler's thread)
     * @param interval time between the end of a round and the start of the next
     * @param clock    timestamps of the samples and downsampling's notion of now
     */
    public ClusterSampler(Supplier<List<String>> clusters, Function<String, ClusterClient> clients,
                          Supplier<ReplicationStore> store, Duration interval, Clock clock) {
        this.clusters = Objects.requireNonNull(clusters, "clusters");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.store = Objects.requireNonNull(store, "store");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sampling interval must be positive, not " + interval);
        }
        this.interval = interval;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The route key of a cluster's points in the metric history. */
    public static String route(String cluster) {
        return ROUTE_PREFIX + cluster;
    }

    public Duration interval() {
        return interval;
    }

    /** Starts sampling: a first round at once, then one every interval. Idempotent; no-op once closed. */
    public synchronized void start() {
        if (timer != null || closed) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mirador-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::scheduledRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether {@link #start} was called and {@link #close} not yet. */
    public synchronized boolean isRunning() {
        return timer != null && !closed;
    }

    private void scheduledRound() {
        // An exception escaping a scheduled task would cancel all later rounds: catch everything.
        try {
            SamplerRound round = sampleOnce();
            LOG.trace("Sampler round: {}", round);
        } catch (Throwable t) {
            LOG.debug("Sampler round failed", t);
        }
    }

    /**
     * One round, now, on the calling thread: reads every available cluster, writes its samples and downsamples
     * the store if a minute has passed since the last time. Blocks (Admin calls, store writes).
     */
    public SamplerRound sampleOnce() {
        synchronized (roundLock) {
            long started = System.nanoTime();
            List<String> names = List.copyOf(clusters.get());
            previous.keySet().retainAll(new HashSet<>(names));
            List<MetricSample> samples = new ArrayList<>();
            int failed = 0;
            int topics = 0;
            int partitions = 0;
            int groups = 0;
            long requests = 0;
            for (String name : names) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                try {
                    ClusterClient client = clients.apply(name);
                    long sentBefore = AdminRequests.sent(client.admin());
                    ClusterReading reading = ClusterReading.take(client, clock);
                    requests += AdminRequests.sent(client.admin()) - sentBefore;
                    samples.addAll(reading.samples(route(name), previous.get(name)));
                    previous.put(name, reading);
                    topics += reading.topics();
                    partitions += reading.partitions();
                    groups += reading.groups();
                } catch (RuntimeException e) {
                    failed++;
                    LOG.debug("Skipped cluster {} this sampling round: {}", name, e.toString(), e);
                }
            }
            write(samples);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return new SamplerRound(names.size(), failed, topics, partitions, groups, requests, samples.size(),
                    elapsedMs);
        }
    }

    private void write(List<MetricSample> samples) {
        try {
            ReplicationStore target = store.get();
            target.addSamples(samples);
            long now = clock.millis();
            if (!downsampled || now - lastDownsampleMs >= DOWNSAMPLE_EVERY_MS) {
                target.downsample(now);
                downsampled = true;
                lastDownsampleMs = now;
            }
        } catch (RuntimeException e) {
            // A full disk or a store closing under us: this round's points are lost, later rounds try again.
            LOG.debug("Could not write {} metric samples: {}", samples.size(), e.toString(), e);
        }
    }

    /** Stops sampling and waits briefly for a round in progress to end (it is interrupted). Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            closed = true;
            running = timer;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
