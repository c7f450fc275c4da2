package io.mirador.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.mirador.broker.Sandbox;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import java.util.List;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.mirroring.LocalMirroring;
import io.mirador.ui.service.mirroring.MirroringHandover;
import io.mirador.ui.service.mirroring.RemoteMirroring;
import io.mirador.ui.service.mirroring.RegisteringMirroring;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.history.ClusterSampler;
import io.mirador.ui.service.history.MetricHistoryService;
import javafx.collections.ListChangeListener;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.GroupSource;
import io.mirador.ui.service.KafkaGroupSource;
import io.mirador.ui.service.KafkaOverviewSource;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.service.KafkaTopicSource;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one running GUI, wired once at start. Created on the FX thread; {@link #close()} blocks
 * while the sandbox stops.
 */
public final class AppContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppContext.class);

    private final TaskMonitor monitor = new TaskMonitor();
    private final FxTaskExecutor executor = new FxTaskExecutor(monitor);
    private final TimeDisplay time = new TimeDisplay();
    private final SandboxService sandbox;
    private final CompletableFuture<ReplicationStore> store;
    private volatile String stateProblem = "";
    private final Connections connections;
    private final ClusterClients clients;
    private final TopicSource topics;
    private final GroupSource groups;
    private final OverviewSource overview;
    private final RecordSource records;
    private final RegisteringMirroring.ClusterResolver clusterResolver;
    private final RegisteringMirroring mirroring;
    private final MetricHistoryService history;
    private final ClusterSampler sampler;
    /** Available cluster names for the sampler's thread; rewritten on the FX thread when connections change. */
    private volatile List<String> sampledClusters = List.of();

    private final GuiOptions options;

    AppContext(GuiOptions options) {
        this.options = options;
        SandboxBackend backend = options.sandbox() == null
                ? SandboxBackend.none()
                : SandboxBackend.of(new Sandbox(options.sandbox()));
        this.sandbox = new SandboxService(backend, executor);
        // Opening H2 (and migrating it) is disk work: never on the FX thread. Everything that needs the store runs on
        // worker threads and waits for it there.
        this.store = CompletableFuture.supplyAsync(() -> openStore(options.stateStore()), runnable -> {
            Thread thread = new Thread(runnable, "mirador-state-open");
            thread.setDaemon(true);
            thread.start();
        });
        this.connections = new Connections(sandbox, ConnectionStore.of(this::store), executor);
        this.clients = new ClusterClients(connections);
        this.topics = new KafkaTopicSource(clients);
        this.groups = new KafkaGroupSource(clients);
        this.overview = new KafkaOverviewSource(clients);
        this.records = new KafkaRecordSource(connections, clients);
        this.clusterResolver = new RegisteringMirroring.ClusterResolver() {
            @Override
            public ClusterConnection connection(String name) {
                return connections.connection(name);
            }

            @Override
            public boolean sandbox(String name) {
                return sandbox.bootstrapServers(name).isPresent();
            }
        };
        this.mirroring = new RegisteringMirroring(new LocalMirroring(this::store, EngineSettings.defaults()),
                clusterResolver);
        // A sandbox cluster gets new ports on every start: routes that name it must learn them.
        connections.entries().addListener((ListChangeListener<ConnectionEntry>) change -> {
            while (change.next()) {
                change.getAddedSubList().stream().filter(e -> e.sandbox() && e.available())
                        .forEach(e -> executor.submit("Updating mirroring for " + e.name(), () -> {
                            mirroring.refreshCluster(e.name());
                            return null;
                        }, ok -> { }, failure -> LOG.debug("Cannot update {} for mirroring: {}", e.name(),
                                Messages.oneLine(failure))));
            }
        });
        connections.entries().addListener(
                (ListChangeListener<ConnectionEntry>) change -> sampledClusters = availableClusters());
        sampledClusters = availableClusters();
        this.history = new MetricHistoryService(this::store);
        this.sampler = new ClusterSampler(() -> sampledClusters, clients::client, this::store);
    }

    public TaskMonitor monitor() {
        return monitor;
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    private ReplicationStore openStore(String stateStore) {
        try {
            return JdbcReplicationStore.open(location(stateStore));
        } catch (RuntimeException e) {
            // A locked or damaged state file must not stop the console, and must not be touched either: run on an
            // in-memory store and say so.
            stateProblem = "Saved connections and history are unavailable this time (" + Messages.oneLine(e)
                    + "); changes will not be kept.";
            LOG.warn(stateProblem);
            return JdbcReplicationStore.open("jdbc:h2:mem:");
        }
    }

    private static String location(String stateStore) {
        if (stateStore == null) {
            return "jdbc:h2:mem:";
        }
        if (!stateStore.startsWith("jdbc:")) {
            Path parent = Path.of(stateStore).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create " + parent + ": " + e.getMessage(), e);
            }
        }
        return stateStore;
    }

    public SandboxService sandbox() {
        return sandbox;
    }

    private List<String> availableClusters() {
        return connections.entries().stream().filter(ConnectionEntry::available).map(ConnectionEntry::name).toList();
    }

    /**
     * Whether routes can keep running after the window closes: a headless replicator needs the state in a file it
     * can open once this process lets go of it, and a way to start itself.
     */
    public boolean canHandOverMirroring() {
        String state = options.stateStore();
        return !options.replicatorCommand().isEmpty() && state != null && !state.startsWith("jdbc:h2:mem:")
                && stateProblem.isEmpty();
    }

    /**
     * Stops the in-process engine and the state store, then starts a headless replicator on the same state file;
     * routes that use a sandbox cluster are paused first. Its URL is written beside the state file
     * ({@code <state>.replicator-url}) so that the next start can say where it is. Blocks: worker thread.
     */
    public MirroringHandover.Result handOverMirroring(java.util.Set<String> sandboxClusters) throws java.io.IOException {
        sampler.close();
        Path state = Path.of(options.stateStore().startsWith("jdbc:") ? "mirador-state" : options.stateStore());
        Path log = state.toAbsolutePath().resolveSibling(state.getFileName() + "-replicator.log");
        MirroringHandover.Result result = MirroringHandover.handOver(mirroring, sandboxClusters, () -> {
            mirroring.close();
            store().close();
        }, options.replicatorCommand(), options.stateStore(), log);
        Files.writeString(state.toAbsolutePath().resolveSibling(state.getFileName() + ".replicator-url"),
                result.url() + "\n");
        return result;
    }

    /** Topic in-rates, group lags and cluster rates over time, as the sampler recorded them. */
    public MetricHistoryService history() {
        return history;
    }

    /** Records the history; started once the window shows. */
    public ClusterSampler sampler() {
        return sampler;
    }

    /** Why the state file could not be used, or empty; known once {@link #store()} returned. */
    public String stateProblem() {
        return stateProblem;
    }

    /** The state store, waiting for it to be opened: worker threads only. */
    public ReplicationStore store() {
        return store.join();
    }

    public Connections connections() {
        return connections;
    }

    public TimeDisplay time() {
        return time;
    }

    /** Runs {@code then} on the UI thread with the state problem (empty when none) once the state store is open. */
    public void whenStateOpen(java.util.function.Consumer<String> then) {
        store.whenComplete((opened, failure) -> executor.runOnUi(() -> then.accept(stateProblem)));
    }

    public ClusterClients clients() {
        return clients;
    }

    /** The in-process mirroring engine (routes saved in the state resume when it starts). */
    public RegisteringMirroring mirroring() {
        return mirroring;
    }

    /** A headless replicator driven over REST, told about the console's clusters as routes need them. */
    public RegisteringMirroring remoteMirroring(String url, String token) {
        return new RegisteringMirroring(new RemoteMirroring(url, token), clusterResolver);
    }

    public RecordSource records() {
        return records;
    }

    public TopicSource topics() {
        return topics;
    }

    public GroupSource groups() {
        return groups;
    }

    public OverviewSource overview() {
        return overview;
    }

    /** Stops the sandbox (if still running) and releases clients and threads. Blocks. */
    @Override
    public void close() {
        // First: a round in progress must never use closed clients or a closed store; the engine writes its
        // checkpoints while the store is still open.
        sampler.close();
        mirroring.close();
        clients.close();
        sandbox.shutdownNow();
        executor.close();
        store().close();
    }
}
