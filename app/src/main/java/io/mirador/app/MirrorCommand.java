package io.mirador.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterErrors;
import io.mirador.cluster.ClusterException;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mirador mirror}: one route, MirrorMaker style, until SIGINT/SIGTERM. State (checkpoints) lives in an
 * H2 file, so a restart, even after {@code kill -9}, resumes where the last checkpoint left off.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
        description = "Copy topics from one cluster to another until interrupted.")
final class MirrorCommand implements Callable<Integer> {

    static final String ROUTE = "mirror";
    /** How long each cluster gets to answer before the engine starts: the engine itself would retry silently. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

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

    @Option(names = "--on-data-loss", paramLabel = "continue|stop",
            description = "When the source deleted records before they were copied (always reported): continue from"
                    + " its first record (default) or stop that partition.")
    String onDataLoss;

    @Option(names = "--no-sync-groups", negatable = false, description = "Do not translate consumer groups' offsets "
            + "to the target (by default every 5 s, for groups with no members on the target).")
    boolean noSyncGroups;

    @Option(names = "--groups", paramLabel = "REGEX", description = "Consumer groups whose offsets are synced "
            + "(default: all).")
    String groupsInclude;

    @Option(names = "--groups-exclude", paramLabel = "REGEX", description = "Consumer groups never synced (default: "
            + "console-consumer-.*|connect-.*|__.*).")
    String groupsExclude;

    @Option(names = "--exactly-once",
            description = "Copy with Kafka transactions: a read_committed reader of the target sees every record exactly"
                    + " once, also after a crash; the target keeps where to resume (topic mirador.offsets).")
    boolean exactlyOnce;

    @Option(names = "--workers", paramLabel = "N",
            description = "Workers copying in parallel (default: 2).")
    Integer workers;

    @Option(names = "--rate", paramLabel = "RATE", converter = RateOption.Converter.class,
            description = "Upper bound on the copy: records/s (5000/s), bytes/s (10MB/s, 512KiB/s) or both"
                    + " (5000/s,10MB/s). Default: no limit.")
    RateOption rate;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties file for both clusters (security.protocol, sasl.*, ssl.*).")
    Path commandConfig;

    @Option(names = {"-X", "--property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property for both clusters; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--source-config", paramLabel = "FILE", description = "Kafka client properties file for the source.")
    Path sourceConfig;

    @Option(names = {"-S", "--source-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property for the source; repeatable; wins over the options for both.")
    Map<String, String> sourceProperties = new LinkedHashMap<>();

    @Option(names = "--target-config", paramLabel = "FILE", description = "Kafka client properties file for the target.")
    Path targetConfig;

    @Option(names = {"-T", "--target-property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property for the target; repeatable; wins over the options for both.")
    Map<String, String> targetProperties = new LinkedHashMap<>();

    @Option(names = "--state", paramLabel = "PATH",
            description = "H2 state file (default: ~/.mirador/mirror-<hash of --from, --to and --topics>).")
    Path state;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", description = "Seconds between progress lines (default: 10).")
    int progressInterval = 10;

    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS", description = "Checkpoint interval; bounds duplicates after a crash (default: 1000).")
    long checkpointIntervalMs = 1000;

    @Override
    public Integer call() throws Exception {
        if (!List.of("identity", "prefix").contains(naming)) {
            throw new ParameterException(spec.commandLine(), "--naming must be identity or prefix, not " + naming);
        }
        RouteDefinition route = new RouteDefinition(ROUTE, "source", "target", List.of(), topics, null, naming, null,
                alias, workers, rate == null ? null : rate.bytesPerSecond(),
                rate == null ? null : rate.recordsPerSecond(), null, null, onDataLoss)
                .withGroupSync(noSyncGroups ? Boolean.FALSE : null, groupsInclude, groupsExclude)
                .withExactlyOnce(exactlyOnce ? Boolean.TRUE : null);
        try {
            RouteConfig.from(route);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ClusterConnection source = side("source", "--from", from, sourceConfig, "--source-config", sourceProperties);
        ClusterConnection target = side("target", "--to", to, targetConfig, "--target-config", targetProperties);
        Path statePath = (state != null ? state : defaultState(from, to, topics)).toAbsolutePath();
        // An existing state is checked first: a damaged one is the news, whatever the clusters say. A new one is
        // created only once both clusters answered and differ, so that a refused run leaves no state behind.
        ReplicationStore existing = Files.exists(statePath.resolveSibling(statePath.getFileName() + ".mv.db"))
                ? JdbcReplicationStore.open(statePath.toString()) : null;
        try {
            String sourceId = clusterId(source, "--from");
            String targetId = clusterId(target, "--to");
            if (sourceId.equals(targetId) && naming.equals("identity")) {
                throw new ParameterException(spec.commandLine(), "--from " + from + " and --to " + to
                        + " are the same Kafka cluster (id " + sourceId + "): every topic would be copied onto itself;"
                        + " choose another --to or --naming prefix");
            }
        } catch (RuntimeException e) {
            if (existing != null) {
                existing.close();
            }
            throw e;
        }
        if (existing == null) {
            Files.createDirectories(statePath.getParent());
        }

        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        EngineSettings defaults = EngineSettings.defaults();
        EngineSettings settings = new EngineSettings(defaults.discoveryIntervalMs(), checkpointIntervalMs,
                defaults.metricsIntervalMs(), defaults.stuckAfterMs(), defaults.overloadFactor());
        try (ReplicationStore store = existing != null ? existing : JdbcReplicationStore.open(statePath.toString())) {
            ReplicationEngine engine = new ReplicationEngine(store, settings);
            configure(store, source, target, route);
            engine.start();
            out.println("mirroring " + topics + " from " + from + " to " + to + " (state " + statePath + ")");
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

    /**
     * One side's connection, named "source" or "target" in the engine's messages. Client properties in layers,
     * later ones winning: {@code --command-config}, {@code -X}, then the side's own file and properties.
     */
    private ClusterConnection side(String name, String option, String bootstrap, Path config, String configOption,
                                   Map<String, String> own) {
        Map<String, String> props = new LinkedHashMap<>(ConnectionOptions.readConfig(spec, "--command-config", commandConfig));
        props.putAll(properties);
        props.putAll(ConnectionOptions.readConfig(spec, configOption, config));
        props.putAll(own);
        return ConnectionOptions.checked(spec, new ClusterConnection(name, bootstrap, props),
                " of the " + name + " cluster (" + option + ")");
    }

