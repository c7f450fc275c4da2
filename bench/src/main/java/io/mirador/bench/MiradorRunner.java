package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;

/**
 * Mirador's engine in-process, as the app runs it: an H2 state store on a temp path, the two clusters, one
 * route with the given workers and provenance header setting, engine defaults otherwise (checkpoints every
 * second). The default route has the default worker count and the provenance header on; other settings are
 * there to show what each costs against the raw pipe (one consumer, one producer, records copied as they are).
 * Each run uses a fresh store and the prefix naming policy with a per-round alias, so it copies into a new
 * target topic {@code mirador-r<round>.<topic>} from offset 0.
 */
final class MiradorRunner implements Contender {

    /** What a route gets when it names no worker count. */
    static final int WORKERS = io.mirador.replicator.route.RouteConfig.WORKERS_DEFAULT;

    private final int workers;
    private final boolean provenance;
    private final String source;
    private final String target;
    private final Backlog backlog;
    private final TargetWatch watch;

    MiradorRunner(String source, String target, Backlog backlog, TargetWatch watch) {
        this(source, target, backlog, watch, WORKERS, true);
    }

    MiradorRunner(String source, String target, Backlog backlog, TargetWatch watch, int workers, boolean provenance) {
        this.workers = workers;
        this.provenance = provenance;
        this.source = source;
        this.target = target;
        this.backlog = backlog;
        this.watch = watch;
    }

    @Override
    public String name() {
        return "Mirador engine (" + workers + (workers == 1 ? " worker" : " workers")
                + (provenance ? ")" : ", no provenance header)");
    }

    @Override
    public CopyTime copy(int round) throws Exception {
        String alias = "mirador-w" + workers + (provenance ? "p" : "") + "-r" + round;
        String targetTopic = alias + "." + backlog.topic();
        Path dir = Files.createTempDirectory("mirador-bench-state-");
        try (JdbcReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString())) {
            ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
            CopyTime elapsed;
            try {
                // start() first: it starts the routes already stored; createRoute then starts the new one exactly once.
                engine.start();
                engine.createCluster(new ClusterConnection("src", source));
                engine.createCluster(new ClusterConnection("dst", target));
                long start = System.nanoTime();
                engine.createRoute(route(alias, java.util.regex.Pattern.quote(backlog.topic()), workers, provenance));
                long first = watch.await(targetTopic, backlog.records(), 600_000);
                elapsed = CopyTime.since(start, first);
            } finally {
                engine.close();
            }
            watch.delete(targetTopic);
            return elapsed;
        } finally {
            deleteQuietly(dir);
        }
    }

    static RouteDefinition route(String alias, String include) {
        return route(alias, include, WORKERS, true);
    }

    static RouteDefinition route(String alias, String include, int workers, boolean provenance) {
        return new RouteDefinition("bench", "src", "dst", List.of(), include, null, "prefix", null, alias,
                workers, null, null, provenance, null);
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // A temp directory left behind is harmless.
        }
    }
}
