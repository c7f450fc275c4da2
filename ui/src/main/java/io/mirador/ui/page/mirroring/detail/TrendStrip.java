package io.mirador.ui.page.mirroring.detail;

import java.time.ZoneId;
import java.util.List;

import io.mirador.ui.util.Formats;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Throughput and lag side by side above the progress tables, drawn from the same history as the Charts tab, so
 * the first view of a route shows both how far each partition is and how the copy went over time. FX thread.
 */
final class TrendStrip {

    private final SeriesChart throughput;
    private final SeriesChart lag;
    private final HBox root;

    TrendStrip(RouteDetailModel model) {
        ObservableValue<ZoneId> zone = model.time().zoneProperty();
        throughput = new SeriesChart("route-trend-throughput", "Throughput (records/s)", zone, RouteSummary::rate);
        lag = new SeriesChart("route-trend-lag", "Lag (records)", zone, v -> Formats.count(Math.round(v)));
        for (SeriesChart chart : List.of(throughput, lag)) {
            chart.setPrefHeight(170);
            chart.setMinHeight(150);
            HBox.setHgrow(chart, Priority.ALWAYS);
        }
        root = new HBox(12, throughput, lag);
        root.setId("route-trends");
        model.history().dataProperty().addListener((obs, old, now) -> draw(now));
        draw(model.history().dataProperty().get());
    }

    Node view() {
        return root;
    }

    private void draw(ChartData data) {
        if (data == null) {
            return;
        }
        throughput.show(data.range(), data.fromMs(), data.toMs(), data.throughput());
        lag.show(data.range(), data.fromMs(), data.toMs(), data.lag());
    }
}