    /**
     * The cluster's id, asked before the engine starts, whose planner would retry an unreachable cluster in
     * silence: a failure ends the command (exit 1) with one line naming the side and why.
     */
    private static String clusterId(ClusterConnection cluster, String option) {
        try (ClusterClient client = new ClusterClient(cluster, REACH_TIMEOUT)) {
            return client.await(client.admin().describeCluster().clusterId(), "describe the cluster");
        } catch (ClusterException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof java.util.concurrent.TimeoutException
                    ? "no answer within " + REACH_TIMEOUT.toSeconds() + " s"
                    : cause != null ? ClusterErrors.reason(cluster, cause) : e.getMessage();
            throw new ClusterException("cannot reach the " + cluster.name() + " cluster (" + option + " "
                    + cluster.bootstrapServers() + "): " + reason, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // The client could not even be built (a trust store that cannot be read, say): the root cause says why.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ClusterException("cannot connect to the " + cluster.name() + " cluster (" + option + " "
                    + cluster.bootstrapServers() + "): " + ClusterErrors.reason(cluster, root), e);
        }
    }

    /**
     * Where a run keeps its checkpoints when {@code --state} is not given: one file per user and per copy (the
     * same --from, --to and --topics resume where they stopped; other ones never share checkpoints).
     */
    static Path defaultState(String from, String to, String topics) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((from + "|" + to + "|" + topics).getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest, 0, 6);
            return Path.of(System.getProperty("user.home"), ".mirador", "mirror-" + hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Stores the two clusters and the route, replacing what an earlier run stored with other arguments. */
    private static void configure(ReplicationStore store, ClusterConnection source, ClusterConnection target,
                                  RouteDefinition route) {
        store.putCluster(source);
        store.putCluster(target);
        store.putRoute(route);
    }

    static String progressLine(RouteStatus status) {
        return String.format(Locale.ROOT, "state=%s copied=%d lag=%d records/s=%.0f MB/s=%.2f p99=%sms partitions=%d%s",
                status.state(), status.copiedRecords(), status.lag(), status.recordsPerSecond(),
                status.bytesPerSecond() / 1e6, Double.isNaN(status.latencyP99Ms()) ? "-" : String.format(Locale.ROOT, "%.0f", status.latencyP99Ms()),
                status.partitions().size(), status.error() == null ? "" : " error=" + status.error());
    }
}
