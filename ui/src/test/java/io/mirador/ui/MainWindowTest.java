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
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
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
        MiradorApplication.configure(new GuiOptions(new SandboxSpec(List.of("local-a"), 1, null, 0, false, 0)));
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
    void windowIsTitledAndShowsOnlyTheTwoPagesInTheNavigation() throws Exception {
        assertThat(fx(stage::getTitle)).isEqualTo("Mirador");
        assertThat(fx(stage::isShowing)).isTrue();
        assertThat(fx(() -> robot.lookup(".nav-item").queryAll().stream().map(n -> n.getId()).toList()))
                .containsExactly("nav-clusters", "nav-topics");
        assertThat(fx(() -> robot.lookup("#status-bar").tryQuery().isPresent())).isTrue();
    }

    @Test
    void clustersPageShowsTheSandboxClusterRunningWithItsBroker() throws Exception {
        robot.clickOn("#nav-clusters");
        awaitClusterRunning();

        assertThat(fx(() -> robot.lookup("#clusters-summary").queryAs(Label.class).getText()))
                .isEqualTo("1 of 1 cluster running");
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

    private List<String> tableNames() throws Exception {
        return fx(() -> table().getItems().stream().map(TopicSummary::name).toList());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
