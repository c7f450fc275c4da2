package io.mirador.ui.page.overview;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import atlantafx.base.theme.Styles;
import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.ui.control.Columns;
import io.mirador.ui.control.HistoryChart;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.page.Page;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Read-only summary of one cluster: id, version, cluster-wide counts, total in and out rates, the in-rate over
 * the last hour, day or week, and its brokers.
 */
public final class OverviewPage implements Page {

    private static final String NONE = "–";

    private final OverviewViewModel model;
    private final BorderPane root = new BorderPane();

    public OverviewPage(OverviewViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void shown() {
        model.setActive(true);
    }

    @Override
    public void hidden() {
        model.setActive(false);
    }

    private void build() {
        root.setId("overview-page");
        root.getStyleClass().add("overview-page");
        root.getStylesheets().add(OverviewPage.class.getResource("overview.css").toExternalForm());

        Label title = PageHeader.title("Overview");
        ComboBox<String> cluster = PageHeader.clusterChooser("overview", model.clusterNames(),
                model.selectedClusterProperty());
        Button refresh = PageHeader.refresh("overview", model::refresh);
        HBox toolbar = PageHeader.toolbar("overview-toolbar", 12, cluster, PageHeader.spacer(Priority.ALWAYS),
                PageHeader.busy(model.loadingProperty()), refresh);
        Label problem = PageHeader.problem("overview", model.problemProperty());

        FlowPane figures = new FlowPane(12, 12,
                figure("overview-cluster-id", "Cluster id", ClusterSummary::clusterId),
                figure("overview-version", "Kafka version", s -> OverviewViewModel.version(s.version())),
                count("overview-broker-count", "Brokers", s -> s.brokers().size(), false),
                figure("overview-controller", "Active controller",
                        s -> s.controllerId() < 0 ? "–" : "node " + s.controllerId()),
                count("overview-topics", "Topics", ClusterSummary::topics, false),
                count("overview-partitions", "Partitions", ClusterSummary::partitions, false),
                count("overview-under-replicated", "Under-replicated", ClusterSummary::underReplicatedPartitions,
                        true),
                count("overview-offline", "Offline", ClusterSummary::offlinePartitions, true),
                rate("overview-in-rate", "In (all topics)", model.inRateProperty()),
                rate("overview-out-rate", "Out (committed by groups)", model.outRateProperty()));
        figures.getStyleClass().add("overview-figures");

        root.setTop(new VBox(12, title, toolbar, problem, figures));

        ToggleButton utc = new ToggleButton("UTC");
        utc.setId("overview-utc");
        utc.getStyleClass().add(Styles.SMALL);
        utc.setFocusTraversable(false);
        utc.selectedProperty().bindBidirectional(model.utcProperty());
        HistoryChart chart = new HistoryChart(model.inRateChart(), model.timeZone(), "Records in per second",
                v -> OverviewViewModel.rate(v).replace(" rec/s", ""));
        chart.setId("overview-in-chart");
        HBox.setHgrow(chart, Priority.ALWAYS);
        HBox chartRow = new HBox(8, chart, utc);
        chartRow.setAlignment(Pos.TOP_RIGHT);
        chartRow.getStyleClass().add("overview-chart-box");
        chartRow.setPadding(new Insets(12, 0, 0, 0));

        Label brokersTitle = new Label("Brokers");
        brokersTitle.getStyleClass().add(Styles.TITLE_4);
        TableView<BrokerSummary> table = brokersTable();
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox brokers = new VBox(8, brokersTitle, table);
        brokers.getStyleClass().add("overview-brokers-box");
        root.setCenter(new VBox(chartRow, brokers));
        VBox.setVgrow(brokers, Priority.ALWAYS);
    }

    private Node rate(String id, String caption, ReadOnlyObjectProperty<Double> value) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().addAll(Styles.TITLE_3, "figure-value");
        number.textProperty().bind(value.map(OverviewViewModel::rate).orElse(NONE));
        Label name = new Label(caption);
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "figure-caption");
        VBox tile = new VBox(2, name, number);
        tile.getStyleClass().add("figure");
        return tile;
    }

    private Node count(String id, String caption, ToIntFunction<ClusterSummary> value, boolean alertAboveZero) {
        Node tile = figure(id, caption, s -> Formats.count(value.applyAsInt(s)));
        if (alertAboveZero) {
            Label label = (Label) tile.lookup("#" + id);
            Runnable update = () -> {
                ClusterSummary s = model.summaryProperty().get();
                boolean alert = s != null && value.applyAsInt(s) > 0;
                for (Node n : List.of(tile, label)) {
                    n.getStyleClass().remove(Styles.DANGER);
                    if (alert) {
                        n.getStyleClass().add(Styles.DANGER);
                    }
                }
            };
            model.summaryProperty().addListener((obs, old, now) -> update.run());
            update.run();
        }
        return tile;
    }

    private Node figure(String id, String caption, Function<ClusterSummary, String> value) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().addAll(Styles.TITLE_3, "figure-value");
        number.textProperty().bind(model.summaryProperty().map(s -> {
            String text = value.apply(s);
            return text == null ? NONE : text;
        }).orElse(NONE));
        Label name = new Label(caption);
        name.getStyleClass().addAll(Styles.TEXT_MUTED, "figure-caption");
        VBox tile = new VBox(2, name, number);
        tile.getStyleClass().add("figure");
        return tile;
    }

    private TableView<BrokerSummary> brokersTable() {
        TableView<BrokerSummary> table = new TableView<>();
        table.setId("overview-brokers");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE);
        SortedList<BrokerSummary> sorted = new SortedList<>(model.brokers());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No brokers"));

        TableColumn<BrokerSummary, Integer> id = Columns.column("Id", BrokerSummary::id);
        TableColumn<BrokerSummary, String> address = Columns.column("Address", BrokerSummary::address);
        address.setPrefWidth(240);
        TableColumn<BrokerSummary, String> rack = Columns.column("Rack", b -> b.rack() == null ? NONE : b.rack());
        rack.setPrefWidth(120);
        TableColumn<BrokerSummary, Integer> led = Columns.column("Partitions led", BrokerSummary::partitionsLed);
        TableColumn<BrokerSummary, Integer> replicas = Columns.column("Replicas", BrokerSummary::replicas);
        TableColumn<BrokerSummary, Long> size = Columns.column("Log dir size", BrokerSummary::logDirBytes);
        size.setCellFactory(col -> Columns.formatted(Formats::bytes));
        for (TableColumn<BrokerSummary, ?> numeric : List.of(id, led, replicas, size)) {
            Columns.numeric(numeric, 120);
        }
        table.getColumns().setAll(List.of(id, address, rack, led, replicas, size));
        table.getSortOrder().add(id);
        return table;
    }
}
