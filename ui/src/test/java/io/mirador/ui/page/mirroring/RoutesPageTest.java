package io.mirador.ui.page.mirroring;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import atlantafx.base.theme.PrimerLight;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.FakeSandbox;
import io.mirador.ui.testing.Fx;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real Routes page and route editor in a headless stage, over a fake engine and fake clusters, with the real
 * FX executor (so polls and listings really run on workers). Controls are read on the FX thread ({@link Fx#fx});
 * waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class RoutesPageTest {

    private static final Duration UI = Duration.ofSeconds(30);

    private static FxTaskExecutor executor;
    private static FakeMirroringService service;
    private static RoutesViewModel model;
    private static RoutesPage page;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void showPage() throws Exception {
        FxToolkit.registerPrimaryStage();
        executor = new FxTaskExecutor(new TaskMonitor());
        service = new FakeMirroringService();
        service.add(RouteDefinition.of("audit", "local-b", "local-a", "audit"));
        Map<String, List<String>> topics = Map.of(
                "local-a", List.of("__consumer_offsets", "audit", "orders", "orders-dlq", "payments"),
                "local-b", List.of("audit"));
        onFx(() -> {
            // The app's theme, so the page's looked-up colors resolve as in the app.
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Connections connections = new FakeSandbox("local-a", "local-b").runningConnections(executor);
            model = new RoutesViewModel(service, connections, topics::get, executor, question -> true);
            page = new RoutesPage(model);
        });
        Fx.show(page.view(), 1200, 760);
        onFx(page::shown);
        await().atMost(UI).until(() -> fx(() -> model.routes().size()) == 1);
    }

    @AfterAll
    static void hidePage() throws Exception {
        if (page != null) {
            onFx(page::hidden);
        }
        if (executor != null) {
            executor.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void createsARouteThroughTheEditorWithALivePreview() throws Exception {
        assertThat(fx(() -> text("#routes-engine"))).isEqualTo("Routes of the local engine");
        robot.clickOn("#routes-new");
        await().atMost(UI).until(() -> present("#route-editor-name"));
        await().atMost(UI).until(() -> fx(() -> model.routes().size()) == 1);
        assertThat(saveDisabled()).as("no name yet").isTrue();
        assertThat(fx(() -> text("#route-editor-problem"))).isEqualTo("Enter a route name.");

        robot.clickOn("#route-editor-name").write("orders-copy");
        robot.clickOn("#route-editor-include").write("orders.*");
        await().atMost(UI).until(() -> previewSources().equals(List.of("orders", "orders-dlq")));
        assertThat(fx(() -> text("#route-editor-preview-summary"))).isEqualTo("2 of 5 source topics match");

        // A bad exclude pattern: the reason shows and Save stays disabled; fixing it enables Save again.
        robot.clickOn("#route-editor-exclude").write(".*-dlq[");
        await().atMost(UI).until(() -> fx(() -> text("#route-editor-problem"))
                .startsWith("Exclude pattern is not a valid regular expression:"));
        assertThat(saveDisabled()).isTrue();
        robot.type(KeyCode.BACK_SPACE);
        await().atMost(UI).until(() -> previewSources().equals(List.of("orders")));
        assertThat(saveDisabled()).isFalse();

        // Same cluster, same names: refused with the reason until the naming changes.
        onFx(() -> {
            this.<String>combo("#route-editor-target").setValue("local-a");
        });
        assertThat(fx(() -> text("#route-editor-problem"))).startsWith("Source and target are the same cluster");
        assertThat(saveDisabled()).isTrue();
        onFx(() -> {
            this.<RouteNaming>combo("#route-editor-naming").setValue(RouteNaming.PREFIX);
        });
        await().atMost(UI).until(() -> previewTargets().equals(List.of("local-a.orders")));
        onFx(() -> {
            this.<String>combo("#route-editor-target").setValue("local-b");
        });
        assertThat(saveDisabled()).isFalse();

        robot.clickOn("#route-editor-save");

        await().atMost(UI).until(() -> !present("#route-editor-name"));
        await().atMost(UI).until(() -> cell("orders-copy") != null);
        assertThat(service.route("orders-copy")).isEqualTo(new RouteDefinition("orders-copy", "local-a", "local-b",
                List.of(), "orders.*", ".*-dlq", "prefix", null, null, 2, null, null, true, null));
        assertThat(fx(() -> model.selectedRouteProperty().get())).isEqualTo("orders-copy");
        assertThat(fx(() -> text("#routes-notice"))).isEqualTo("Created route orders-copy.");
        await().atMost(UI).until(() -> fx(() -> model.route("orders-copy").orElseThrow().state()).equals("RUNNING"));

        // Pause from the toolbar, then open the detail by double-click.
        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#routes-pause").queryAs(Button.class).isDisabled()));
        robot.clickOn("#routes-pause");
        await().atMost(UI).until(() -> fx(() -> model.route("orders-copy").orElseThrow().state()).equals("PAUSED"));
        assertThat(service.calls()).contains("pause orders-copy");
        robot.doubleClickOn(cell("orders-copy"));
        await().atMost(UI).until(() -> "orders-copy".equals(fx(() -> model.openedRouteProperty().get())));
    }

    private boolean saveDisabled() throws Exception {
        return fx(() -> robot.lookup("#route-editor-save").queryAs(Button.class).isDisabled());
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private List<String> previewSources() throws Exception {
        return fx(() -> ((TableView<PreviewRow>) robot.lookup("#route-editor-preview").queryAs(TableView.class))
                .getItems().stream().map(PreviewRow::source).toList());
    }

    @SuppressWarnings("unchecked")
    private List<String> previewTargets() throws Exception {
        return fx(() -> ((TableView<PreviewRow>) robot.lookup("#route-editor-preview").queryAs(TableView.class))
                .getItems().stream().map(PreviewRow::target).toList());
    }

    private boolean present(String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }

    private Node cell(String text) throws Exception {
        return fx(() -> robot.lookup("#routes-table .table-cell")
                .match((TableCell<?, ?> c) -> text.equals(c.getText())).tryQuery().orElse(null));
    }
}
