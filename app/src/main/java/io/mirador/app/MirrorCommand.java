package io.mirador.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.config.ConfigException;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mirador mirror}: one route, MirrorMaker style, until SIGINT/SIGTERM. State (checkpoints) lives in an
 * H2 file, so a restart, even after {@code kill -9}, resumes where the last checkpoint left off.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Copy topics from one cluster to another until interrupted.")
final class MirrorCommand implements Callable<Integer> {

    static final String ROUTE = "mirror";

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "BOOTSTRAP", description = "Source bootstrap servers.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "BOOTSTRAP", description = "Target bootstrap servers.")
    String to;

    @Option(names = "--topics", required = true, paramLabel = "REGEX", description = "Source topics to copy.")
    String topics;

    @Option(names = "--naming", paramLabel = "identity|prefix", description = "Target topic names (default: identity).")
    String naming = "identity";

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Prefix for --naming prefix (default: source).")
    String alias;

    @Option(names = "--workers", paramLabel = "N",
            description = "Workers copying in parallel (default: 2).")
    Integer workers;

    @Option(names = "--state", paramLabel = "PATH", description = "H2 state file (default: ./mirador-mirror-state).")
    Path state = Path.of("mirador-mirror-state");

    @Option(names = "--progress-interval", paramLabel = "SECONDS", description = "Seconds between progress lines (default: 10).")
    int progressInterval = 10;

    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "Checkpoint interval; bounds duplicates after a crash (default: 1000).")
    long checkpointIntervalMs = 1000;

    @Override
    public Integer call() throws Exception {
        if (!List.of("identity", "prefix").contains(naming)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--naming must be identity or prefix, not " + naming);
        }
        RouteDefinition route = new RouteDefinition(ROUTE, "source", "target", List.of(), topics, null, naming, null,
                alias, workers, null, null, null, null);
        try {
            RouteConfig.from(route);
        } catch (ConfigException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        EngineSettings defaults = EngineSettings.defaults();
        EngineSettings settings = new EngineSettings(defaults.discoveryIntervalMs(), checkpointIntervalMs,
                defaults.metricsIntervalMs(), defaults.stuckAfterMs(), defaults.overloadFactor());
        try (ReplicationStore store = JdbcReplicationStore.open(state.toAbsolutePath().toString())) {
            ReplicationEngine engine = new ReplicationEngine(store, settings);
            configure(store, route);
            engine.start();
            out.println("mirroring " + topics + " from " + from + " to " + to + " (state " + state + ")");
            out.flush();
            while (!stop.await(progressInterval, TimeUnit.SECONDS)) {
                out.println(progressLine(engine.status(ROUTE)));
                out.flush();
            }
            engine.close();
            out.println("stopped: " + progressLine(engine.status(ROUTE)));
            out.flush();
        }
        return 0;
    }

    /** Stores the two clusters and the route, replacing what an earlier run stored with other arguments. */
    private void configure(ReplicationStore store, RouteDefinition route) {
        store.putCluster(new ClusterConnection("source", from, Map.of()));
        store.putCluster(new ClusterConnection("target", to, Map.of()));
        store.putRoute(route);
    }

    static String progressLine(RouteStatus status) {
        return String.format(Locale.ROOT, "state=%s copied=%d lag=%d records/s=%.0f MB/s=%.2f p99=%sms partitions=%d%s",
                status.state(), status.copiedRecords(), status.lag(), status.recordsPerSecond(),
                status.bytesPerSecond() / 1e6, Double.isNaN(status.latencyP99Ms()) ? "-" : String.format(Locale.ROOT, "%.0f", status.latencyP99Ms()),
                status.partitions().size(), status.error() == null ? "" : " error=" + status.error());
    }
}
