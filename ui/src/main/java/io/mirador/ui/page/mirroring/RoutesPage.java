package io.mirador.ui.page.mirroring;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.page.Page;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The mirroring routes of one engine (local or remote, named in the header): their state and throughput,
 * refreshed every two seconds while shown, with new, edit, start/resume, pause, delete and details.
 */
public final class RoutesPage implements Page {

    private final RoutesViewModel model;
    private final BorderPane root = new BorderPane();

    public RoutesPage(RoutesViewModel model) {
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

    public RoutesViewModel model() {
        return model;
    }

    private void build() {
        root.setId("routes-page");
        root.getStyleClass().add("routes-page");
        root.getStylesheets().add(RoutesPage.class.getResource("mirroring.css").toExternalForm());

        Label title = PageHeader.title("Mirroring");
        Label engine = new Label();
        engine.setId("routes-engine");
        engine.getStyleClass().add(Styles.TEXT_MUTED);
        engine.textProperty().bind(Bindings.when(model.engineProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Routes of the ", model.engineProperty())));
        HBox header = new HBox(16, title, engine);
        header.setAlignment(Pos.BASELINE_LEFT);

        Label problem = PageHeader.problem("routes", model.problemProperty());
        Label notice = PageHeader.notice("routes-notice", model.commands().noticeProperty(),
                model.commands().noticeIsErrorProperty());

        root.setTop(new VBox(12, header, toolbar(), problem, notice));
        root.setCenter(new RoutesTable(model).view());

        Label status = new Label();
        status.setId("routes-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(Bindings.size(model.routes()).asString("%d routes"));
        root.setBottom(status);
    }

    private HBox toolbar() {
        Button create = button("routes-new", "New route…", Feather.PLUS, null);
        create.setOnAction(e -> edit(model.newRouteEditor()));
        Button edit = button("routes-edit", "Edit…", Feather.EDIT_2, model.hasSelectionProperty());
        edit.setOnAction(e -> model.editSelected().ifPresent(this::edit));
        Button resume = button("routes-resume", "Resume", Feather.PLAY, model.canResumeProperty());
        resume.textProperty().bind(model.resumeTextProperty());
        resume.setOnAction(e -> model.resumeSelected());
        Button pause = button("routes-pause", "Pause", Feather.PAUSE, model.canPauseProperty());
        pause.setOnAction(e -> model.pauseSelected());
        Button delete = button("routes-delete", "Delete…", Feather.TRASH_2, model.hasSelectionProperty());
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> model.deleteSelected());
        Button details = button("routes-details", "Details", Feather.MAXIMIZE_2, model.hasSelectionProperty());
        details.setOnAction(e -> model.openSelected());

        return PageHeader.toolbar("routes-toolbar", 8, create, edit, resume, pause, delete, details,
                PageHeader.spacer(Priority.ALWAYS),
                PageHeader.busy(model.loadingProperty().or(model.commands().busyProperty())),
                PageHeader.refresh("routes", model::refresh));
    }

    /** Shows the editor and waits (a nested event loop: the table keeps polling meanwhile). */
    private void edit(RouteEditorModel editor) {
        new RouteEditorDialog(window(), editor).showAndWait();
    }

    private static Button button(String id, String text, Feather icon, ObservableBooleanValue enabled) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        if (enabled != null) {
            button.disableProperty().bind(Bindings.not(enabled));
        }
        return button;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
