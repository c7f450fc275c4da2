package io.mirador.ui.page.groups;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import atlantafx.base.theme.PrimerLight;
import io.mirador.ui.task.DirectTaskExecutor;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reset-offsets dialog in a headless window: its intro, the mode labels, the time zone and the column headers
 * show whole and the time field keeps room for "HH:mm:ss", in the theme the app uses.
 */
class ResetOffsetsDialogLayoutTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        onFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void nothingIsCutAndTheTimeFieldKeepsItsWidth() throws Exception {
        ResetOffsetsDialog dialog = fx(() -> {
            ResetOffsetsViewModel model = new ResetOffsetsViewModel("local-a", "console-consumer-group",
                    List.of("payments", "orders"), new FakeGroupSource(), new DirectTaskExecutor(),
                    ZoneId.of("Etc/UTC"), message -> { });
            model.modeProperty().set(ResetOffsetsViewModel.Mode.TIMESTAMP);
            ResetOffsetsDialog d = new ResetOffsetsDialog(model, null);
            d.show();
            return d;
        });
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#reset-time").tryQuery().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();

        for (Labeled labeled : fx(() -> robot.lookup("#reset-offsets-dialog .label").queryAllAs(Labeled.class))) {
            if (!fx(labeled::isVisible) || fx(() -> labeled.getText() == null || labeled.getText().isEmpty())) {
                continue;
            }
            String text = fx(labeled::getText);
            if (fx(labeled::isWrapText)) {
                assertThat(fx(labeled::getHeight)).as("'%s' has room for its lines", text)
                        .isGreaterThanOrEqualTo(fx(() -> labeled.prefHeight(labeled.getWidth())) - 0.5);
            } else {
                assertThat(fx(labeled::getWidth)).as("'%s' is not cut", text)
                        .isGreaterThanOrEqualTo(fx(() -> labeled.prefWidth(-1)) - 0.5);
            }
        }
        for (String id : List.of("#reset-mode-timestamp", "#reset-mode-earliest", "#reset-mode-shift")) {
            Labeled radio = fx(() -> robot.lookup(id).queryAs(Labeled.class));
            assertThat(fx(radio::getWidth)).as("%s is not cut", id).isGreaterThanOrEqualTo(fx(() -> radio.prefWidth(-1)) - 0.5);
        }
        TextField time = fx(() -> robot.lookup("#reset-time").queryAs(TextField.class));
        assertThat(fx(time::getWidth)).as("the time field keeps room for HH:mm:ss").isGreaterThanOrEqualTo(89.5);
        TableView<?> table = fx(() -> robot.lookup("#reset-preview-table").queryAs(TableView.class));
        double columns = fx(() -> table.getColumns().stream().mapToDouble(TableColumn::getWidth).sum());
        assertThat(columns).as("every column header fits").isLessThanOrEqualTo(fx(table::getWidth));
        for (TableColumn<?, ?> column : fx(() -> List.copyOf(table.getColumns()))) {
            Label header = new Label(column.getText());
            double wanted = fx(() -> {
                header.getStyleClass().add("label");
                new javafx.scene.Scene(new javafx.scene.Group(header));
                header.applyCss();
                return header.prefWidth(-1);
            });
            assertThat(fx(column::getWidth)).as("header '%s' is whole", column.getText()).isGreaterThan(wanted + 16);
        }
        assertThat(fx(() -> dialog.getDialogPane().getWidth())).isGreaterThanOrEqualTo(fx(() -> {
            Region pane = dialog.getDialogPane();
            return Math.min(pane.prefWidth(-1), 700);
        }) - 0.5);
        onFx(dialog::close);
    }
}
