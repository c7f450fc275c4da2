package io.mirador.ui.page.mirroring.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import atlantafx.base.theme.Styles;
import io.mirador.ui.service.history.Range;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Side;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A small time chart of one or more named lines ({@link ChartSeries}), drawn from points it is given; unlike
 * {@code io.mirador.ui.control.HistoryChart} it loads nothing itself. The time axis spans the whole window asked
 * for, with ticks on round times of the zone given (followed while shown: local time or UTC). Animations are
 * off: every refresh replaces the points, and animating them costs more than it tells. FX thread only.
 */
final class SeriesChart extends VBox {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);

    private final ObservableValue<ZoneId> zone;
    private final NumberAxis time = new NumberAxis();
    private final NumberAxis values = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(time, values);
    private final Label empty = new Label("No samples yet: the engine records a point every few seconds.");
    private final Label caption;
    private final Label warning = new Label();

    private Range range = Range.HOUR;
    private long fromMs = -1;
    private long toMs = -1;

    SeriesChart(String id, String title, ObservableValue<ZoneId> zone, DoubleFunction<String> valueFormat) {
        this.zone = zone;
        setId(id);
        getStyleClass().add("series-chart");
        setSpacing(2);
        caption = new Label(title);
        caption.setId(id + "-title");
        caption.getStyleClass().add(Styles.TEXT_BOLD);

        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        // On the right: below the axis a legend takes height the three stacked charts do not have.
        chart.setLegendSide(Side.RIGHT);
        chart.setMinHeight(120);
        chart.setPrefHeight(180);
        time.setAnimated(false);
        time.setAutoRanging(false);
        time.setForceZeroInRange(false);
        time.setMinorTickVisible(false);
        values.setAnimated(false);
        values.setForceZeroInRange(true);
        values.setMinorTickVisible(false);
        values.setTickLabelFormatter(converter(v -> valueFormat.apply(v.doubleValue())));

        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setMouseTransparent(true);
        StackPane plot = new StackPane(chart, empty);
        VBox.setVgrow(plot, Priority.ALWAYS);
        // One line at most, shown only when needed: three charts share the tab's height.
        warning.setId(id + "-warning");
        warning.getStyleClass().add(Styles.WARNING);
        warning.setMinHeight(Label.USE_PREF_SIZE);
        warning.visibleProperty().bind(warning.textProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        getChildren().addAll(caption, warning, plot);
        zone.addListener((obs, old, now) -> fitAxis());
        show(Range.HOUR, -1, -1, List.of());
    }

    /** Replaces the lines; {@code fromMs..toMs} is the window the axis spans (negative: the last range to now). */
    void show(Range range, long fromMs, long toMs, List<ChartSeries> lines) {
        this.range = range == null ? Range.HOUR : range;
        this.fromMs = fromMs;
        this.toMs = toMs;
        // Same lines as before (by name): replace their points, so colours stay put between refreshes.
        boolean sameLines = chart.getData().size() == lines.size();
        for (int i = 0; sameLines && i < lines.size(); i++) {
            sameLines = lines.get(i).name().equals(chart.getData().get(i).getName());
        }
        if (!sameLines) {
            List<XYChart.Series<Number, Number>> all = new ArrayList<>();
            for (ChartSeries line : lines) {
                XYChart.Series<Number, Number> series = new XYChart.Series<>();
                series.setName(line.name());
                all.add(series);
            }
            chart.getData().setAll(all);
        }
        int points = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<XYChart.Data<Number, Number>> data = new ArrayList<>();
            for (ChartSeries.Point p : lines.get(i).points()) {
                data.add(new XYChart.Data<>(p.timestampMs(), p.value()));
            }
            points += data.size();
            chart.getData().get(i).getData().setAll(data);
        }
        chart.setLegendVisible(lines.size() > 1);
        empty.setVisible(points == 0);
        fitAxis();
    }

    /** What the chart shows, more than its title says: a tooltip on the title, marked by an info icon. */
    void hint(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        tip.setShowDelay(javafx.util.Duration.millis(200));
        caption.setTooltip(tip);
        caption.setGraphic(new FontIcon(Feather.INFO));
        caption.setContentDisplay(ContentDisplay.RIGHT);
    }

    /** A warning line under the title, e.g. that the axis is capped; empty for none. Its tooltip has all of it. */
    void warn(String text) {
        warning.setText(text == null ? "" : text);
        warning.setTooltip(text == null || text.isEmpty() ? null : new Tooltip(text));
    }

    /**
     * Caps the value axis at {@code max} (points above it are cut off at the top); NaN lets the axis fit every
     * point again.
     */
    void capValues(double max) {
        if (Double.isNaN(max) || max <= 0) {
            values.setAutoRanging(true);
            return;
        }
        values.setAutoRanging(false);
        values.setLowerBound(0);
        values.setUpperBound(max);
        values.setTickUnit(max / 4);
    }

    /** Points drawn over all lines, for tests. */
    int pointCount() {
        return chart.getData().stream().mapToInt(s -> s.getData().size()).sum();
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    private void fitAxis() {
        ZoneId z = zone.getValue() == null ? ZoneId.systemDefault() : zone.getValue();
        long to = toMs < 0 ? System.currentTimeMillis() : toMs;
        long from = fromMs < 0 ? to - range.millis() : fromMs;
        long tick = tickMs(range);
        time.setLowerBound(axisStart(from, tick, z));
        time.setUpperBound(to);
        time.setTickUnit(tick);
        time.setLabel(z.normalized().equals(ZoneOffset.UTC) ? "Time (UTC)" : "Local time (" + z.getId() + ")");
        DateTimeFormatter format = range == Range.WEEK ? DAY : CLOCK;
        // A new converter each time: the axis redraws its labels when the formatter changes, not when the zone does.
        time.setTickLabelFormatter(converter(ms -> format.format(Instant.ofEpochMilli(ms.longValue()).atZone(z))));
    }

    /** 10 minutes for an hour, 3 hours for a day, a day for a week: 6 to 8 labels. */
    static long tickMs(Range range) {
        return switch (range) {
            case HOUR -> 10 * MINUTE;
            case DAY -> 3 * HOUR;
            case WEEK -> 24 * HOUR;
        };
    }

    /** {@code fromMs} rounded down to a tick in {@code zone}, so ticks fall on round local times (14:10, 00:00). */
    static long axisStart(long fromMs, long tick, ZoneId zone) {
        long offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(fromMs)).getTotalSeconds() * 1000L;
        return Math.floorDiv(fromMs + offsetMs, tick) * tick - offsetMs;
    }

    private static StringConverter<Number> converter(java.util.function.Function<Number, String> format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return value == null ? "" : format.apply(value);
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
