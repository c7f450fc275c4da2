package io.mirador.ui.control;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;

import atlantafx.base.theme.Styles;
import io.mirador.ui.service.history.HistoryPoint;
import io.mirador.ui.service.history.HistorySeries;
import io.mirador.ui.service.history.Range;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * A metric over time: a line chart of a {@link HistoryChartModel}'s series with Hour / Day / Week toggles. The
 * time axis spans the whole range asked for (not just where points are), with ticks on round times and labels in
 * the zone given, which may change while shown (local time or UTC). Animations are off: points are replaced
 * every refresh, and animating thousands of them costs more than it tells. The point count is bounded by the
 * series' source ({@link io.mirador.ui.service.history.MetricHistoryService}).
 *
 * <p>The owner drives loading through the model ({@link HistoryChartModel#setActive} when its page is shown);
 * this class only draws. FX thread only.
 */
public final class HistoryChart extends VBox {

    private static final String NO_DATA = "No samples yet: Mirador records a point every few seconds while it runs.";

    private final HistoryChartModel model;
    private final ObservableValue<ZoneId> zone;
    private final DoubleFunction<String> valueFormat;
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, values);
    private final XYChart.Series<Number, Number> line = new XYChart.Series<>();
    private final ToggleGroup ranges = new ToggleGroup();
    private final Label empty = new Label(NO_DATA);

    /**
     * @param title       caption above the chart, e.g. "Records in per second"
     * @param zone        zone of the time labels, e.g. the system zone or UTC; followed while shown
     * @param valueFormat labels of the value axis
     */
    public HistoryChart(HistoryChartModel model, ObservableValue<ZoneId> zone, String title,
                        DoubleFunction<String> valueFormat) {
        this.model = Objects.requireNonNull(model, "model");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.valueFormat = Objects.requireNonNull(valueFormat, "valueFormat");
        getStyleClass().add("history-chart");
        setSpacing(4);

        Label caption = new Label(title);
        caption.getStyleClass().add(Styles.TITLE_4);
        Label problem = new Label();
        problem.getStyleClass().addAll(Styles.WARNING, "history-problem");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, caption, problem, spacer, rangeButtons());
        header.setAlignment(Pos.CENTER_LEFT);

        configureChart();
        empty.getStyleClass().addAll(Styles.TEXT_MUTED, "history-empty");
        empty.setMouseTransparent(true);
        StackPane plot = new StackPane(chart, empty);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().addAll(header, plot);

        model.seriesProperty().addListener((obs, old, now) -> draw(now));
        zone.addListener((obs, old, now) -> draw(model.seriesProperty().get()));
        draw(model.seriesProperty().get());
    }

    public HistoryChartModel model() {
        return model;
    }

    /** The chart itself, for tests and for owners that style it. */
    public LineChart<Number, Number> chart() {
        return chart;
    }

    private HBox rangeButtons() {
        List<ToggleButton> buttons = new ArrayList<>();
        Range[] all = Range.values();
        for (int i = 0; i < all.length; i++) {
            Range range = all[i];
            ToggleButton button = new ToggleButton(range.label());
            button.setUserData(range);
            button.setToggleGroup(ranges);
            button.setFocusTraversable(false);
            button.getStyleClass().addAll(Styles.SMALL, "history-range-" + range.name().toLowerCase(java.util.Locale.ROOT),
                    i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            buttons.add(button);
        }
        ranges.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A click on the selected toggle deselects it; a chart always shows some range.
                ranges.selectToggle(old);
            } else if (now.getUserData() != model.range()) {
                model.rangeProperty().set((Range) now.getUserData());
            }
        });
        model.rangeProperty().addListener((obs, old, now) -> selectToggle(now));
        selectToggle(model.range());
        return new HBox(0, buttons.toArray(ToggleButton[]::new));
    }

    private void selectToggle(Range range) {
        ranges.getToggles().stream().filter(t -> t.getUserData() == range).findFirst().ifPresent(ranges::selectToggle);
    }

    private void configureChart() {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(160);
        chart.setPrefHeight(220);
        chart.getData().add(line);
        time.setAnimated(false);
        time.setAutoRanging(false);
        time.setForceZeroInRange(false);
        time.setMinorTickVisible(false);
        values.setAnimated(false);
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        values.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return value == null ? "" : valueFormat.apply(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
    }

    /** Replaces the points and fits the time axis to the series' window, in the current zone. */
    private void draw(HistorySeries series) {
        Range range = series != null ? series.range() : model.range();
        long now = System.currentTimeMillis();
        long to = series != null ? series.toMs() : now;
        long from = series != null ? series.fromMs() : now - range.millis();
        ZoneId z = zone.getValue() == null ? ZoneId.systemDefault() : zone.getValue();
        time.setLowerBound(HistoryChartTime.axisStart(from, range, z));
        time.setUpperBound(to);
        time.setTickUnit(HistoryChartTime.tickMs(range));
        time.setLabel(HistoryChartTime.caption(z));
        // A new converter each time: the axis redraws its labels when the formatter changes, not when the zone does.
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number ms) {
                return ms == null ? "" : HistoryChartTime.label(ms.longValue(), range, z);
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        if (series != null) {
            for (HistoryPoint p : series.points()) {
                data.add(new XYChart.Data<>(p.timestampMs(), p.value()));
            }
        }
        line.getData().setAll(data);
        empty.setVisible(data.isEmpty());
    }
}
