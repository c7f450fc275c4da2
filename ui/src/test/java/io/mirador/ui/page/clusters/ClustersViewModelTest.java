package io.mirador.ui.page.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ConnectionResult;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class ClustersViewModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final SandboxService sandbox = new SandboxService(backend, executor);
    private final ConnectionStore store = ConnectionStore.inMemory();
    private final Connections connections = new Connections(sandbox, store, executor);
    private final List<String> questions = new ArrayList<>();
    private final List<String> tested = new ArrayList<>();
    private boolean answer = true;
    private final ClustersViewModel model = new ClustersViewModel(sandbox, connections, executor,
            c -> tested.add(c.name()) && c.bootstrapServers().startsWith("good")
                    ? new ConnectionResult(true, "connected to cluster X with 1 broker", "X", 1, Duration.ofMillis(12))
                    : new ConnectionResult(false, "no broker answers at " + c.bootstrapServers(), null, 0, Duration.ofMillis(30)),
            question -> {
                questions.add(question);
                return answer;
            });

    private ClusterInfo cluster(int index) {
        return model.clusters().get(index);
    }

    @Test
    void listsEveryClusterStoppedAtFirst() {
        assertThat(model.clusters()).extracting(ClusterInfo::name).containsExactly("local-a", "local-b");
        assertThat(model.clusters()).extracting(ClusterInfo::state).containsOnly(ClusterState.STOPPED);
        assertThat(model.summaryProperty().get()).isEqualTo("0 of 2 sandbox clusters running · no saved connections");
        assertThat(model.canStart(cluster(0))).isTrue();
        assertThat(model.canStop(cluster(0))).isFalse();
    }

    @Test
    void followsEachStateChangeInOrder() {
        List<ClusterState> seen = new ArrayList<>();
        model.clusters().addListener((ListChangeListener<ClusterInfo>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(c -> seen.add(c.state()));
            }
        });

        backend.cluster(0).set(ClusterState.STARTING);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.STARTING);
        assertThat(model.canStart(cluster(0))).isFalse();
        assertThat(model.canStop(cluster(0))).isFalse();

        backend.cluster(0).start();

        assertThat(seen).containsExactly(ClusterState.STARTING, ClusterState.STARTING, ClusterState.RUNNING);
        ClusterInfo running = cluster(0);
        assertThat(running.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(running.clusterId()).isEqualTo("id-local-a");
        assertThat(running.brokers()).singleElement()
                .satisfies(b -> assertThat(b.address()).isEqualTo("127.0.0.1:19092"))
                .satisfies(b -> assertThat(b.rack()).isEqualTo("rack-a"));
        assertThat(model.summaryProperty().get()).isEqualTo("1 of 2 sandbox clusters running · no saved connections");
        assertThat(cluster(1).state()).isEqualTo(ClusterState.STOPPED);
    }

    @Test
    void showsWhyAClusterFailed() {
        backend.cluster(1).fail("cluster local-b cannot listen: port 9092 in use");

        assertThat(cluster(1).state()).isEqualTo(ClusterState.FAILED);
        assertThat(cluster(1).failure()).isEqualTo("cluster local-b cannot listen: port 9092 in use");
        assertThat(model.canStart(cluster(1))).as("a failed cluster can be retried").isTrue();
        assertThat(ClustersViewModel.stateText(cluster(1).state())).isEqualTo("Failed");
    }

    @Test
    void startAndStopCommandsReachTheCluster() {
        model.start(cluster(0));
        assertThat(backend.cluster(0).starts).isEqualTo(1);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.RUNNING);

        model.start(cluster(0));
        assertThat(backend.cluster(0).starts).as("start is not offered while running").isEqualTo(1);

        model.stop(cluster(0));
        assertThat(backend.cluster(0).stops).isEqualTo(1);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.STOPPED);
        assertThat(cluster(0).brokers()).isEmpty();
    }

    @Test
    void aFailedStartShowsInTheStatusBar() {
        backend.cluster(0).failStartWith = "cluster local-a failed to start: disk full";

        model.start(cluster(0));

        assertThat(cluster(0).state()).isEqualTo(ClusterState.FAILED);
        assertThat(executor.monitor().lastErrorProperty().get())
                .isEqualTo("Starting cluster local-a failed: cluster local-a failed to start: disk full");
        assertThat(executor.monitor().running()).isEmpty();
    }

    @Test
    void withoutASandboxSaysSo() {
        SandboxService none = new SandboxService(SandboxBackend.none(), executor);
        ClustersViewModel empty = new ClustersViewModel(none, new Connections(none, store, executor), executor,
                c -> null, q -> true);

        assertThat(empty.clusters()).isEmpty();
        assertThat(empty.summaryProperty().get()).contains("without a sandbox");
    }

    @Test
    void savesANewConnectionAndListsItAfterTheSandbox() {
        ConnectionForm form = model.newForm();
        form.nameProperty().set("prod-eu");
        form.bootstrapProperty().set("good-1:9092, good-2:9092");
        form.protocolProperty().set(ConnectionForm.Protocol.SASL_SSL);
        form.mechanismProperty().set(ConnectionForm.Mechanism.SCRAM_SHA_512);
        form.usernameProperty().set("alice");
        form.passwordProperty().set("s3cr\"et");
        form.readOnlyProperty().set(true);

        assertThat(model.save(form, null, () -> { })).isEmpty();

        assertThat(model.connections()).extracting(ConnectionEntry::name).containsExactly("prod-eu");
        assertThat(connections.entries()).extracting(ConnectionEntry::name).containsExactly("local-a", "local-b", "prod-eu");
        ClusterConnection saved = store.load().get(0);
        assertThat(saved.bootstrapServers()).isEqualTo("good-1:9092,good-2:9092");
        assertThat(saved.readOnly()).isTrue();
        assertThat(saved.clientProperties()).doesNotContainKey(ClusterConnection.READ_ONLY)
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(saved.properties().get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"s3cr\\\"et\";");
        assertThat(ClustersViewModel.securityText(saved)).isEqualTo("SASL_SSL · SCRAM-SHA-512").doesNotContain("s3cr");
        assertThat(model.summaryProperty().get()).endsWith("1 saved connection");

        ConnectionForm edit = model.editForm(model.connections().get(0));
        assertThat(edit.usernameProperty().get()).isEqualTo("alice");
        assertThat(edit.passwordProperty().get()).isEqualTo("s3cr\"et");
        assertThat(edit.readOnlyProperty().get()).isTrue();
        assertThat(edit.extraPropertiesProperty().get()).isEmpty();
    }

    @Test
    void refusesInvalidFormsWithTheReason() {
        ConnectionForm form = model.newForm();
        assertThat(form.problemProperty().get()).isEqualTo("Give the connection a name.");
        form.nameProperty().set("x");
        form.bootstrapProperty().set("broker-without-port");
        assertThat(form.problemProperty().get()).isEqualTo("Bootstrap server 'broker-without-port' needs the form host:port.");
        form.bootstrapProperty().set("good:9092");
        form.protocolProperty().set(ConnectionForm.Protocol.SASL_PLAINTEXT);
        assertThat(form.problemProperty().get()).isEqualTo("SASL needs a user name and a password.");
        form.protocolProperty().set(ConnectionForm.Protocol.PLAINTEXT);
        form.extraPropertiesProperty().set("client.id=me\nnot a property");
        assertThat(form.problemProperty().get()).isEqualTo("Extra property line 2 needs the form key=value.");
        assertThat(model.save(form, null, () -> { })).isEqualTo("Extra property line 2 needs the form key=value.");

        form.extraPropertiesProperty().set("");
        form.nameProperty().set("local-a");
        assertThat(model.save(form, null, () -> { })).isEqualTo("A sandbox cluster is already called local-a.");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void testsAConnectionFromTheFormAndFromTheList() {
        ConnectionForm form = model.newForm();
        form.nameProperty().set("bad");
        form.bootstrapProperty().set("nowhere:9092");
        form.testConnection();
        assertThat(form.testPassedProperty().get()).isFalse();
        assertThat(form.testResultProperty().get()).isEqualTo("No broker answers at nowhere:9092 (30 ms)");

        form.bootstrapProperty().set("good:9092");
        form.testConnection();
        assertThat(form.testPassedProperty().get()).isTrue();
        assertThat(form.testingProperty().get()).isFalse();

        model.save(form, null, () -> { });
        model.test(model.connections().get(0));
        assertThat(model.testResults()).containsEntry("bad", "✓ connected to cluster X with 1 broker (12 ms)");
    }

    @Test
    void deletesOnlyAfterTheUserConfirms() {
        ConnectionForm form = model.newForm();
        form.nameProperty().set("dev");
        form.bootstrapProperty().set("good:9092");
        model.save(form, null, () -> { });

        answer = false;
        model.delete(model.connections().get(0));
        assertThat(store.load()).hasSize(1);
        assertThat(questions).singleElement().asString().startsWith("Delete the connection dev?");

        answer = true;
        model.delete(model.connections().get(0));
        assertThat(store.load()).isEmpty();
        assertThat(model.connections()).isEmpty();
    }

    @Test
    void renamesAConnectionWithoutLeavingTheOldName() {
        ConnectionForm form = model.newForm();
        form.nameProperty().set("old");
        form.bootstrapProperty().set("good:9092");
        model.save(form, null, () -> { });

        ConnectionForm edit = model.editForm(model.connections().get(0));
        edit.nameProperty().set("new");
        assertThat(model.save(edit, "old", () -> { })).isEmpty();

        assertThat(store.load()).extracting(ClusterConnection::name).containsExactly("new");
        assertThat(model.connections()).extracting(ConnectionEntry::name).containsExactly("new");
    }

    @Test
    void importsAClientPropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("staging.properties");
        Files.writeString(file, """
                bootstrap.servers=kafka-1:9093
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="bob" password="pw";
                ssl.truststore.location=/etc/kafka/truststore.jks
                ssl.truststore.password=changeit
                client.id=mirador
                """);
        List<ConnectionForm> imported = new ArrayList<>();

        model.importFile(file, imported::add);

        ConnectionForm form = imported.get(0);
        assertThat(form.nameProperty().get()).isEqualTo("staging");
        assertThat(form.protocolProperty().get()).isEqualTo(ConnectionForm.Protocol.SASL_SSL);
        assertThat(form.mechanismProperty().get()).isEqualTo(ConnectionForm.Mechanism.PLAIN);
        assertThat(form.usernameProperty().get()).isEqualTo("bob");
        assertThat(form.truststoreProperty().get()).isEqualTo("/etc/kafka/truststore.jks");
        assertThat(form.extraPropertiesProperty().get()).isEqualTo("client.id=mirador\n");
        assertThat(form.toConnection().properties()).containsEntry("ssl.truststore.password", "changeit")
                .containsEntry("client.id", "mirador").containsEntry("sasl.mechanism", "PLAIN");

        model.importFile(dir.resolve("missing.properties"), imported::add);
        assertThat(model.problemProperty().get()).startsWith("cannot import").endsWith("no such file");
        assertThat(imported).hasSize(1);
    }

    @Test
    void addsAndRestartsSandboxClusters() {
        model.start(cluster(0));
        model.restart(cluster(0));
        assertThat(backend.cluster(0).restarts).isEqualTo(1);
        assertThat(backend.cluster(0).stops).as("not stop then start: stop deletes temporary data").isZero();
        assertThat(backend.cluster(0).starts).isEqualTo(1);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.RUNNING);
        assertThat(cluster(0).clusterId()).isEqualTo("id-local-a");

        model.addSandboxCluster("local-a", 1, null);
        assertThat(model.problemProperty().get()).isEqualTo("a sandbox cluster called local-a exists already");
        model.addSandboxCluster("bad name!", 1, null);
        assertThat(model.problemProperty().get()).contains("bad name!");
        assertThat(model.clusters()).hasSize(2);
    }

    @Test
    void wipingIsASeparateActionTheUserConfirms() {
        model.start(cluster(0));
        assertThat(model.canWipe(cluster(0))).isTrue();

        answer = false;
        model.wipe(cluster(0));
        assertThat(questions).singleElement().asString().startsWith("Wipe local-a? Every topic, record");
        assertThat(backend.cluster(0).stops).isZero();

        answer = true;
        model.wipe(cluster(0));
        assertThat(backend.cluster(0).stops).isEqualTo(1);
        assertThat(backend.cluster(0).starts).isEqualTo(2);
        assertThat(backend.cluster(0).restarts).isZero();
        assertThat(cluster(0).state()).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void aRestartTestsAgainTheConnectionsThatPointAtTheCluster() {
        model.start(cluster(0));
        ConnectionForm near = model.newForm();
        near.nameProperty().set("near");
        near.bootstrapProperty().set("127.0.0.1:19092");
        model.save(near, null, () -> { });
        ConnectionForm far = model.newForm();
        far.nameProperty().set("far");
        far.bootstrapProperty().set("good:9092");
        model.save(far, null, () -> { });
        model.test(model.connections().get(0));
        model.test(model.connections().get(1));
        tested.clear();

        model.restart(cluster(0));

        assertThat(tested).as("only the connection to the restarted cluster, once it runs again").containsExactly("near");
        assertThat(model.testResults()).containsEntry("near", "✗ no broker answers at 127.0.0.1:19092 (30 ms)");
        model.stop(cluster(0));
        assertThat(model.testResults()).containsEntry("near", "Sandbox cluster local-a is stopped: tested again when it runs.")
                .containsEntry("far", "✓ connected to cluster X with 1 broker (12 ms)");
        assertThat(tested).containsExactly("near");
    }
}
