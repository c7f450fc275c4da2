package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.page.messages.inspect.Records.record;
import static io.mirador.ui.page.messages.inspect.Records.utf8;
import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;

import atlantafx.base.theme.PrimerLight;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18: the decoder "Int" on a value that is no 4-byte int showed hex with only a muted note at the bottom of
 * the viewer. The record detail with the app's decoders, in a headless stage: the warning is above the text.
 */
@Tag("integration")
class FormatFallbackViewTest {

    private static final Duration UI = Duration.ofSeconds(30);

    private static FxTaskExecutor executor;
    private static SimpleObjectProperty<KafkaRecord> selected;
    private static RecordDetailPane pane;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void showPane() throws Exception {
        FxToolkit.registerPrimaryStage();
        executor = new FxTaskExecutor(new TaskMonitor());
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            selected = new SimpleObjectProperty<>();
            pane = new RecordDetailPane(selected, new DecoderRenderer(() -> ""), executor,
                    new TimeDisplay(ZoneOffset.UTC));
        });
        Fx.show(pane.view(), 900, 600);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void aChosenNumberFormatThatDoesNotFitIsAWarningAboveTheText() throws Exception {
        onFx(() -> selected.set(record(utf8("k"), new byte[] {1, 2, 3, 4, 5, 6, 7})));
        robot.clickOn("#record-value-tab");
        onFx(() -> pane.model().value().formatProperty().set("Int"));
        await().atMost(UI).until(() -> fx(() -> "Hex".equals(pane.model().value().usedFormatProperty().get())
                && !pane.model().value().loadingProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();

        Label warning = fx(() -> robot.lookup("#record-value-fallback").queryAs(Label.class));
        assertThat(fx(warning::getText)).isEqualTo("Not a 4-byte int (7 bytes): shown as hex");
        assertThat(fx(() -> warning.isVisible() && warning.getHeight() > 0)).as("shown, not collapsed").isTrue();
        assertThat(fx(warning::getStyleClass)).contains("warning", "value-fallback");
        Node text = fx(() -> robot.lookup("#record-value-text").query());
        assertThat(fx(() -> warning.localToScene(0, 0).getY() < text.localToScene(0, 0).getY()))
                .as("above the text, not in the footer").isTrue();
        assertThat(fx(() -> robot.lookup("#record-value-format").query().getPseudoClassStates().stream()
                .anyMatch(p -> p.getPseudoClassName().equals("warning")))).as("the format box is marked").isTrue();

        onFx(() -> selected.set(record(utf8("k"), new byte[] {0, 0, 0, 42})));
        await().atMost(UI).until(() -> fx(() -> "42".equals(pane.model().value().text())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(warning::isVisible)).as("an int is an int").isFalse();
    }
}
