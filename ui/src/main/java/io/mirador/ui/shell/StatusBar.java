package io.mirador.ui.shell;

import atlantafx.base.theme.Styles;
import io.mirador.ui.task.TaskInfo;
import io.mirador.ui.task.TaskMonitor;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Background work at the bottom of the window: the oldest running task with its progress and a count of
 * the others, or "Ready", plus the last failure. Follows the {@link TaskMonitor}, which changes on the FX
 * thread only.
 */
public final class StatusBar extends HBox {

    private final TaskMonitor monitor;
    private final Label task = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label error = new Label();
    private TaskInfo shown;

    public StatusBar(TaskMonitor monitor) {
        this.monitor = monitor;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        task.setId("status-task");
        progress.setId("status-progress");
        progress.setPrefWidth(140);
        progress.getStyleClass().add(Styles.SMALL);
        progress.managedProperty().bind(progress.visibleProperty());
        error.setId("status-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.textProperty().bind(monitor.lastErrorProperty());
        error.visibleProperty().bind(monitor.lastErrorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(progress, task, spacer, error);

        monitor.running().addListener((ListChangeListener<TaskInfo>) change -> update());
        update();
    }

    private void update() {
        TaskInfo first = monitor.running().isEmpty() ? null : monitor.running().get(0);
        if (first == shown && first != null) {
            updateText();
            return;
        }
        shown = first;
        progress.progressProperty().unbind();
        if (first == null) {
            progress.setVisible(false);
            task.textProperty().unbind();
            task.setText("Ready");
            return;
        }
        progress.setVisible(true);
        progress.progressProperty().bind(first.progressProperty());
        updateText();
    }

    private void updateText() {
        int others = monitor.running().size() - 1;
        String suffix = others > 0 ? "  (+" + others + " more)" : "";
        TaskInfo current = shown;
        task.textProperty().bind(current.messageProperty().map(m -> current.title()
                + (m.isEmpty() ? "" : ": " + m) + suffix));
    }
}
