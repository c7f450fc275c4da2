package io.mirador.ui.page.clusters;

import java.util.Locale;

import atlantafx.base.theme.Styles;
import io.mirador.broker.BrokerInfo;
import io.mirador.ui.page.Page;
import io.mirador.ui.service.ClusterInfo;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The clusters Mirador knows: the sandbox clusters as cards (state, failure reason, cluster id, controller,
 * brokers; start, stop, restart; add one) and below them the saved connections ({@link ConnectionsSection}).
 * A card is rebuilt whenever its cluster's snapshot is replaced; there are only a handful of clusters.
 */
public final class ClustersPage implements Page {

    private final ClustersViewModel model;
    private final VBox cards = new VBox();
    private final BorderPane root = new BorderPane();
    private final ConnectionsSection connections;

    public ClustersPage(ClustersViewModel model) {
        this.model = model;
        this.connections = new ConnectionsSection(model, () -> root.getScene() == null ? null : root.getScene().getWindow());
        build();
        model.clusters().addListener((ListChangeListener<ClusterInfo>) change -> rebuildCards());
        rebuildCards();
    }

    @Override
    public Node view() {
        return root;
    }

    private void build() {
        root.setId("clusters-page");
        root.getStyleClass().add("clusters-page");
        root.getStylesheets().add(ClustersPage.class.getResource("clusters.css").toExternalForm());

        Label title = new Label("Clusters");
        title.getStyleClass().add(Styles.TITLE_2);
        Label summary = new Label();
        summary.setId("clusters-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.summaryProperty());
        Label problem = new Label();
        problem.setId("clusters-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox header = new VBox(4, title, summary, problem);
        header.getStyleClass().add("page-header");
        root.setTop(header);

        Label sandboxTitle = new Label("Sandbox");
        sandboxTitle.getStyleClass().add(Styles.TITLE_3);
        Button add = new Button("Add sandbox cluster", new FontIcon(Feather.PLUS));
        add.setId("sandbox-add");
        add.setOnAction(e -> addSandboxCluster());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox sandboxHead = new HBox(12, sandboxTitle, spacer, add);
        sandboxHead.setAlignment(Pos.CENTER_LEFT);

        cards.getStyleClass().add("cluster-cards");
        VBox content = new VBox(16, sandboxHead, cards, connections);
        content.getStyleClass().add("clusters-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        root.setCenter(scroll);
    }

    private void addSandboxCluster() {
        AddSandboxDialog dialog = new AddSandboxDialog();
        dialog.initOwner(root.getScene().getWindow());
        dialog.showAndWait().ifPresent(request -> model.addSandboxCluster(request.name(), request.brokers(), request.dataDir()));
    }

    private void rebuildCards() {
        cards.getChildren().setAll(model.clusters().stream().map(this::card).toList());
    }

    private Node card(ClusterInfo cluster) {
        Label name = new Label(cluster.name());
        name.getStyleClass().add(Styles.TITLE_3);

        Label state = new Label(ClustersViewModel.stateText(cluster.state()));
        state.setId("cluster-state-" + cluster.name());
        state.getStyleClass().addAll("state-badge", "state-" + cluster.state().name().toLowerCase(Locale.ROOT));

        Button start = new Button("Start", new FontIcon(Feather.PLAY));
        start.setId("cluster-start-" + cluster.name());
        start.setDisable(!model.canStart(cluster));
        start.setOnAction(e -> model.start(cluster));
        Button stop = new Button("Stop", new FontIcon(Feather.SQUARE));
        stop.setId("cluster-stop-" + cluster.name());
        stop.setDisable(!model.canStop(cluster));
        stop.setOnAction(e -> model.stop(cluster));
        Button restart = new Button("Restart", new FontIcon(Feather.ROTATE_CW));
        restart.setId("cluster-restart-" + cluster.name());
        restart.setDisable(!model.canRestart(cluster));
        restart.setOnAction(e -> model.restart(cluster));
        restart.setTooltip(new Tooltip("Stop and start again: topics, records and the address are kept"));
        Button wipe = new Button("Wipe…", new FontIcon(Feather.TRASH_2));
        wipe.setId("cluster-wipe-" + cluster.name());
        wipe.getStyleClass().add(Styles.DANGER);
        wipe.setDisable(!model.canWipe(cluster));
        wipe.setTooltip(new Tooltip(cluster.temporaryData() ? "Delete every topic and record and start empty"
                : "The data is in a directory you chose: delete it there while the cluster is stopped"));
        wipe.setOnAction(e -> model.wipe(cluster));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(12, name, state, spacer, start, stop, restart, wipe);
        head.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(10, head);
        card.setId("cluster-" + cluster.name());
        card.getStyleClass().add("cluster-card");

        if (cluster.failure() != null) {
            Label failure = new Label(cluster.failure(), new FontIcon(Feather.ALERT_TRIANGLE));
            failure.setId("cluster-failure-" + cluster.name());
            failure.setWrapText(true);
            failure.getStyleClass().add(Styles.DANGER);
            card.getChildren().add(failure);
        }

        GridPane facts = new GridPane();
        facts.getStyleClass().add("cluster-facts");
        addFact(facts, 0, "Cluster id", cluster.clusterId() == null ? "–" : cluster.clusterId());
        addFact(facts, 1, "Controller", ClustersViewModel.controllerText(cluster));
        addFact(facts, 2, "Bootstrap", cluster.bootstrapServers().isEmpty() ? "–" : cluster.bootstrapServers());
        card.getChildren().add(facts);
        card.getChildren().add(brokers(cluster));
        return card;
    }

    private static void addFact(GridPane grid, int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.getStyleClass().add("fact-value");
        grid.addRow(row, k, v);
    }

    private Node brokers(ClusterInfo cluster) {
        if (cluster.brokers().isEmpty()) {
            Label none = new Label(cluster.running() ? "No brokers." : "Brokers appear while the cluster runs.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            return none;
        }
        GridPane grid = new GridPane();
        grid.setId("cluster-brokers-" + cluster.name());
        grid.getStyleClass().add("broker-grid");
        grid.addRow(0, heading("Broker"), heading("Address"), heading("Rack"), heading("Role"));
        int row = 1;
        for (BrokerInfo broker : cluster.brokers()) {
            grid.addRow(row++, new Label(Integer.toString(broker.id())), new Label(broker.address()),
                    new Label(broker.rack() == null ? "–" : broker.rack()),
                    new Label(broker.controller() ? "broker, controller" : "broker"));
        }
        return grid;
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.TEXT_SMALL);
        return label;
    }
}
