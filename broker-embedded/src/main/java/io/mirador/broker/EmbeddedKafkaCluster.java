package io.mirador.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole Apache Kafka cluster inside this JVM, in KRaft mode, built on Kafka's own {@link KafkaRaftServer}
 * and storage {@link Formatter}: real brokers on real loopback sockets.
 *
 * <p>Threading: {@link #start()} and {@link #stop()} block and are serialised on this object; the getters
 * may be called from any thread. State listeners run on the thread that changes the state.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterSpec spec;
    private final List<Consumer<ClusterState>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterState state = ClusterState.STOPPED;
    private volatile String clusterId;
    private volatile List<BrokerInfo> brokers = List.of();
    private volatile String failure;
    /** The node servers by node id; an entry is null while that broker is stopped on its own. */
    private List<KafkaRaftServer> nodes = List.of();
    /** Each node's configuration, kept so that a single stopped broker can start again as it was. */
    private List<KafkaConfig> nodeConfigs = List.of();
    /** PLAINTEXT inter-broker addresses of a secured cluster (loopback, trusted); empty when plain. */
    private volatile List<String> internalAddresses = List.of();
    private boolean formattedNow;
    private DataDirectory data;
    private boolean temporaryData;
    /** The ports of the last start, in {@link #choosePorts} order, which {@link #restart()} binds again. */
    private List<Integer> lastPorts = List.of();
    /** Stops the cluster if the JVM exits while it runs (SIGTERM to the GUI), so ports and temp data are freed. */
    private Thread exitHook;

    public EmbeddedKafkaCluster(ClusterSpec spec) {
        this.spec = spec;
    }

    public String name() {
        return spec.name();
    }

    public ClusterSpec spec() {
        return spec;
    }

    public ClusterState state() {
        return state;
    }

    /** Why the last start failed, when the state is FAILED. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The cluster id once started (kept after stop), or null before the first start. */
    public String clusterId() {
        return clusterId;
    }

    /** Brokers of the running cluster; empty unless RUNNING. */
    public List<BrokerInfo> brokers() {
        return state == ClusterState.RUNNING ? brokers : List.of();
    }

    public int controllerId() {
        return NodeConfigs.CONTROLLER_NODE;
    }

    /** {@code host:port,...} of every broker; only meaningful while RUNNING. */
    public String bootstrapServers() {
        return String.join(",", brokers.stream().map(BrokerInfo::address).toList());
    }

    /**
     * Kafka client properties that log {@code user} in on the client listener with the first configured SASL
     * mechanism: {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} (which holds the
     * password: never log the result). Add {@link #bootstrapServers()}. Fails with a {@link SandboxException}
     * on a plain cluster or for an unknown user.
     */
    public Map<String, String> clientProperties(String user) {
        requireSecured();
        return clientProperties(user, spec.saslMechanisms().iterator().next());
    }

    /** Like {@link #clientProperties(String)} with the given mechanism, which the cluster must offer. */
    public Map<String, String> clientProperties(String user, SaslMechanism mechanism) {
        requireSecured();
        if (!spec.saslMechanisms().contains(mechanism)) {
            throw new SandboxException("cluster " + spec.name() + " does not offer SASL mechanism "
                    + mechanism.kafkaName() + ": it offers " + spec.saslMechanisms());
        }
        String password = spec.password(user).orElseThrow(() -> new SandboxException(
                "cluster " + spec.name() + " has no user " + user + ": its users are " + spec.userNames()));
        return NodeConfigs.clientSecurity(mechanism, user, password);
    }

    /**
     * Client properties for any user name and password, known or not (to show what a failed log-in looks like).
     * Works on a plain cluster too, although its listener then refuses SASL.
     */
    public static Map<String, String> clientProperties(SaslMechanism mechanism, String user, String password) {
        return NodeConfigs.clientSecurity(mechanism, user, password);
    }

    private void requireSecured() {
        if (!spec.secured()) {
            throw new SandboxException("cluster " + spec.name() + " is not secured: clients need only "
                    + "bootstrap.servers");
        }
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(data).map(DataDirectory::root);
    }

    public void addStateListener(Consumer<ClusterState> listener) {
        listeners.add(listener);
    }

    public void removeStateListener(Consumer<ClusterState> listener) {
        listeners.remove(listener);
    }

    /**
     * Formats storage when new, starts every node and returns once all brokers are registered and unfenced.
     * On failure every started node is stopped again and a {@link SandboxException} says why in one line.
     */
    public synchronized void start() {
        start(List.of());
    }

    /**
     * Stops the nodes and starts them again on the same data and the same ports, so clients and mirroring routes
     * that know the address keep working. Unlike {@link #stop()} then {@link #start()}, a temporary data directory
     * survives (topics, records, offsets and the cluster id are kept): it is deleted only by {@link #stop()}. If
     * another process took a port meanwhile, free ports are chosen instead. A stopped or failed cluster just starts.
     */
    public synchronized void restart() {
        List<Integer> ports = lastPorts;
        if (state == ClusterState.RUNNING) {
            setState(ClusterState.STOPPING);
            removeExitHook();
            shutdownNodes();
            setState(ClusterState.STOPPED);
        }
        start(ports);
    }

    private void start(List<Integer> previousPorts) {
        if (state == ClusterState.RUNNING) {
            return;
        }
        failure = null;
        setState(ClusterState.STARTING);
        try {
            KafkaExitGuard.install();
            prepareDataDirectory();
            List<Integer> ports = choosePorts(previousPorts);
            lastPorts = List.copyOf(ports);
            List<Integer> brokerPorts = new ArrayList<>(ports.subList(0, spec.brokers()));
            int controllerPort = ports.get(spec.brokers());
            List<Integer> internalPorts = List.copyOf(ports.subList(spec.brokers() + 1, ports.size()));
            internalAddresses = internalPorts.stream().map(port -> Ports.HOST + ":" + port).toList();
            formattedNow = false;
            List<KafkaConfig> configs = new ArrayList<>();
            for (int nodeId : NodeConfigs.nodeIds(spec.brokers())) {
                Properties props = NodeConfigs.forNode(spec, data, nodeId, brokerPorts, internalPorts, controllerPort);
                KafkaConfig config = new KafkaConfig(props, false);
                formatIfNew(config, nodeId);
                configs.add(config);
            }
            List<BrokerInfo> infos = new ArrayList<>();
            for (int nodeId : NodeConfigs.nodeIds(spec.brokers())) {
                infos.add(new BrokerInfo(nodeId, Ports.HOST, brokerPorts.get(nodeId),
                        spec.brokerOverrides().get("broker.rack"), nodeId == NodeConfigs.CONTROLLER_NODE));
            }
            brokers = List.copyOf(infos);
            nodeConfigs = List.copyOf(configs);
            startNodes(configs);
            awaitBrokersReady();
            ensureScramUsers();
            exitHook = new Thread(this::stop, "mirador-exit-" + spec.name());
            Runtime.getRuntime().addShutdownHook(exitHook);
            setState(ClusterState.RUNNING);
            LOG.info("Cluster {} ({}) running at {}", spec.name(), clusterId, bootstrapServers());
        } catch (RuntimeException e) {
            SandboxException clear = explain(e);
            failure = clear.getMessage();
            shutdownNodes();
            deleteTemporaryData();
            setState(ClusterState.FAILED);
            throw clear;
        }
    }

    /** Stops brokers, then the controller, waits for their threads and frees their ports. Idempotent. */
    public synchronized void stop() {
        if (state == ClusterState.STOPPED || state == ClusterState.FAILED) {
            return;
        }
        setState(ClusterState.STOPPING);
        removeExitHook();
        shutdownNodes();
        deleteTemporaryData();
        setState(ClusterState.STOPPED);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops one broker of a running cluster with a controlled shutdown, as an operator restarting it would:
     * its partitions' leadership moves to other in-sync replicas, the rest of the cluster keeps running. The
     * cluster's state stays RUNNING. Node 0 also hosts the single KRaft controller, so it cannot be stopped on
     * its own: use {@link #stop()}.
     */
    public synchronized void stopBroker(int nodeId) {
        KafkaRaftServer server = runningNode(nodeId);
        nodes.set(nodeId, null);
        shutdownQuietly(server);
        LOG.info("Broker {} of cluster {} stopped", nodeId, spec.name());
    }

    /** Starts a broker stopped by {@link #stopBroker} with its data and port; returns once it is registered. */
    public synchronized void startBroker(int nodeId) {
        requireBrokerNode(nodeId);
        if (nodes.get(nodeId) != null) {
            return;
        }
        KafkaRaftServer server = new KafkaRaftServer(nodeConfigs.get(nodeId), Time.SYSTEM);
        nodes.set(nodeId, server);
        try {
            server.startup();
        } catch (RuntimeException e) {
            nodes.set(nodeId, null);
            shutdownQuietly(server);
            throw new SandboxException("broker " + nodeId + " of cluster " + spec.name() + " failed to start: "
                    + firstLine(DataDirectory.reason(e)), e);
        }
        awaitBrokers(visible -> visible.stream().anyMatch(n -> n.id() == nodeId),
                "broker " + nodeId + " of cluster " + spec.name());
        LOG.info("Broker {} of cluster {} started again", nodeId, spec.name());
    }

    /** Whether a node of a running cluster is up: false once {@link #stopBroker} stopped it, or when stopped. */
    public synchronized boolean isBrokerRunning(int nodeId) {
        return state == ClusterState.RUNNING && nodeId >= 0 && nodeId < nodes.size() && nodes.get(nodeId) != null;
    }

    private KafkaRaftServer runningNode(int nodeId) {
        requireBrokerNode(nodeId);
        KafkaRaftServer server = nodes.get(nodeId);
        if (server == null) {
            throw new SandboxException("broker " + nodeId + " of cluster " + spec.name() + " is already stopped");
        }
        return server;
    }

    private void requireBrokerNode(int nodeId) {
        if (state != ClusterState.RUNNING) {
            throw new SandboxException("cluster " + spec.name() + " is not running");
        }
        if (nodeId == NodeConfigs.CONTROLLER_NODE) {
            throw new SandboxException("node " + nodeId + " of cluster " + spec.name()
                    + " is also its controller and stops only with the whole cluster: use stop()");
        }
        if (nodeId < 0 || nodeId >= nodes.size()) {
            throw new SandboxException("cluster " + spec.name() + " has no broker " + nodeId + ": its nodes are 0 to "
                    + (nodes.size() - 1));
        }
    }

    private void removeExitHook() {
        if (exitHook == null || Thread.currentThread() == exitHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting; the hook runs or has run.
        }
        exitHook = null;
    }

    private void prepareDataDirectory() {
        Path root = spec.dataDir().orElse(null);
        boolean keptTemporary = root == null && temporaryData && data != null && Files.isDirectory(data.root());
        temporaryData = root == null;
        if (keptTemporary) {
            // A restart: stop() deletes the temporary directory, so one that still exists is this cluster's data.
            root = data.root();
        } else if (temporaryData) {
            try {
                root = Files.createTempDirectory("mirador-" + spec.name() + "-");
            } catch (IOException e) {
                throw new SandboxException("cannot create a temporary data directory: " + DataDirectory.reason(e), e);
            }
        }
        data = new DataDirectory(root);
        data.ensureWritable();
        String onDisk = null;
        for (int nodeId : NodeConfigs.nodeIds(spec.brokers())) {
            Optional<String> existing = data.existingClusterId(nodeId);
            if (existing.isPresent() && onDisk != null && !onDisk.equals(existing.get())) {
                throw new SandboxException("data directory " + root + " mixes clusters " + onDisk + " and "
                        + existing.get() + ": use an empty directory");
            }
            onDisk = existing.orElse(onDisk);
        }
        String wanted = spec.clusterId().orElse(null);
        if (onDisk != null && wanted != null && !onDisk.equals(wanted)) {
            throw new SandboxException("data directory " + root + " belongs to cluster id " + onDisk
                    + ", not " + wanted + ": use another data directory or that cluster id");
        }
        clusterId = onDisk != null ? onDisk : wanted != null ? wanted : Uuid.randomUuid().toString();
    }

    private List<Integer> choosePorts(List<Integer> previous) {
        // Client ports, the controller port, then (secured only) the brokers' inter-broker ports.
        int count = spec.brokers() + 1 + (spec.secured() ? spec.brokers() : 0);
        if (spec.portBase() == 0 && previous.size() == count) {
            if (previous.stream().allMatch(Ports::isFree)) {
                return new ArrayList<>(previous);
            }
            LOG.warn("Cluster {}: a port of {} was taken while it restarted; choosing free ones", spec.name(), previous);
        }
        if (spec.portBase() == 0) {
            return new ArrayList<>(Ports.free(count));
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int port = spec.portBase() + i;
            Ports.requireFree(port);
            ports.add(port);
        }
        return ports;
    }

    private void formatIfNew(KafkaConfig config, int nodeId) {
        if (data.existingClusterId(nodeId).isPresent()) {
            return;
        }
        boolean controller = nodeId == NodeConfigs.CONTROLLER_NODE;
        formattedNow |= controller;
        try {
            Formatter formatter = new Formatter();
            if (controller) {
                // SCRAM credentials go into the bootstrap metadata the controller writes; never logged.
                List<String> scram = NodeConfigs.scramArguments(spec);
                if (!scram.isEmpty()) {
                    formatter.setScramArguments(scram);
                }
            }
            formatter
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(data.nodeDir(nodeId).toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(NodeConfigs.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setWriteBootstrapSnapshot(controller)
                    .run();
        } catch (Exception e) {
            throw new SandboxException("cannot format " + data.nodeDir(nodeId) + ": " + DataDirectory.reason(e), e);
        }
    }

    private void startNodes(List<KafkaConfig> configs) {
        List<KafkaRaftServer> servers = new ArrayList<>();
        for (KafkaConfig config : configs) {
            servers.add(new KafkaRaftServer(config, Time.SYSTEM));
        }
        nodes = new ArrayList<>(servers);
        // Brokers wait for the controller while starting, so all nodes start at once.
        List<CompletableFuture<Void>> started = servers.stream()
                .map(server -> CompletableFuture.runAsync(server::startup, daemonExecutor("start")))
                .toList();
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw asRuntime(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new SandboxException("cluster " + spec.name() + " did not start within " + READY_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting cluster " + spec.name(), e);
        }
    }

    /** Bootstrap servers for the cluster's own use: the trusted inter-broker listener when secured. */
    private String internalBootstrapServers() {
        return internalAddresses.isEmpty() ? bootstrapServers() : String.join(",", internalAddresses);
    }

    /**
     * Storage formatted earlier (a persistent data directory) keeps the SCRAM users of that time: upsert the
     * spec's users so that added users and changed passwords apply. Fresh storage already has them.
     */
    private void ensureScramUsers() {
        List<String> scram = NodeConfigs.scramArguments(spec);
        if (scram.isEmpty() || formattedNow) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (SaslMechanism m : spec.saslMechanisms()) {
            if (!m.isScram()) {
                continue;
            }
            ScramMechanism mechanism = ScramMechanism.fromMechanismName(m.kafkaName());
            for (String user : spec.userNames()) {
                upserts.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 8192),
                        spec.password(user).orElseThrow()));
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000))) {
            admin.alterUserScramCredentials(upserts).all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new SandboxException("cluster " + spec.name() + " started but its users could not be updated: "
                    + cause.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while updating the users of cluster " + spec.name(), e);
        }
    }

    private void awaitBrokersReady() {
        awaitBrokers(nodes -> nodes.size() >= spec.brokers(), "brokers of cluster " + spec.name());
    }

    private void awaitBrokers(Predicate<Collection<Node>> ready,
                              String what) {
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    if (ready.test(admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get())) {
                        return;
                    }
                } catch (ExecutionException e) {
                    LOG.debug("Cluster {} not ready yet: {}", spec.name(), e.getCause().toString());
                }
                if (System.nanoTime() > deadline) {
                    throw new SandboxException(what + " did not register within "
                            + READY_TIMEOUT.toSeconds() + " s");
                }
                // Polling an in-process broker that is still registering: nothing to wait on but time.
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting cluster " + spec.name(), e);
        }
    }

    private void shutdownNodes() {
        List<KafkaRaftServer> current = nodes;
        nodes = List.of();
        if (current.isEmpty()) {
            return;
        }
        // Brokers first, in parallel, while the controller still answers their controlled shutdown.
        List<CompletableFuture<Void>> brokersDown = current.subList(1, current.size()).stream()
                .filter(Objects::nonNull)
                .map(server -> CompletableFuture.runAsync(() -> shutdownQuietly(server), daemonExecutor("stop")))
                .toList();
        brokersDown.forEach(CompletableFuture::join);
        shutdownQuietly(current.get(0));
    }

    private void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("A node of cluster {} did not shut down cleanly: {}", spec.name(), e.toString());
        }
    }

    private void deleteTemporaryData() {
        if (!temporaryData || data == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(data.root())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete temporary data {}: {}", data.root(), e.toString());
        }
    }

    private void setState(ClusterState next) {
        state = next;
        for (Consumer<ClusterState> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A state listener of cluster {} failed", spec.name(), e);
            }
        }
    }

    private SandboxException explain(RuntimeException e) {
        if (e instanceof SandboxException clear) {
            return clear;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof BindException || message.contains("Address already in use")
                    || message.contains("failed to bind")) {
                return new SandboxException("cluster " + spec.name() + " cannot listen: " + firstLine(message)
                        + " (a port is already in use; choose another port base)", e);
            }
        }
        return new SandboxException("cluster " + spec.name() + " failed to start: " + firstLine(DataDirectory.reason(e)), e);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static RuntimeException asRuntime(Throwable t) {
        return t instanceof RuntimeException r ? r : new RuntimeException(t);
    }

    private java.util.concurrent.Executor daemonExecutor(String verb) {
        return task -> {
            Thread thread = new Thread(task, "mirador-" + verb + "-" + spec.name());
            thread.setDaemon(true);
            thread.start();
        };
    }
}
