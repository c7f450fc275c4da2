package io.mirador.ui.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.ClusterState;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.ui.task.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sandbox as observable data. State changes arrive on Kafka's threads; each is snapshotted there and
 * re-posted with {@link TaskExecutor#runOnUi}, so {@link #clusters()} only ever changes on the UI thread and
 * in the order the changes happened. Start and stop run as background tasks visible in the status bar.
 */
public final class SandboxService {

    private final SandboxBackend backend;
    private final TaskExecutor executor;
    /** The sandbox's clusters, then those the user added; appended on the UI thread, read from any thread. */
    private final List<ManagedCluster> managed;
    private final List<ManagedCluster> added = new CopyOnWriteArrayList<>();
    private final ObservableList<ClusterInfo> clusters = FXCollections.observableArrayList();
    private final ObservableList<ClusterInfo> clustersView = FXCollections.unmodifiableObservableList(clusters);
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile TaskExecutor.Progress startProgress;

    public SandboxService(SandboxBackend backend, TaskExecutor executor) {
        this.backend = backend;
        this.executor = executor;
        this.managed = new CopyOnWriteArrayList<>(backend.clusters());
        for (ManagedCluster cluster : managed) {
            follow(cluster);
        }
    }

    private void follow(ManagedCluster cluster) {
        int index = clusters.size();
        clusters.add(cluster.snapshot());
        cluster.addStateListener(state -> {
            ClusterInfo snapshot = cluster.snapshot();
            executor.runOnUi(() -> clusters.set(index, snapshot));
            reportStartProgress();
        });
    }

    /**
     * Adds a sandbox cluster and starts it. {@code dataDir} null keeps its data in a temporary directory deleted
     * when it stops; otherwise the data survives restarts there. Refused with a one-line reason (through
     * {@code onFailure}, UI thread) when the name is taken or the spec is invalid.
     */
    public void add(String name, int brokers, Path dataDir, Consumer<Throwable> onFailure) {
        if (shutDown.get()) {
            return;
        }
        if (cluster(name).isPresent()) {
            onFailure.accept(new IllegalArgumentException("a sandbox cluster called " + name + " exists already"));
            return;
        }
        ManagedCluster cluster;
        try {
            ClusterSpec.Builder spec = ClusterSpec.builder(name).brokers(brokers);
            if (dataDir != null) {
                spec.dataDir(dataDir);
            }
            cluster = managedOf(new EmbeddedKafkaCluster(spec.build()));
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return;
        }
        managed.add(cluster);
        added.add(cluster);
        follow(cluster);
        executor.submit("Starting cluster " + name, () -> {
            cluster.start();
            return null;
        }, ignored -> { }, onFailure);
    }

    /** Seam for tests that add clusters without Kafka. */
    ManagedCluster managedOf(EmbeddedKafkaCluster cluster) {
        return ManagedCluster.of(cluster);
    }

    /** Restarts a cluster on the same data and address: topics, records and offsets are kept. */
    public void restart(String name) {
        find(name).ifPresent(c -> executor.submit("Restarting cluster " + name, () -> {
            c.restart();
            return null;
        }, ignored -> { }, failure -> { }));
    }

    /**
     * Stops a cluster on temporary data, which deletes that data, and starts it empty: a new cluster id, no
     * topics. Ask the user first. A cluster on a data directory the user chose is never wiped here.
     */
    public void wipe(String name) {
        find(name).filter(c -> c.snapshot().temporaryData()).ifPresent(c -> executor.submit("Wiping cluster " + name, () -> {
            c.stop();
            c.start();
            return null;
        }, ignored -> { }, failure -> { }));
    }

    /** One entry per cluster, in sandbox order; replaced (never mutated) on each change. UI thread only. */
    public ObservableList<ClusterInfo> clusters() {
        return clustersView;
    }

    /** UI thread only. */
    public Optional<ClusterInfo> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Current bootstrap servers of a running cluster, read from the cluster itself: safe on any thread. */
    public Optional<String> bootstrapServers(String name) {
        return managed.stream().filter(c -> c.name().equals(name)).findFirst()
                .map(ManagedCluster::snapshot)
                .filter(ClusterInfo::running)
                .map(ClusterInfo::bootstrapServers);
    }

    /** Starts every cluster (and the demo data); progress is the share of clusters running. */
    public void startAll() {
        if (managed.isEmpty()) {
            return;
        }
        executor.submit("Starting sandbox", progress -> {
            startProgress = progress;
            try {
                reportStartProgress();
                backend.startAll();
            } finally {
                startProgress = null;
            }
            return null;
        }, ignored -> { }, failure -> { });
    }

    private void reportStartProgress() {
        TaskExecutor.Progress progress = startProgress;
        if (progress != null) {
            long running = managed.stream().filter(c -> c.snapshot().running()).count();
            progress.update((double) running / managed.size(), running + " of " + managed.size() + " clusters running");
        }
    }

    public void start(String name) {
        find(name).ifPresent(c -> executor.submit("Starting cluster " + name, () -> {
            c.start();
            return null;
        }, ignored -> { }, failure -> { }));
    }

    public void stop(String name) {
        find(name).ifPresent(c -> executor.submit("Stopping cluster " + name, () -> {
            c.stop();
            return null;
        }, ignored -> { }, failure -> { }));
    }

    /** Stops everything in the background, then runs {@code then} on the UI thread, whatever the outcome. */
    public void shutdown(Runnable then) {
        executor.submit("Stopping sandbox", () -> {
            shutdownNow();
            return null;
        }, ignored -> then.run(), failure -> then.run());
    }

    /** Stops everything on the calling thread, once; later calls return at once. Blocks: not on the UI thread. */
    public void shutdownNow() {
        if (shutDown.compareAndSet(false, true)) {
            added.parallelStream().forEach(ManagedCluster::stop);
            backend.stopAll();
        }
    }

    public static boolean canStart(ClusterInfo cluster) {
        return cluster.state() == ClusterState.STOPPED || cluster.state() == ClusterState.FAILED;
    }

    public static boolean canRestart(ClusterInfo cluster) {
        return cluster.state() == ClusterState.RUNNING || cluster.state() == ClusterState.FAILED;
    }

    /** Only temporary data can be wiped, and only where a restart could run. */
    public static boolean canWipe(ClusterInfo cluster) {
        return cluster.temporaryData() && canRestart(cluster);
    }

    public static boolean canStop(ClusterInfo cluster) {
        return cluster.state() == ClusterState.RUNNING;
    }

    private Optional<ManagedCluster> find(String name) {
        return managed.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
