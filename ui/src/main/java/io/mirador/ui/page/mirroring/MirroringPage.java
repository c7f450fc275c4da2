package io.mirador.ui.page.mirroring;

import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.page.Page;
import io.mirador.ui.page.mirroring.detail.RouteDetailModel;
import io.mirador.ui.page.mirroring.detail.RouteDetailView;
import io.mirador.ui.service.mirroring.MirroringService;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Mirroring page: the engine bar (local engine or an attached replicator), the first-run shortcut, then
 * either the routes list or one route's detail. Switching engines rebuilds the routes and detail views over the
 * new service, so nothing of the previous engine lingers. FX thread only.
 */
public final class MirroringPage implements Page {

    private final MirroringPageModel model;
    private final Function<MirroringService, RoutesViewModel> routesFactory;
    private final Function<MirroringService, RouteDetailModel> detailFactory;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private RoutesPage routes;
    private RouteDetailView detail;
    private Button demoButton;
    private boolean shown;

    public MirroringPage(MirroringPageModel model, Function<MirroringService, RoutesViewModel> routesFactory,
                         Function<MirroringService, RouteDetailModel> detailFactory) {
        this.model = model;
        this.routesFactory = routesFactory;
        this.detailFactory = detailFactory;
        root.setId("mirroring-page");
        root.setTop(engineBar());
        root.setCenter(content);
        model.serviceProperty().addListener((obs, old, now) -> rebuild(now));
        model.createdRouteProperty().addListener((obs, old, route) -> {
            if (route != null) {
                routes.model().refresh();
                openDetail(route);
            }
        });
        rebuild(model.service());
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void shown() {
        shown = true;
        activeParts(true);
    }

    @Override
    public void hidden() {
        shown = false;
        activeParts(false);
    }

    @Override
    public void refresh() {
        if (detail != null) {
            detail.model().refresh();
        } else {
            routes.model().refresh();
        }
    }

    /** The routes list of the current engine (for tests and glue). */
    public RoutesPage routes() {
        return routes;
    }

    /** The open route detail, or null when the list shows. */
    public RouteDetailView detail() {
        return detail;
    }

    private Node engineBar() {
        Label engine = new Label();
        engine.setId("mirroring-engine");
        engine.getStyleClass().add(Styles.TEXT_MUTED);
        engine.textProperty().bind(Bindings.createStringBinding(() -> model.isLocal()
                ? "Engine: in this window (routes stop when Mirador closes, unless you keep them running)"
                : "Engine: headless replicator at " + model.service().describe(), model.serviceProperty()));
        Button attach = new Button("Attach to a replicator…", new FontIcon(Feather.LINK));
        attach.setId("mirroring-attach");
        attach.setOnAction(e -> askAttach());
        Button local = new Button("Use the local engine", new FontIcon(Feather.MONITOR));
        local.setId("mirroring-local");
        local.setOnAction(e -> model.useLocal());
        attach.visibleProperty().bind(Bindings.createBooleanBinding(model::isLocal, model.serviceProperty()));
        attach.managedProperty().bind(attach.visibleProperty());
        local.visibleProperty().bind(attach.visibleProperty().not());
        local.managedProperty().bind(local.visibleProperty());

        Button demo = new Button();
        demo.setId("mirroring-demo");
        demo.getStyleClass().add(Styles.ACCENT);
        demo.setGraphic(new FontIcon(Feather.SHUFFLE));
        demo.textProperty().bind(Bindings.createStringBinding(() -> "Mirror " + model.demoTitle(),
                model.demoPossibleProperty()));
        demo.setOnAction(e -> model.mirrorDemo());
        demo.disableProperty().bind(model.busyProperty());
        demo.setVisible(false);
        demo.managedProperty().bind(demo.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, engine, spacer, demo, attach, local);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label problem = new Label();
        problem.setId("mirroring-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        this.demoButton = demo;
        VBox top = new VBox(6, bar, problem);
        top.setStyle("-fx-padding: 0 0 8 0;");
        return top;
    }

    private void rebuild(MirroringService service) {
        activeParts(false);
        detail = null;
        routes = new RoutesPage(routesFactory.apply(service));
        routes.model().openedRouteProperty().addListener((obs, old, route) -> {
            if (route != null) {
                openDetail(route);
            }
        });
        // The first-run shortcut shows while the local engine has no route and two sandbox clusters run.
        demoButton.visibleProperty().bind(model.demoPossibleProperty().and(Bindings.isEmpty(routes.model().routes())));
        content.getChildren().setAll(routes.view());
        activeParts(shown);
    }

    private void openDetail(String route) {
        RouteDetailModel detailModel = detailFactory.apply(model.service());
        detail = new RouteDetailView(detailModel, this::closeDetail);
        detailModel.routeProperty().set(route);
        routes.hidden();
        content.getChildren().setAll(detail.view());
        detail.setActive(shown);
    }

    private void closeDetail() {
        if (detail != null) {
            detail.setActive(false);
            detail = null;
        }
        routes.model().openedRouteProperty().set(null);
        content.getChildren().setAll(routes.view());
        if (shown) {
            routes.shown();
        }
    }

    private void activeParts(boolean active) {
        if (detail != null) {
            detail.setActive(active);
        } else if (routes != null) {
            if (active) {
                routes.shown();
            } else {
                routes.hidden();
            }
        }
    }

    private void askAttach() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Attach to a replicator");
        dialog.initOwner(root.getScene().getWindow());
        TextField url = new TextField("http://127.0.0.1:8088");
        url.setId("attach-url");
        PasswordField token = new PasswordField();
        token.setId("attach-token");
        token.setPromptText("only when the replicator requires one");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("URL"), url);
        grid.addRow(1, new Label("Token"), token);
        GridPane.setHgrow(url, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> model.attach(url.getText(), token.getText()));
    }
}
