package io.mirador.ui.page.brokers;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaBrokerSource;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.FakeSandbox;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.testing.TestTopics;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Brokers page alone in a headless stage, on a real one-broker cluster reached through a saved connection,
 * with the app's executor. Controls are read on the FX thread ({@link Fx#fx}); waits are Awaitility polls.
 */
@Tag("integration")
class BrokersPageTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final String TOPIC = "ui-disk-usage";

    private static EmbeddedKafkaCluster cluster;
    private static FxTaskExecutor executor;
    private static ClusterClients clients;
    private static BrokersPage page;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openPage() throws Exception {
        cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("brokers-ui").build());
        cluster.start();
        String bootstrap = cluster.bootstrapServers();
        TestTopics.create(bootstrap, new NewTopic(TOPIC, 2, (short) 1));
        TestTopics.produce(bootstrap, 200,
                i -> new ProducerRecord<>(TOPIC, "key-" + i, "some value to take disk space " + i));

        FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            executor = new FxTaskExecutor(new TaskMonitor());
            Connections connections = new Connections(new SandboxService(new FakeSandbox(), executor),
                    ConnectionStore.inMemory(), executor);
            connections.save(new ClusterConnection("brokers-ui", bootstrap), null, failure -> { });
            clients = new ClusterClients(connections);
            page = new BrokersPage(new BrokersViewModel(connections, new KafkaBrokerSource(clients), executor,
                    question -> true));
        });
        Fx.show(page.view(), 1200, 760);
        FxToolkit.setupFixture(page::shown);
    }

    @AfterAll
    static void closePage() throws Exception {
        if (page != null) {
            FxToolkit.setupFixture(page::hidden);
        }
        FxToolkit.cleanupStages();
        if (executor != null) {
            executor.close();
        }
        if (clients != null) {
            clients.close();
        }
        cluster.stop();
    }

    @Test
    void showsBrokerZerosConfigsAndFiltersThem() throws Exception {
        await().atMost(UI).until(() -> configNames().contains("log.dirs"));
        assertThat(fx(() -> robot.lookup("#brokers-broker").queryAs(ComboBox.class).getValue())).isEqualTo(0);
        assertThat(configNames()).contains("num.io.threads", "log.cleaner.threads");
        assertThat(fx(() -> robot.lookup("#brokers-problem").queryLabeled().isVisible())).isFalse();

        robot.clickOn("#broker-config-filter").write("log.dirs");
        await().atMost(UI).untilAsserted(() -> assertThat(configNames()).contains("log.dirs", "cordoned.log.dirs")
                .allMatch(name -> name.contains("log.dirs")).hasSizeLessThan(10));
        assertThat(fx(() -> robot.lookup("#broker-config-status").queryLabeled().getText()))
                .startsWith(configNames().size() + " of ");
        // Selecting the read-only config leaves Edit disabled, and it has no override to reset.
        robot.clickOn(robot.lookup("#broker-configs .table-cell").match(
                (javafx.scene.control.TableCell<?, ?> cell) -> "log.dirs".equals(cell.getText()))
                .queryAs(javafx.scene.control.TableCell.class));
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#broker-config-doc").queryLabeled().getText())
                .startsWith("log.dirs: "));
        assertThat(fx(() -> robot.lookup("#broker-config-edit").query().isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#broker-config-reset").query().isDisabled())).isTrue();

        onFx(() -> {
            robot.lookup("#broker-config-filter").queryAs(TextField.class).clear();
        });
        await().atMost(UI).until(() -> configNames().size() > 100);
    }

    @Test
    void showsTheLogDirWithTheTopicsUsageBiggestFirst() throws Exception {
        robot.clickOn("Log dirs");
        await().atMost(UI).until(() -> !logDirRows().isEmpty());
        LogDirRow dir = logDirRows().get(0);
        assertThat(dir.brokerId()).isZero();
        assertThat(dir.path()).isNotBlank();
        assertThat(dir.status()).isEqualTo("Online");

        await().atMost(UI).until(() -> topicRows().stream().anyMatch(t -> t.topic().equals(TOPIC) && t.bytes() > 0));
        List<TopicUsage> topics = topicRows();
        assertThat(topics).extracting(TopicUsage::bytes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(topics).filteredOn(t -> t.topic().equals(TOPIC)).singleElement()
                .satisfies(t -> assertThat(t.share()).isBetween(0.0, 1.0));
        assertThat(fx(() -> robot.lookup("#broker-logdir-topics .table-cell")
                .queryAll().stream().anyMatch(n -> n instanceof javafx.scene.control.TableCell<?, ?> cell
                        && TOPIC.equals(cell.getText())))).isTrue();
        robot.clickOn("Configs");
    }

    @SuppressWarnings("unchecked")
    private List<String> configNames() throws Exception {
        return fx(() -> ((TableView<ConfigValue>) robot.lookup("#broker-configs").queryAs(TableView.class))
                .getItems().stream().map(ConfigValue::name).toList());
    }

    @SuppressWarnings("unchecked")
    private List<LogDirRow> logDirRows() throws Exception {
        return fx(() -> List.copyOf(robot.lookup("#broker-logdirs").queryAs(TableView.class).getItems()));
    }

    @SuppressWarnings("unchecked")
    private List<TopicUsage> topicRows() throws Exception {
        return fx(() -> List.copyOf(robot.lookup("#broker-logdir-topics").queryAs(TableView.class).getItems()));
    }
}
