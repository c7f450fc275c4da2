package io.mirador.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.PartitionLag;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless, on a real one-cluster sandbox shared by every test of the class. Controls are
 * read on the FX thread ({@link #fx}); waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class MainWindowTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration UI = Duration.ofSeconds(20);

    private static Stage stage;
    private static MiradorApplication app;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void openWindow() throws Exception {
        MiradorApplication.configure(new GuiOptions(new SandboxSpec(List.of("local-a"), 1, null, 0, false, 0), null));
        stage = FxToolkit.registerPrimaryStage();
        app = (MiradorApplication) FxToolkit.setupApplication(MiradorApplication.class);
    }

    @AfterAll
    static void closeWindow() throws Exception {
        // Calls MiradorApplication.stop(), which stops the sandbox.
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void windowIsTitledAndShowsItsPagesInTheNavigation() throws Exception {
        assertThat(fx(stage::getTitle)).isEqualTo("Mirador");
        assertThat(fx(stage::isShowing)).isTrue();
        assertThat(fx(() -> robot.lookup(".nav-item").queryAll().stream().map(n -> n.getId()).toList()))
                .containsExactly("nav-clusters", "nav-overview", "nav-brokers", "nav-topics", "nav-messages", "nav-groups",
                        "nav-security", "nav-mirroring");
        assertThat(fx(() -> robot.lookup("#status-bar").tryQuery().isPresent())).isTrue();
    }

    @Test
    void clustersPageShowsTheSandboxClusterRunningWithItsBroker() throws Exception {
        robot.clickOn("#nav-clusters");
        awaitClusterRunning();

        assertThat(fx(() -> robot.lookup("#clusters-summary").queryAs(Label.class).getText()))
                .isEqualTo("1 of 1 sandbox cluster running · no saved connections");
        String bootstrap = app.context().sandbox().bootstrapServers("local-a").orElseThrow();
        assertThat(fx(() -> robot.lookup("#cluster-brokers-local-a").lookup(".label")
                .queryAllAs(Label.class).stream().map(Label::getText).toList()))
                .contains(bootstrap, "broker, controller");
        assertThat(fx(() -> robot.lookup("#cluster-stop-local-a").query().isDisabled())).isFalse();
        assertThat(fx(() -> robot.lookup("#cluster-start-local-a").query().isDisabled())).isTrue();
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#status-task").queryAs(Label.class).getText())
                .equals("Ready"));
    }

    @Test
    void topicsPageListsANewTopicAndFiltersIt() throws Exception {
        awaitClusterRunning();
        String bootstrap = app.context().sandbox().bootstrapServers("local-a").orElseThrow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("ui-orders", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);

            robot.clickOn("#nav-topics");
            assertThat(fx(() -> robot.lookup("#topics-cluster").query().isVisible())).isTrue();
            await().atMost(UI).until(() -> tableNames().contains("ui-orders"));
            TopicSummary orders = fx(() -> table().getItems().stream()
                    .filter(t -> t.name().equals("ui-orders")).findFirst().orElseThrow());
            assertThat(orders.partitions()).isEqualTo(3);
            assertThat(orders.replicationFactor()).isEqualTo(1);

            // Created while the page is open: only the 5 s auto-refresh can bring it in.
            admin.createTopics(List.of(new NewTopic("ui-payments", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            await().atMost(UI).until(() -> tableNames().contains("ui-payments"));
        }

        robot.clickOn("#topics-filter").write("ORDERS");
        await().atMost(UI).until(() -> tableNames().equals(List.of("ui-orders")));

        robot.doubleClickOn("#topics-filter").eraseText(6).write("no-such-topic");
        await().atMost(UI).until(() -> tableNames().isEmpty());

        fx(() -> {
            robot.lookup("#topics-filter").queryAs(TextField.class).clear();
            return null;
        });
        await().atMost(UI).until(() -> tableNames().containsAll(List.of("ui-orders", "ui-payments")));
        assertThat(tableNames()).allMatch(name -> !name.startsWith("__"));
    }

    @Test
    void groupsPageShowsTheLagOfAGroupAndItsPartitions() throws Exception {
        awaitClusterRunning();
        String bootstrap = app.context().sandbox().bootstrapServers("local-a").orElseThrow();
        String topic = "ui-lagging";
        String group = "ui-lagging-group";
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
            }
            producer.flush();
        }
        // Reads all 100 records, then commits the first 30 of each partition: 60 consumed, 40 behind.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(List.of(p0, p1));
            int[] read = {0};
            await().atMost(UI).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(200)).count();
                return read[0] >= 100;
            });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(30), p1, new OffsetAndMetadata(30)));
        }

        robot.clickOn("#nav-groups");
        assertThat(fx(() -> robot.lookup("#groups-cluster").query().isVisible())).isTrue();
        await().atMost(UI).until(() -> groupRow(group) != null && groupRow(group).totalLag() == 40);
        assertThat(groupRow(group).topics()).containsExactly(topic);

        robot.clickOn("#groups-filter").write("LAGGING");
        await().atMost(UI).until(() -> fx(() -> groupsTable().getItems().stream().map(GroupSummary::groupId).toList())
                .equals(List.of(group)));

        robot.clickOn(robot.lookup("#groups-table .table-cell")
                .match((TableCell<?, ?> cell) -> group.equals(cell.getText())).queryAs(TableCell.class));
        await().atMost(UI).until(() -> partitionRows().size() == 2);
        List<PartitionLag> rows = partitionRows();
        assertThat(rows).extracting(PartitionLag::topic).containsOnly(topic);
        assertThat(rows).extracting(PartitionLag::partition).containsExactly(0, 1);
        assertThat(rows.stream().mapToLong(p -> p.lag().orElseThrow()).sum()).isEqualTo(40);
        assertThat(rows.stream().mapToLong(p -> p.committed().orElseThrow()).sum()).isEqualTo(60);
        assertThat(rows.stream().mapToLong(p -> p.end().orElseThrow()).sum()).isEqualTo(100);
        assertThat(fx(() -> robot.lookup("#group-detail-title").queryAs(Label.class).getText())).contains("lag 40");

        fx(() -> {
            robot.lookup("#groups-filter").queryAs(TextField.class).clear();
            return null;
        });
    }

    @Test
    void overviewPageShowsTheBrokerAndTheTopicCount() throws Exception {
        awaitClusterRunning();
        String bootstrap = app.context().sandbox().bootstrapServers("local-a").orElseThrow();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("ui-overview", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        robot.clickOn("#nav-overview");
        assertThat(fx(() -> robot.lookup("#overview-cluster").query().isVisible())).isTrue();
        await().atMost(UI).until(() -> brokerRows().size() == 1);
        BrokerSummary broker = brokerRows().get(0);
        assertThat(broker.id()).isZero();
        assertThat(broker.address()).isEqualTo(bootstrap);
        await().atMost(UI).until(() -> overviewFigure("#overview-topics").matches("[0-9,]+")
                && Integer.parseInt(overviewFigure("#overview-topics").replace(",", "")) >= 1);
        assertThat(overviewFigure("#overview-broker-count")).isEqualTo("1");
        assertThat(overviewFigure("#overview-offline")).isEqualTo("0");
        assertThat(fx(() -> robot.lookup("#overview-offline").query().getStyleClass())).doesNotContain("danger");
        assertThat(overviewFigure("#overview-cluster-id")).isNotEqualTo("–");
    }

    @Test
    void themeToggleSwitchesBetweenLightAndDark() throws Exception {
        String light = new PrimerLight().getUserAgentStylesheet();
        String dark = new PrimerDark().getUserAgentStylesheet();
        assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(light);

        robot.clickOn("#theme-toggle");
        assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(dark);
        assertThat(fx(() -> app.shell().darkProperty().get())).isTrue();

        robot.clickOn("#theme-toggle");
        assertThat(fx(Application::getUserAgentStylesheet)).isEqualTo(light);
    }

    private void awaitClusterRunning() {
        await().atMost(STARTUP).until(() -> app.context() != null
                && fx(() -> app.context().sandbox().cluster("local-a").orElseThrow().running()));
        robot.clickOn("#nav-clusters");
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#cluster-state-local-a").tryQueryAs(Label.class)
                .map(Label::getText).orElse("")).equals("Running"));
    }

    @SuppressWarnings("unchecked")
    private TableView<TopicSummary> table() {
        return robot.lookup("#topics-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<GroupSummary> groupsTable() {
        return robot.lookup("#groups-table").queryAs(TableView.class);
    }

    private GroupSummary groupRow(String group) throws Exception {
        return fx(() -> groupsTable().getItems().stream()
                .filter(g -> g.groupId().equals(group)).findFirst().orElse(null));
    }

    @SuppressWarnings("unchecked")
    private List<PartitionLag> partitionRows() throws Exception {
        return fx(() -> List.copyOf(robot.lookup("#group-partitions").queryAs(TableView.class).getItems()));
    }

    @SuppressWarnings("unchecked")
    private List<BrokerSummary> brokerRows() throws Exception {
        return fx(() -> List.copyOf(robot.lookup("#overview-brokers").queryAs(TableView.class).getItems()));
    }

    private String overviewFigure(String id) throws Exception {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private List<String> tableNames() throws Exception {
        return fx(() -> table().getItems().stream().map(TopicSummary::name).toList());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
