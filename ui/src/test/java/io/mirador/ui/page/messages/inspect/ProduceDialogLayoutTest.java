package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import atlantafx.base.theme.PrimerLight;
import io.mirador.cluster.ClusterConnection;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Application;
import javafx.collections.FXCollections;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The produce dialog's layout in a headless window, without Kafka: every field label shows in full, the window is
 * wide enough for the fields, and typing JSON into Value (which shows, then hides, a JSON error line) keeps the Close
 * and Produce buttons inside the window.
 */
class ProduceDialogLayoutTest {

    private static final Duration UI = Duration.ofSeconds(30);

    private static FxTaskExecutor executor;
    private final FxRobot robot = new FxRobot();
    private ProduceDialog dialog;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        executor = new FxTaskExecutor(new TaskMonitor());
        onFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        executor.close();
    }

    @AfterEach
    void hide() throws Exception {
        if (dialog != null) {
            onFx(dialog::close);
        }
    }

    @Test
    void labelsAreWholeAndTheButtonsStayInTheWindowWhileJsonIsTyped() throws Exception {
        FakeRecordSource source = new FakeRecordSource();
        dialog = fx(() -> {
            ProduceForm form = new ProduceForm(FXCollections.observableArrayList(new ConnectionEntry("local-a",
                    ConnectionEntry.Kind.SANDBOX, true, "", new ClusterConnection("local-a", "x:1"))), source, executor,
                    new TimeDisplay(ZoneOffset.UTC)).prefill("local-a", "orders");
            ProduceDialog d = new ProduceDialog(null, form);
            d.show();
            return d;
        });
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#produce-value").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();

        for (String text : List.of("Cluster", "Topic", "Key", "Value", "Partition", "Timestamp", "Send")) {
            Label label = fx(() -> robot.lookup("#produce .label").queryAllAs(Label.class).stream()
                    .filter(l -> text.equals(l.getText())).findFirst().orElseThrow());
            assertThat(fx(() -> label.getWidth())).as("label %s is not cut", text)
                    .isGreaterThanOrEqualTo(fx(() -> label.prefWidth(-1)) - 0.5);
        }
        assertThat(fx(() -> window().getWidth())).as("the window is as wide as the fields ask (the theme caps at 600)")
                .isGreaterThanOrEqualTo(fx(() -> dialog.getDialogPane().getContent().prefWidth(-1)));

        robot.clickOn("#produce-value").write("{");
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#produce-json-error").query().isManaged()));
        WaitForAsyncUtils.waitForFxEvents();
        assertButtonsInside();
        robot.write("\"n\":1}");
        await().atMost(UI).until(() -> fx(() -> !robot.lookup("#produce-json-error").query().isManaged()));
        WaitForAsyncUtils.waitForFxEvents();
        assertButtonsInside();
        assertThat(fx(() -> robot.lookup("#produce-ok").query().isDisabled())).isFalse();
    }

    private void assertButtonsInside() throws Exception {
        for (String id : List.of("#produce-ok", "#produce-close")) {
            Node button = fx(() -> robot.lookup(id).query());
            Bounds onScreen = fx(() -> button.localToScreen(button.getBoundsInLocal()));
            double windowBottom = fx(() -> window().getY() + window().getHeight());
            assertThat(fx(button::isVisible)).as("%s visible", id).isTrue();
            assertThat(onScreen.getMaxY()).as("%s inside the window", id).isLessThanOrEqualTo(windowBottom);
            assertThat(onScreen.getHeight()).as("%s has its height", id).isGreaterThan(10);
        }
    }

    private Window window() {
        return dialog.getDialogPane().getScene().getWindow();
    }
}
