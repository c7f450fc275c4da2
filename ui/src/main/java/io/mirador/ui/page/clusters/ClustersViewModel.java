package io.mirador.ui.page.clusters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.mirador.broker.BrokerInfo;
import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ClientProperties;
import io.mirador.cluster.connect.ConnectionResult;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Clusters page: the sandbox clusters (start, stop, restart, add) and the saved
 * connections to other clusters (add, import, edit, test, delete). Lives on the UI thread: everything it
 * exposes changes there, because {@link SandboxService} and {@link Connections} re-post their changes through
 * the task executor.
 */
public final class ClustersViewModel {

    private final SandboxService sandbox;
    private final Connections connections;
    private final TaskExecutor executor;
    private final Function<ClusterConnection, ConnectionResult> tester;
    private final Predicate<String> confirm;
    private final StringBinding summary;
    private final FilteredList<ConnectionEntry> external;
    private final ObservableMap<String, String> testResults = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    /** Broker addresses per sandbox cluster while it last ran, to find the connections that point at it. */
    private final Map<String, Set<String>> lastAddresses = new HashMap<>();

    /**
     * @param tester  blocking connection test, run on a worker thread
     * @param confirm asks the user a yes/no question (the text is the question); true means go ahead
     */
    public ClustersViewModel(SandboxService sandbox, Connections connections, TaskExecutor executor,
                             Function<ClusterConnection, ConnectionResult> tester, Predicate<String> confirm) {
        this.sandbox = sandbox;
        this.connections = connections;
        this.executor = executor;
        this.tester = tester;
        this.confirm = confirm;
        ObservableList<ClusterInfo> clusters = sandbox.clusters();
        this.summary = Bindings.createStringBinding(() -> summaryOf(clusters, connections.entries()), clusters,
                connections.entries());
        this.external = new FilteredList<>(connections.entries(), e -> !e.sandbox());
        clusters.addListener((ListChangeListener<ClusterInfo>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::retestConnectionsTo);
            }
        });
    }

    /**
     * A test answer about a sandbox cluster's address is stale once that cluster leaves RUNNING: it is replaced by
     * a note at once and the connection is tested again when the cluster runs again, so a card never keeps saying
     * "connected" about a cluster that went away.
     */
    private void retestConnectionsTo(ClusterInfo cluster) {
        Set<String> addresses = new HashSet<>(cluster.brokers().stream().map(BrokerInfo::address).toList());
        Set<String> before = lastAddresses.getOrDefault(cluster.name(), Set.of());
        addresses.addAll(before);
        if (cluster.running()) {
            lastAddresses.put(cluster.name(), Set.copyOf(cluster.brokers().stream().map(BrokerInfo::address).toList()));
        }
        if (addresses.isEmpty()) {
            return;
        }
        String stale = "Sandbox cluster " + cluster.name() + " is " + stateText(cluster.state()).toLowerCase(Locale.ROOT)
                .replace("…", "") + ": tested again when it runs.";
        for (ConnectionEntry entry : List.copyOf(external)) {
            boolean shown = testResults.containsKey(entry.name());
            boolean same = Arrays.stream(entry.bootstrapServers().split(",")).map(String::trim).anyMatch(addresses::contains);
            if (shown && same) {
                if (cluster.running()) {
                    test(entry);
                } else {
                    testResults.put(entry.name(), stale);
                }
            }
        }
    }

    /** One immutable entry per sandbox cluster; an entry is replaced whenever its cluster changes state. */
    public ObservableList<ClusterInfo> clusters() {
        return sandbox.clusters();
    }

    /** The saved connections to clusters outside the sandbox, by name. */
    public ObservableList<ConnectionEntry> connections() {
        return external;
    }

    /** The last "Test" answer per saved connection name. */
    public ObservableMap<String, String> testResults() {
        return testResults;
    }

    /** The last failed action's one-line reason; empty after a success. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** E.g. "1 of 2 sandbox clusters running · 3 connections", or why there is nothing to show. */
    public StringBinding summaryProperty() {
        return summary;
    }

    public boolean canStart(ClusterInfo cluster) {
        return SandboxService.canStart(cluster);
    }

    public boolean canStop(ClusterInfo cluster) {
        return SandboxService.canStop(cluster);
    }

    public boolean canRestart(ClusterInfo cluster) {
        return SandboxService.canRestart(cluster);
    }

    public void start(ClusterInfo cluster) {
        if (canStart(cluster)) {
            sandbox.start(cluster.name());
        }
    }

    public void stop(ClusterInfo cluster) {
        if (canStop(cluster)) {
            sandbox.stop(cluster.name());
        }
    }

    /** Restarts on the same data and address. */
    public void restart(ClusterInfo cluster) {
        if (canRestart(cluster)) {
            sandbox.restart(cluster.name());
        }
    }

    public boolean canWipe(ClusterInfo cluster) {
        return SandboxService.canWipe(cluster);
    }

    /** Deletes a temporary cluster's data and starts it empty, after the user confirms. */
    public void wipe(ClusterInfo cluster) {
        if (canWipe(cluster) && confirm.test("Wipe " + cluster.name() + "? Every topic, record and consumer group"
                + " of it is deleted and it starts empty, with a new cluster id.")) {
            sandbox.wipe(cluster.name());
        }
    }

    /** Adds and starts a sandbox cluster; {@code dataDir} null for temporary data. */
    public void addSandboxCluster(String name, int brokers, Path dataDir) {
        problem.set("");
        sandbox.add(name.trim(), brokers, dataDir, this::failed);
    }

    /** An empty form for a new connection. */
    public ConnectionForm newForm() {
        return new ConnectionForm(executor, tester);
    }

    /** A form filled with a saved connection, to edit it. */
    public ConnectionForm editForm(ConnectionEntry entry) {
        ConnectionForm form = newForm();
        form.load(entry.connection());
        return form;
    }

    /** Reads a Kafka client properties file off the UI thread, then hands a filled form to {@code then}. */
    public void importFile(Path file, java.util.function.Consumer<ConnectionForm> then) {
        problem.set("");
        executor.submit("Importing " + file.getFileName(), () -> ClientProperties.fromPropertiesFile(file), imported -> {
            ConnectionForm form = newForm();
            form.load(imported);
            then.accept(form);
        }, this::failed);
    }

    /**
     * Saves the form as a connection, replacing {@code previousName} (null for a new one); {@code onSaved} runs
     * once it is stored. Returns why it cannot be saved, or empty when saving started.
     */
    public String save(ConnectionForm form, String previousName, Runnable onSaved) {
        ClusterConnection connection;
        try {
            connection = form.toConnection();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String why = connections.checkName(connection, previousName);
        if (!why.isEmpty()) {
            return why;
        }
        problem.set("");
        connections.save(connection, previousName, failure -> {
            if (failure == null) {
                testResults.remove(connection.name());
                onSaved.run();
            } else {
                failed(failure);
            }
        });
        return "";
    }

    /** Tests a saved connection; the answer lands in {@link #testResults()}. */
    public void test(ConnectionEntry entry) {
        testResults.put(entry.name(), "Testing…");
        executor.submit("Testing connection " + entry.name(), () -> tester.apply(entry.connection()),
                result -> testResults.put(entry.name(), (result.ok() ? "✓ " : "✗ ") + result.reason()
                        + " (" + result.elapsed().toMillis() + " ms)"),
                failure -> testResults.put(entry.name(), "✗ " + Messages.oneLine(failure)));
    }

    /** Forgets a saved connection after the user confirms. */
    public void delete(ConnectionEntry entry) {
        if (!confirm.test("Delete the connection " + entry.name() + "? Its settings and saved credentials are removed.")) {
            return;
        }
        problem.set("");
        connections.delete(entry.name(), failure -> {
            if (failure != null) {
                failed(failure);
            } else {
                testResults.remove(entry.name());
            }
        });
    }

    private void failed(Throwable failure) {
        problem.set(Messages.oneLine(failure));
    }

    public static String stateText(ClusterState state) {
        return switch (state) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting…";
            case RUNNING -> "Running";
            case STOPPING -> "Stopping…";
            case FAILED -> "Failed";
        };
    }

    /** The KRaft controller node; unknown before the first start, when no controller was ever elected. */
    public static String controllerText(ClusterInfo cluster) {
        return cluster.clusterId() == null ? "–" : "node " + cluster.controllerId();
    }

    /** How a connection authenticates, in a few words, e.g. "SASL_SSL · SCRAM-SHA-512 as alice". Never a secret. */
    public static String securityText(ClusterConnection connection) {
        String protocol = connection.properties().getOrDefault("security.protocol", "PLAINTEXT");
        String mechanism = connection.properties().get("sasl.mechanism");
        return mechanism == null ? protocol : protocol + " · " + mechanism;
    }

    private static String summaryOf(ObservableList<ClusterInfo> clusters, ObservableList<ConnectionEntry> entries) {
        long saved = entries.stream().filter(e -> !e.sandbox()).count();
        String connectionsText = saved == 0 ? "no saved connections"
                : saved + (saved == 1 ? " saved connection" : " saved connections");
        if (clusters.isEmpty()) {
            return "No sandbox clusters: Mirador was started without a sandbox · " + connectionsText;
        }
        long running = clusters.stream().filter(ClusterInfo::running).count();
        return running + " of " + clusters.size() + (clusters.size() == 1 ? " sandbox cluster" : " sandbox clusters")
                + " running · " + connectionsText;
    }
}
