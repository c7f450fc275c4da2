package io.mirador.ui.control;

import java.time.ZoneId;
import java.util.function.DoubleFunction;

import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.value.ObservableValue;

/**
 * Builds a {@link HistoryChart} that follows a page's selection: the cluster and scope (topic, group) it charts
 * track the given values, and it loads only while {@code active} is true, so a hidden chart costs nothing.
 * FX thread.
 */
public final class HistoryCharts {

    private HistoryCharts() {
    }

    public static HistoryChart following(HistorySource history, TaskExecutor executor, ObservableValue<ZoneId> zone,
                                         String metric, String title, DoubleFunction<String> format,
                                         ObservableValue<String> cluster, ObservableValue<String> scope,
                                         ObservableValue<Boolean> active) {
        HistoryChartModel model = new HistoryChartModel(history, executor, metric, "");
        model.clusterProperty().bind(cluster);
        model.scopeProperty().bind(scope.map(s -> s).orElse(""));
        model.activeWhile(active);
        return new HistoryChart(model, zone, title, format);
    }
}
