package io.mirador.ui.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.mirador.ui.service.history.HistoryPoint;
import io.mirador.ui.service.history.HistorySeries;
import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.service.history.Range;
import io.mirador.ui.task.DirectTaskExecutor;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The chart on a headless stage. Everything runs on the FX thread; the direct executor makes loads synchronous
 * there, so the FX thread plays both UI thread and worker.
 */
class HistoryChartTest {

    private static final long NOW = 1_700_000_000_000L;
    private static Stage stage;

    private final List<Range> reads = new ArrayList<>();
    private final HistorySource source = new HistorySource() {
        @Override
        public HistorySeries series(String cluster, String metric, String scope, Range range) {
            reads.add(range);
            List<HistoryPoint> points = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                points.add(new HistoryPoint(NOW - range.millis() + i * (range.millis() / 50), i));
            }
            return new HistorySeries(cluster, metric, scope, range, NOW - range.millis(), NOW, points);
        }

        @Override
        public OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge) {
            return OptionalDouble.empty();
        }
    };

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void drawsTheSeriesOverTheWholeWindowAndSwitchesRange() throws Exception {
        SimpleObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneOffset.UTC);
        HistoryChart chart = fx(() -> {
            HistoryChartModel model = new HistoryChartModel(source, new DirectTaskExecutor(), "cluster.in.rate", "");
            HistoryChart c = new HistoryChart(model, zone, "Records in per second", v -> String.format("%.0f", v));
            stage.setScene(new Scene(c, 800, 300));
            stage.show();
            model.clusterProperty().set("local-a");
            model.setActive(true);
            return c;
        });

        NumberAxis time = (NumberAxis) chart.chart().getXAxis();
        assertThat(fx(() -> chart.chart().getData().get(0).getData().size())).isEqualTo(50);
        assertThat(fx(time::getUpperBound)).isEqualTo((double) NOW);
        assertThat(fx(time::getLowerBound)).isLessThanOrEqualTo((double) (NOW - Range.HOUR.millis()));
        assertThat(fx(time::getLabel)).isEqualTo("Time (UTC)");
        assertThat(fx(chart.chart()::getAnimated)).isFalse();

        fx(() -> {
            ToggleButton week = (ToggleButton) chart.lookup(".history-range-week");
            week.fire();
            return null;
        });

        assertThat(reads).containsExactly(Range.HOUR, Range.WEEK);
        assertThat(fx(() -> chart.model().range())).isEqualTo(Range.WEEK);
        assertThat(fx(time::getTickUnit)).isEqualTo((double) Duration.ofDays(1).toMillis());

        fx(() -> {
            // Clicking the selected range again keeps it selected.
            ((ToggleButton) chart.lookup(".history-range-week")).fire();
            zone.set(ZoneId.of("Europe/Paris"));
            return null;
        });
        assertThat(fx(() -> ((ToggleButton) chart.lookup(".history-range-week")).isSelected())).isTrue();
        assertThat(fx(time::getLabel)).isEqualTo("Local time (Europe/Paris)");
        assertThat(reads).containsExactly(Range.HOUR, Range.WEEK);
    }

    @Test
    void aChartThatFollowsAnInlineConditionStillWakesUpAfterAGarbageCollection() throws Exception {
        SimpleObjectProperty<ZoneId> zone = new SimpleObjectProperty<>(ZoneOffset.UTC);
        SimpleObjectProperty<String> cluster = new SimpleObjectProperty<>("local-a");
        SimpleObjectProperty<String> group = new SimpleObjectProperty<>();
        // Built inline as the Consumer groups page does: nothing but the chart refers to the condition, and
        // JavaFX bindings reach it from their dependencies only through weak references.
        HistoryChart chart = fx(() -> HistoryCharts.following(source, new DirectTaskExecutor(), zone, "group.lag",
                "Lag (records)", v -> String.format("%.0f", v), cluster, group,
                cluster.isNotNull().and(group.isNotNull())));
        assertThat(fx(() -> chart.model().isActive())).isFalse();

        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return sentinel.get() == null;
        });
        fx(() -> {
            group.set("readers");
            return null;
        });

        assertThat(fx(() -> chart.model().isActive())).as("the chart woke up when a group was chosen").isTrue();
        assertThat(reads).isNotEmpty().containsOnly(Range.HOUR);
        assertThat(fx(() -> chart.model().seriesProperty().get().scope())).isEqualTo("readers");
        fx(() -> {
            group.set(null);
            return null;
        });
        assertThat(fx(() -> chart.model().isActive())).isFalse();
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
