package io.mirador.ui.page.clusters;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.SaslMechanism;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ConnectionTester;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.Fx;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Clusters page's connection editor, headless, against a real SCRAM cluster and a real H2 state file: a
 * wrong password gets its plain reason while the window keeps responding; the right one is saved, encrypted.
 */
@Tag("integration")
class ConnectionsPageTest {

    private static final Duration UI = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static EmbeddedKafkaCluster secured;
    private static ReplicationStore store;
    private static FxTaskExecutor executor;
    private static Connections connections;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        secured = new EmbeddedKafkaCluster(ClusterSpec.builder("secured")
                .sasl(SaslMechanism.SCRAM_SHA_512)
                .user("alice", "alice-secret-42")
                .build());
        secured.start();
        store = JdbcReplicationStore.open(dir.resolve("state").toString());
        FxToolkit.registerPrimaryStage();
        ClustersPage page = fx(() -> {
            executor = new FxTaskExecutor(new TaskMonitor());
            SandboxService sandbox = new SandboxService(SandboxBackend.none(), executor);
            connections = new Connections(sandbox, ConnectionStore.of(() -> store), executor);
            return new ClustersPage(new ClustersViewModel(sandbox, connections, executor, ConnectionTester::test,
                    question -> true));
        });
        Fx.show(page.view(), 1000, 760);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
        store.close();
        secured.stop();
    }

    @Test
    void wrongPasswordShowsThePlainReasonAndTheWindowKeepsResponding() throws Exception {
        robot.clickOn("#connection-add");
        fillForm("prod-secured", "guessed-wrong");

        AtomicLong worstStallMs = new AtomicLong();
        Thread watchdog = watchFxThread(worstStallMs);
        try {
            robot.clickOn("#connection-test");
            await().atMost(Duration.ofSeconds(12)).until(() -> fx(() -> text("#connection-test-result"))
                    .startsWith("Authentication failed"));
        } finally {
            watchdog.interrupt();
            watchdog.join();
        }

        assertThat(fx(() -> text("#connection-test-result")))
                .matches("Authentication failed for user alice: wrong user name or password \\(\\d+ ms\\)");
        assertThat(worstStallMs.get()).as("longest FX-thread stall while testing, ms").isLessThan(1000);
        robot.clickOn("Cancel");
        assertThat(store.clusters()).isEmpty();
    }

    @Test
    void theRightPasswordIsSavedEncryptedAndListed() throws Exception {
        robot.clickOn("#connection-add");
        fillForm("secured-ok", "alice-secret-42");
        robot.clickOn("#connection-test");
        await().atMost(Duration.ofSeconds(12)).until(() -> fx(() -> text("#connection-test-result"))
                .startsWith("Connected to cluster " + secured.clusterId()));

        robot.clickOn("#connection-save");
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#connection-secured-ok").tryQuery().isPresent()));

        ClusterConnection saved = store.cluster("secured-ok").orElseThrow();
        assertThat(saved.properties().get("sasl.jaas.config")).contains("alice-secret-42");
        byte[] file = Files.readAllBytes(dir.resolve("state.mv.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("alice-secret-42");

        robot.clickOn("#connection-test-secured-ok");
        await().atMost(Duration.ofSeconds(12)).until(() -> fx(() -> robot.lookup("#connection-result-secured-ok")
                .tryQueryAs(Label.class).map(Label::getText).orElse("")).startsWith("✓ connected"));
        assertThat(fx(() -> connections.entry("secured-ok").orElseThrow().available())).isTrue();
    }

    private void fillForm(String name, String password) throws Exception {
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#connection-name").tryQuery().isPresent()));
        onFx(() -> {
            input("#connection-name").setText(name);
            input("#connection-bootstrap").setText(secured.bootstrapServers());
            combo("#connection-protocol").setValue(ConnectionForm.Protocol.SASL_PLAINTEXT);
            combo("#connection-mechanism").setValue(ConnectionForm.Mechanism.SCRAM_SHA_512);
            input("#connection-username").setText("alice");
        });
        robot.clickOn("#connection-password").write(password);
    }

    /** Posts a no-op to the FX thread every 10 ms and records the longest wait for it to run. */
    private static Thread watchFxThread(AtomicLong worstMs) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
                Platform.runLater(ran::countDown);
                try {
                    ran.await();
                    worstMs.accumulateAndGet((System.nanoTime() - posted) / 1_000_000, Math::max);
                    TimeUnit.MILLISECONDS.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-watchdog");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private TextInputControl input(String id) {
        return robot.lookup(id).queryAs(TextInputControl.class);
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
