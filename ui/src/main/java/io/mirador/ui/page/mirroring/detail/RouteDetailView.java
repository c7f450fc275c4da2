package io.mirador.ui.page.mirroring.detail;

import java.util.List;
import java.util.Objects;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A mirroring route in detail: a header with the route's name, state and live figures, then tabs for progress
 * per topic and partition, charts over time, the event log and the compare action.
 *
 * <p>The owner sets {@link RouteDetailModel#routeProperty()} and calls {@link #setActive} when the view is shown
 * or hidden; "Back" runs the {@code onBack} hook. FX thread only; all state is the model's.
 */
public final class RouteDetailView {

    private final RouteDetailModel model;
    private final VBox root;
    private final TabPane tabs;
    private final ProgressTab progress;
    private final ChartsTab charts;
    private final GroupsTab groups;

    public RouteDetailView(RouteDetailModel model, Runnable onBack) {
        this.model = Objects.requireNonNull(model, "model");
        Objects.requireNonNull(onBack, "onBack");
        progress = new ProgressTab(model.rows());
        charts = new ChartsTab(model);
        EventsTab events = new EventsTab(model.events(), model.time());
        CompareTab compare = new CompareTab(model.compare());
        groups = new GroupsTab(model.groups(), model.time());

        tabs = new TabPane(
                tab("route-tab-progress", "Progress", Feather.ACTIVITY, progressWithTrends(model)),
                tab("route-tab-charts", "Charts", Feather.TRENDING_UP, charts.view()),
                tab("route-tab-groups", "Consumer groups", Feather.USERS, groups.view()),
                tab("route-tab-events", "Events", Feather.LIST, events.view()),
                tab("route-tab-compare", "Compare", Feather.COLUMNS, compare.view()));
        tabs.setId("route-detail-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        root = new VBox(8, header(onBack), figures(), messages(), tabs);
        root.setId("route-detail");
        root.getStyleClass().add("route-detail");
        root.getStylesheets().add(RouteDetailView.class.getResource("detail.css").toExternalForm());
    }

    public Node view() {
        return root;
    }

    private Node progressWithTrends(RouteDetailModel model) {
        Node tables = progress.view();
        VBox.setVgrow(tables, Priority.ALWAYS);
        return new VBox(8, new TrendStrip(model).view(), tables);
    }

    /** Shown: poll the engine; hidden: stop. */
    public void setActive(boolean active) {
        model.setActive(active);
    }

    public RouteDetailModel model() {
        return model;
    }

    /** Selects a tab by title ("Progress", "Charts", "Consumer groups", "Events", "Compare"); for the owner, tests. */
    public void showTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private Node header(Runnable onBack) {
        Button back = new Button("Back", new FontIcon(Feather.ARROW_LEFT));
        back.setId("route-detail-back");
        back.getStyleClass().add(Styles.FLAT);
        back.setOnAction(e -> onBack.run());

        Label name = new Label();
        name.setId("route-detail-name");
        name.getStyleClass().add(Styles.TITLE_3);
        name.textProperty().bind(model.routeProperty().map(r -> "Route " + r).orElse("No route"));

        Label state = new Label();
        state.setId("route-detail-state");
        model.summaryProperty().addListener((obs, old, now) -> styleState(state, now.state()));
        styleState(state, model.summaryProperty().get().state());

        Label updated = new Label();
        updated.setId("route-detail-updated");
        updated.getStyleClass().add(Styles.TEXT_MUTED);
        TimeDisplay time = model.time();
        // The time only, so the header keeps room for the failover actions; the date and zone are in the tooltip.
        updated.textProperty().bind(Bindings.createStringBinding(() -> model.updatedAtProperty().get() < 0 ? ""
                : "Updated " + timeOfDay(time.format(model.updatedAtProperty().get())), model.updatedAtProperty(),
                time.zoneProperty()));
        updated.tooltipProperty().bind(Bindings.createObjectBinding(() -> model.updatedAtProperty().get() < 0 ? null
                : new Tooltip(time.format(model.updatedAtProperty().get()) + " (" + time.zoneLabel() + ")"),
                model.updatedAtProperty(), time.zoneProperty()));
        updated.setMinWidth(0);

        FailoverActions actions = model.failover();
        Button failOver = new Button("Fail over…", new FontIcon(Feather.LOG_OUT));
        failOver.setId("route-detail-failover");
        failOver.setTooltip(new Tooltip("Previews what the target lacks, then moves consumers to "
                + "the target and stops the route"));
        failOver.disableProperty().bind(actions.canFailOverProperty().not());
        failOver.setOnAction(e -> {
            FailoverModel failover = actions.newFailover();
            if (failover != null) {
                new FailoverDialog(root.getScene() == null ? null : root.getScene().getWindow(), failover,
                        model.time()).show();
            }
        });
        Button failBack = new Button("Fail back", new FontIcon(Feather.CORNER_UP_LEFT));
        failBack.setId("route-detail-failback");
        failBack.tooltipProperty().bind(actions.reverseRouteProperty().map(r -> new Tooltip("Resumes route " + r
                + ": it copies what the target received since the failover back to the source")));
        failBack.visibleProperty().bind(actions.reverseRouteProperty().isNotEmpty());
        failBack.managedProperty().bind(failBack.visibleProperty());
        failBack.disableProperty().bind(actions.canFailBackProperty().not());
        failBack.setOnAction(e -> actions.failBack());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Region r : new Region[] {back, name, state, failOver, failBack}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox header = new HBox(10, back, name, state, spacer, updated, failOver, failBack);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** The live totals as figure boxes: records/s, bytes/s, lag, p99, copied, partitions (stuck in red). */
    private Node figures() {
        ObservableValue<RouteSummary> s = model.summaryProperty();
        HBox box = new HBox(10,
                figure("route-figure-rate", "Records/s", s.map(RouteSummary::recordsPerSecondText)),
                figure("route-figure-bytes", "Bytes/s", s.map(RouteSummary::bytesPerSecondText)),
                figure("route-figure-lag", "Lag", s.map(RouteSummary::lagText)),
                figure("route-figure-p99", "Record age p99", s.map(RouteSummary::latencyP99Text)),
                figure("route-figure-copied", "Copied", s.map(RouteSummary::copiedText)),
                figure("route-figure-partitions", "Partitions", s.map(RouteDetailView::partitionsText)));
        Node partitions = box.getChildren().get(box.getChildren().size() - 1);
        s.addListener((obs, old, now) -> danger(partitions, now.stuckPartitions() > 0));
        return box;
    }

    private Node messages() {
        Label error = new Label();
        error.setId("route-detail-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.summaryProperty().map(s -> s.error() == null ? "" : "Route error: "
                + s.error()));
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label problem = new Label();
        problem.setId("route-detail-problem");
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label notice = PageHeader.notice("route-detail-notice", model.failover().noticeProperty(),
                model.failover().noticeIsErrorProperty());
        notice.setMinHeight(Region.USE_PREF_SIZE); // wraps instead of cutting the failback route's name
        VBox box = new VBox(2, error, problem, notice);
        box.managedProperty().bind(error.visibleProperty().or(problem.visibleProperty())
                .or(notice.visibleProperty()));
        return box;
    }

    private static Node figure(String id, String caption, ObservableValue<String> value) {
        Label v = new Label();
        v.setId(id);
        v.getStyleClass().add("figure-value");
        v.textProperty().bind(value);
        Label c = new Label(caption);
        c.getStyleClass().addAll("figure-caption", Styles.TEXT_MUTED);
        VBox figure = new VBox(0, v, c);
        figure.getStyleClass().add("figure");
        return figure;
    }

    private static void danger(Node figure, boolean on) {
        List<Node> nodes = List.of(figure, ((VBox) figure).getChildren().get(0));
        for (Node n : nodes) {
            n.getStyleClass().remove("danger");
            if (on) {
                n.getStyleClass().add("danger");
            }
        }
    }

    /** "2026-11-25 10:15:30.123" to "10:15:30"; other texts unchanged. */
    static String timeOfDay(String formatted) {
        return formatted.length() >= 19 ? formatted.substring(11, 19) : formatted;
    }

    static String partitionsText(RouteSummary s) {
        return s.stuckPartitions() > 0 ? s.partitions() + " (" + s.stuckPartitions() + " stalled)"
                : String.valueOf(s.partitions());
    }

    private static void styleState(Label state, String value) {
        String text = value == null || value.isEmpty() ? "…" : value;
        state.setText(DetailTables.stateLabel(text));
        state.getStyleClass().setAll("label", "state-badge", DetailTables.stateClass(text));
    }

    private static Tab tab(String id, String title, Feather icon, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        tab.setGraphic(new FontIcon(icon));
        content.getStyleClass().add("route-tab-content");
        return tab;
    }

    /** The progress tab's partitions table; for tests. */
    javafx.scene.control.TableView<io.mirador.replicator.engine.PartitionStatus> partitionsTable() {
        return progress.partitionsTable();
    }

    /** The consumer groups tab's table; for tests. */
    javafx.scene.control.TableView<GroupRow> groupsTable() {
        return groups.table();
    }

    /** The three charts; for tests. */
    List<SeriesChart> charts() {
        return charts.charts();
    }
}
