package io.mirador.ui.page.topics;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import atlantafx.base.theme.Styles;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.page.Page;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Topics of one cluster in a sortable table with a text or regex filter, write actions in a second toolbar
 * (disabled on read-only clusters), and the open topic's detail below the table.
 */
public final class TopicsPage implements Page {

    private final TopicsViewModel model;
    private final BorderPane root = new BorderPane();
    private TopicDetailPane detailPane;

    public TopicsPage(TopicsViewModel model) {
        this.model = model;
        build();
    }

    @Override
    public Node view() {
        return root;
    }

    /** The detail pane, so other features can add tabs to it. */
    public TopicDetailPane detailPane() {
        return detailPane;
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
        root.setId("topics-page");
        root.getStyleClass().add("topics-page");
        root.getStylesheets().add(TopicsPage.class.getResource("topics.css").toExternalForm());

        Label title = PageHeader.title("Topics");
        Label problem = PageHeader.problem("topics", model.problemProperty());
        Label filterProblem = PageHeader.message("topics-filter-problem", Styles.DANGER, model.filterProblemProperty());
        Label notice = PageHeader.notice("topics-notice", model.commands().noticeProperty(),
                model.commands().noticeIsErrorProperty());

        root.setTop(new VBox(12, title, filterBar(), actionBar(), problem, filterProblem, notice));

        detailPane = new TopicDetailPane(model);
        SplitPane split = new SplitPane(new TopicsTable(model).view(), detailPane.view());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);

        Label status = new Label();
        status.setId("topics-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        root.setBottom(status);
    }

    private HBox filterBar() {
        ComboBox<String> cluster = PageHeader.clusterChooser("topics", model.clusterNames(),
                model.selectedClusterProperty());

        TextField filter = new TextField();
        filter.setId("topics-filter");
        filter.getStyleClass().add("page-search");
        filter.promptTextProperty().bind(Bindings.when(model.regexProperty())
                .then("Filter by regular expression").otherwise("Filter by name"));
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        filter.setMaxWidth(360);

        ToggleButton regex = new ToggleButton(".*");
        regex.setId("topics-regex");
        regex.setTooltip(new Tooltip("Treat the filter as a regular expression"));
        regex.selectedProperty().bindBidirectional(model.regexProperty());

        CheckBox internal = new CheckBox("Show internal");
        internal.setId("topics-internal");
        internal.selectedProperty().bindBidirectional(model.showInternalProperty());

        return PageHeader.toolbar("topics-toolbar", 12, cluster, filter, regex, internal,
                PageHeader.spacer(Priority.SOMETIMES),
                PageHeader.busy(model.loadingProperty().or(model.commands().busyProperty())),
                PageHeader.refresh("topics", model::refresh));
    }

    private HBox actionBar() {
        Button create = action("topics-create", "Create topic…", Feather.PLUS, model.writableProperty());
        create.setOnAction(e -> {
            CreateTopicForm form = model.newCreateForm();
            if (confirmed(new CreateTopicDialog(window(), form))) {
                model.commands().create(form);
            }
        });
        Button delete = action("topics-delete", "Delete…", Feather.TRASH_2, model.canChangeSelectedProperty());
        delete.getStyleClass().add(Styles.DANGER);
        delete.setOnAction(e -> open(model.newDeleteForm(), f -> new DeleteTopicDialog(window(), f),
                model.commands()::delete));
        Button partitions = action("topics-add-partitions", "Add partitions…", Feather.COLUMNS,
                model.canChangeSelectedProperty());
        partitions.setOnAction(e -> open(model.newAddPartitionsForm(), f -> new AddPartitionsDialog(window(), f),
                model.commands()::addPartitions));
        Button purge = action("topics-purge", "Purge…", Feather.SCISSORS, model.canChangeSelectedProperty());
        purge.setOnAction(e -> open(model.newPurgeForm(), f -> new PurgeDialog(window(), f),
                model.commands()::purge));

        Label readOnly = new Label("Read-only: changes are disabled for this cluster");
        readOnly.setId("topics-read-only");
        readOnly.getStyleClass().add(Styles.TEXT_MUTED);
        readOnly.visibleProperty().bind(model.writableProperty().not().and(model.problemProperty().isEmpty()));
        readOnly.managedProperty().bind(readOnly.visibleProperty());

        Label oneAtATime = new Label("These act on one topic: select only one");
        oneAtATime.setMinWidth(0);
        oneAtATime.setId("topics-one-at-a-time");
        oneAtATime.getStyleClass().add(Styles.TEXT_MUTED);
        oneAtATime.visibleProperty().bind(model.selectedCountProperty().greaterThan(1).and(model.writableProperty()));
        oneAtATime.managedProperty().bind(oneAtATime.visibleProperty());

        HBox bar = new HBox(8, create, delete, partitions, purge, readOnly, oneAtATime);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("topics-actions");
        return bar;
    }

    private static Button action(String id, String text, Feather icon, BooleanExpression enabled) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        // The buttons keep their text; a hint beside them is cut first.
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        button.disableProperty().bind(enabled.not());
        return button;
    }

    private static <F> void open(Optional<F> form, Function<F, FormDialog> dialog, Consumer<F> command) {
        form.ifPresent(f -> {
            if (confirmed(dialog.apply(f))) {
                command.accept(f);
            }
        });
    }

    /** Shows the dialog and waits (a nested event loop: the page keeps refreshing meanwhile). */
    private static boolean confirmed(FormDialog dialog) {
        return dialog.showAndWait().orElse(false);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
