package io.mirador.ui.page.mirroring.detail;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import atlantafx.base.theme.Styles;
import io.mirador.ui.service.history.Range;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Charts" tab: throughput, lag and record age at copy (p50 and p99, what the engine calls latency) over the
 * last hour, day or week from the engine's history, for the whole route or the selected partition. Redrawn whenever {@link HistoryModel} loads new points.
 * FX thread only.
 */
final class ChartsTab {

    static final String AGE_TITLE = "Record age at copy, p50 / p99: source timestamp → acknowledged (whole route)";
    static final String AGE_HINT = "The time from a record's source timestamp to the target's acknowledgement. For"
            + " records copied as they arrive this is the replication delay; for a backlog (a new route, a catch-up"
            + " after a pause) it is mostly how old the records already were.";

    private final HistoryModel history;
    private final SeriesChart throughput;
    private final SeriesChart lag;
    private final SeriesChart latency;
    private final VBox root;

    ChartsTab(RouteDetailModel model) {
        this.history = model.history();
        ObservableValue<ZoneId> zone = model.time().zoneProperty();
        throughput = new SeriesChart("route-chart-throughput", "Throughput (records/s)", zone,
                v -> RouteSummary.rate(v));
        lag = new SeriesChart("route-chart-lag", "Lag (records)", zone, v -> Formats.count(Math.round(v)));
        // The engine measures source timestamp to target acknowledgement: record age, which is the replication
        // delay only for records copied as they arrive. Say so, rather than call a backlog's age latency.
        latency = new SeriesChart("route-chart-latency", AGE_TITLE, zone, v -> RouteSummary.latency(v));
        latency.hint(AGE_HINT);
        for (SeriesChart chart : List.of(throughput, lag, latency)) {
            VBox.setVgrow(chart, Priority.ALWAYS);
        }

        CheckBox follow = new CheckBox("Selected partition only");
        follow.setId("route-charts-follow");
        follow.selectedProperty().bindBidirectional(model.chartsFollowPartitionProperty());
        Label scope = new Label();
        scope.setId("route-charts-scope");
        scope.getStyleClass().add(Styles.TEXT_MUTED);
        scope.textProperty().bind(Bindings.createStringBinding(() -> scopeText(history.scopeProperty().get()),
                history.scopeProperty()));
        Label problem = new Label();
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(history.problemProperty());
        problem.visibleProperty().bind(history.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, rangeButtons(), follow, scope, problem, spacer);
        bar.setAlignment(Pos.CENTER_LEFT);

        root = new VBox(6, bar, throughput, lag, latency);
        root.getStyleClass().add("route-charts-tab");
        history.dataProperty().addListener((obs, old, now) -> draw(now));
        draw(history.dataProperty().get());
    }

    Node view() {
        return root;
    }

    List<SeriesChart> charts() {
        return List.of(throughput, lag, latency);
    }

    private Node rangeButtons() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        Range[] all = Range.values();
        for (int i = 0; i < all.length; i++) {
            Range range = all[i];
            ToggleButton button = new ToggleButton(range.label());
            button.setId("route-range-" + range.name().toLowerCase(Locale.ROOT));
            button.setUserData(range);
            button.setToggleGroup(group);
            button.setFocusTraversable(false);
            button.getStyleClass().addAll(Styles.SMALL,
                    i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            box.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old); // a click on the selected toggle deselects it; some range is always shown
            } else if (now.getUserData() != history.rangeProperty().get()) {
                history.rangeProperty().set((Range) now.getUserData());
            }
        });
        Runnable select = () -> group.getToggles().stream()
                .filter(t -> t.getUserData() == history.rangeProperty().get()).findFirst()
                .ifPresent(group::selectToggle);
        history.rangeProperty().addListener((obs, old, now) -> select.run());
        select.run();
        return box;
    }

    private void draw(ChartData data) {
        Range range = data == null ? history.rangeProperty().get() : data.range();
        long from = data == null ? -1 : data.fromMs();
        long to = data == null ? -1 : data.toMs();
        throughput.show(range, from, to, data == null ? List.of() : data.throughput());
        lag.show(range, from, to, data == null ? List.of() : data.lag());
        List<ChartSeries> ages = data == null ? List.of() : data.latency();
        latency.show(range, from, to, ages);
        double cap = AgeScale.cap(ages);
        latency.capValues(cap);
        latency.warn(Double.isNaN(cap) ? "" : "Axis capped at " + RouteSummary.latency(cap) + ": a backlog of records"
                + " up to " + AgeScale.age(AgeScale.max(ages)) + " old was copied (their age, not replication delay)");
    }

    private static String scopeText(String scope) {
        return scope == null || HistoryModel.ROUTE_SCOPE.equals(scope) ? "Whole route" : "Partition " + scope;
    }
}
