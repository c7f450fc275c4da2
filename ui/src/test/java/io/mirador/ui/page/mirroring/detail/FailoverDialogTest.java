package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.exact;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.group;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.report;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.service.mirroring.RouteGroups;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The route detail's consumer groups tab and the failover flow in a headless stage, on the fake engine with the
 * app's real executor: "Fail over…" opens the dialog, which previews at once; "Fail over now" runs on a worker
 * while the dialog stays responsive; the report and the failback route show; then "Fail back" appears in the
 * detail. Controls are read on the FX thread; waits are Awaitility polls.
 */
@Tag("integration")
class FailoverDialogTest {

    private static final Duration UI = Duration.ofSeconds(20);
    private static final String ROUTE = "orders";

    private static final FakeMirroringService service = new FakeMirroringService();
    private static FxTaskExecutor executor;
    private static RouteDetailModel model;
    private static RouteDetailView view;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        long now = System.currentTimeMillis();
        service.status(route(ROUTE, "RUNNING", List.of(partition("orders", 0, 0, 1000, 988, 50, "RUNNING"))));
        service.route(RouteDefinition.of(ROUTE, "east", "west", "orders"));
        service.groups(new RouteGroups(ROUTE, now - 2_000, List.of(
                group("billing", "SYNCED", now - 2_000, exact("orders", 0, 988, 978), exact("orders", 1, 40, 40)))));
        service.failoverReports(ROUTE,
                report(ROUTE, true, 12, 4.25, null, List.of(group("billing", "SYNCED", now, exact("orders", 0, 988,
                        978)))),
                report(ROUTE, false, 0, 0, "orders-failback", List.of(group("billing", "SYNCED", now,
                        exact("orders", 0, 1000, 990)))));
        FxToolkit.registerPrimaryStage();
        executor = new FxTaskExecutor(new TaskMonitor());
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC));
            view = new RouteDetailView(model, () -> { });
        });
        Fx.show(view.view(), 1200, 720);
        onFx(() -> {
            model.routeProperty().set(ROUTE);
            view.setActive(true);
        });
    }

    @AfterAll
    static void close() throws Exception {
        CountDownLatch gate = service.failoverGate;
        if (gate != null) {
            gate.countDown();
        }
        onFx(() -> view.setActive(false));
        FxToolkit.cleanupStages();
        executor.close();
    }

    @Test
    void previewThenFailOverThenFailBack() throws Exception {
        onFx(() -> view.showTab("Consumer groups"));
        await().atMost(UI).until(() -> fx(() -> view.groupsTable().getItems().size()) == 2);
        assertThat(fx(() -> robot.lookup("#route-groups-last-sync").queryAs(Label.class).getText()))
                .startsWith("Last sync round ").contains(" s ago · ").endsWith("(Z)");
        assertThat(fx(() -> view.groupsTable().getItems().get(0).translationText())).isEqualTo("exact");
        // Same names on both sides: the target partition column would repeat the source one.
        assertThat(fx(() -> view.groupsTable().getColumns().stream().flatMap(c -> c.getColumns().stream())
                .filter(c -> "group-target-partition".equals(c.getId())).findFirst().orElseThrow().isVisible()))
                .isFalse();
        assertThat(fx(() -> robot.lookup("#route-detail-failback").query().isVisible())).isFalse();

        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#route-detail-failover").query().isDisabled()));
        robot.clickOn("#route-detail-failover");

        // The preview runs at once and fills the dialog; nothing has changed yet.
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#failover-headline").tryQuery()
                .map(n -> ((Label) n).getText()).orElse("")).startsWith("12 records are not on west now"));
        TableView<?> partitions = fx(() -> robot.lookup("#failover-partitions").queryTableView());
        assertThat(fx(() -> partitions.getItems().size())).isEqualTo(2);
        assertThat(fx(() -> robot.lookup("#failover-groups").queryTableView().getItems().size())).isEqualTo(1);
        assertThat(service.requests()).contains("failover orders 30 preview").doesNotContain("failover orders 30");
        Button confirm = fx(() -> robot.lookup("#failover-confirm").queryButton());
        assertThat(fx(confirm::isDisabled)).isFalse();

        // Fail over now: it runs on a worker, held here, while the dialog says so and stays responsive.
        service.failoverGate = new CountDownLatch(1);
        robot.clickOn(confirm);
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#failover-busy").query().isVisible()));
        assertThat(fx(() -> robot.lookup("#failover-progress").queryAs(Label.class).getText()))
                .startsWith("Failing over: copying what the source still has (up to 30 s)");
        assertThat(fx(confirm::isDisabled)).isTrue();
        service.failoverGate.countDown();

        await().atMost(UI).until(() -> fx(() -> robot.lookup("#failover-notice").queryAs(Label.class).getText())
                .startsWith("Failed over route orders to west"));
        Label notice = fx(() -> robot.lookup("#failover-notice").queryAs(Label.class));
        assertThat(fx(notice::getText)).contains("failback route orders-failback is ready, paused.");
        assertThat(fx(() -> notice.getStyleClass().contains(Styles.SUCCESS))).isTrue();
        assertThat(fx(() -> robot.lookup("#failover-headline").queryAs(Label.class).getText()))
                .isEqualTo("Nothing lost: west has every record of the source at the failover (RPO 0).");
        assertThat(fx(() -> robot.lookup("#failover-busy").query().isVisible())).isFalse();
        robot.clickOn("#failover-close");

        // The detail reads the engine again: paused, with the reverse route to fail back to.
        Node failBack = fx(() -> robot.lookup("#route-detail-failback").query());
        await().atMost(UI).until(() -> fx(() -> failBack.isVisible() && !failBack.isDisabled()));
        assertThat(fx(() -> robot.lookup("#route-detail-notice").queryAs(Label.class).getText()))
                .startsWith("Failed over route orders to west");
        robot.clickOn(failBack);
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#route-detail-notice").queryAs(Label.class).getText())
                .startsWith("Failing back: route orders-failback copies"));
        assertThat(service.requests()).contains("failback orders");
        await().atMost(UI).until(() -> fx(failBack::isDisabled));
    }
}
