package io.mirador.ui.service.mirroring;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.ConflictException;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.replicator.state.ReplicationStore;

/**
 * The mirroring engine inside the GUI process, on the GUI's own state store (so routes and checkpoints live in
 * the same H2 file as the saved connections). The engine is created and started on first use, on the calling
 * worker thread, so that opening the console never waits for it; closing the window closes it, and every route
 * writes its last checkpoints then. The store belongs to the GUI: it stays open.
 *
 * <p>Clusters put here land in the shared clusters table: sandbox clusters must carry
 * {@link ClusterConnection#SANDBOX} (see {@link MirroringClusters#sandbox}) so that the connection list leaves
 * them out.
 *
 * <p>Threading: every method blocks and belongs on a worker thread; thread-safe. The engine serialises its own
 * changes; this class only guards creating and closing it.
 */
public final class LocalMirroring implements MirroringService {

    private final Supplier<ReplicationStore> store;
    private final EngineSettings settings;
    private final Object lifecycle = new Object();
    /** Guarded by {@link #lifecycle}; null until first use. */
    private ReplicationEngine engine;
    /** Guarded by {@link #lifecycle}; once set, no engine is ever created again. */
    private boolean closed;

    /** @param store asked for on first use (on a worker thread), so it may still be opening when this is built */
    public LocalMirroring(Supplier<ReplicationStore> store, EngineSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LocalMirroring(ReplicationStore store, EngineSettings settings) {
        this(() -> store, settings);
    }

    @Override
    public String describe() {
        return "local engine";
    }

    @Override
    public boolean local() {
        return true;
    }

    /** Creates the cluster, or replaces it only when it differs: replacing restarts every route that uses it. */
    @Override
    public void putCluster(ClusterConnection cluster) {
        run(e -> {
            Optional<ClusterConnection> known = e.cluster(cluster.name());
            if (known.isEmpty()) {
                try {
                    e.createCluster(cluster);
                    return null;
                } catch (ConflictException raced) {
                    known = e.cluster(cluster.name()); // created by another thread meanwhile: update instead
                }
            }
            if (known.isEmpty() || !known.get().equals(cluster)) {
                e.updateCluster(cluster);
            }
            return null;
        });
    }

    @Override
    public List<String> clusterNames() {
        return call(e -> e.clusters().stream().map(ClusterConnection::name).sorted().toList());
    }

    @Override
    public List<RouteDefinition> routes() {
        return call(ReplicationEngine::routes);
    }

    @Override
    public RouteDefinition createRoute(RouteDefinition route) {
        return call(e -> e.createRoute(route));
    }

    @Override
    public RouteDefinition updateRoute(RouteDefinition route) {
        return call(e -> e.updateRoute(route));
    }

    @Override
    public void deleteRoute(String name) {
        run(e -> {
            e.deleteRoute(name);
            return null;
        });
    }

    @Override
    public void pause(String name, boolean paused) {
        run(e -> {
            e.pause(name, paused);
            return null;
        });
    }

    @Override
    public List<RouteStatus> statuses() {
        return call(ReplicationEngine::statuses);
    }

    @Override
    public RouteStatus status(String name) {
        return call(e -> e.status(name));
    }

    @Override
    public List<ReplicationEvent> events(String route, int limit) {
        return call(e -> e.events(route, limit));
    }

    @Override
    public List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
        return call(e -> {
            e.route(route).orElseThrow(() -> new MirroringException("no route named " + route, null));
            return e.history(route, metric, scope, fromMs, toMs);
        });
    }

    @Override
    public TopicComparison compare(String route, String sourceTopic) {
        return call(e -> e.compare(route, sourceTopic));
    }

    @Override
    public RouteGroups groups(String route) {
        return call(e -> {
            e.route(route).orElseThrow(() -> new MirroringException("no route named " + route, null));
            return new RouteGroups(route, e.lastGroupSyncMs(route), e.groupSync(route));
        });
    }

    @Override
    public FailoverReport failover(String route, Duration drain, boolean preview) {
        return call(e -> e.failover(route, drain, preview));
    }

    @Override
    public RouteDefinition failback(String route) {
        return call(e -> e.failback(route));
    }

    /** Stops every route after its last checkpoint. Idempotent; later calls of other methods fail. */
    @Override
    public void close() {
        ReplicationEngine running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = engine;
            engine = null;
        }
        if (running != null) {
            // Outside the lock: closing waits for workers to flush, and nothing else may start meanwhile anyway.
            running.close();
        }
    }

    @Override
    public String toString() {
        return "LocalMirroring";
    }

    /** The engine, created and started on first use. Starting only schedules work, so holding the lock is brief. */
    private ReplicationEngine engine() {
        synchronized (lifecycle) {
            if (closed) {
                throw new MirroringException("the local mirroring engine is closed", null);
            }
            if (engine == null) {
                ReplicationEngine created = new ReplicationEngine(store.get(), settings);
                created.start();
                engine = created;
            }
            return engine;
        }
    }

    private <T> T call(EngineCall<T> action) {
        try {
            return action.apply(engine());
        } catch (MirroringException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MirroringException(Failures.oneLine(e), e);
        }
    }

    private void run(EngineCall<Void> action) {
        call(action);
    }

    @FunctionalInterface
    private interface EngineCall<T> {
        T apply(ReplicationEngine engine);
    }
}
