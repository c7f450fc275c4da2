package io.mirador.ui.page.mirroring;

import atlantafx.base.theme.Styles;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.ui.control.TableCopy;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The route editor over a {@link RouteEditorModel}: settings on the left, the source's topics to check in the
 * middle, the live preview (source topic → target topic, conflicts in red) on the right. Save stays disabled
 * while the model has a problem, shown below; a failed save keeps the dialog open with the engine's reason.
 * FX thread only.
 */
final class RouteEditorDialog extends Dialog<Boolean> {

    private static final PseudoClass CONFLICT = PseudoClass.getPseudoClass("conflict");
    private static final PseudoClass ABSENT = PseudoClass.getPseudoClass("absent");

    private final RouteEditorModel model;

    RouteEditorDialog(Window owner, RouteEditorModel model) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(model.title());
        setHeaderText(model.title());
        setResizable(true);
        getDialogPane().setId("route-editor");
        getDialogPane().getStyleClass().add("route-editor");
        getDialogPane().getStylesheets().add(RoutesPage.class.getResource("mirroring.css").toExternalForm());

        ButtonType save = new ButtonType(model.editing() ? "Save" : "Create", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        Button saveButton = (Button) getDialogPane().lookupButton(save);
        saveButton.setId("route-editor-save");
        saveButton.disableProperty().bind(model.problemProperty().isNotEmpty().or(model.savingProperty()));
        // The engine answers later: keep the dialog open until it has the route, or shows why not.
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.save(() -> {
                setResult(Boolean.TRUE);
                close();
            });
        });
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("route-editor-cancel");
        setResultConverter(button -> false);

        Label problem = message("route-editor-problem", Styles.WARNING);
        problem.textProperty().bind(model.problemProperty());
        Label saveError = message("route-editor-save-error", Styles.DANGER);
        saveError.textProperty().bind(model.saveErrorProperty());

        HBox columns = new HBox(16, settings(), topicList(), preview());
        columns.setPrefHeight(440);
        VBox.setVgrow(columns, Priority.ALWAYS);
        getDialogPane().setContent(new VBox(10, columns, failoverSettings(), problem, saveError));
        // Fits a 1200×760 window with room for the header and buttons; resizable for long topic names.
        getDialogPane().setPrefSize(1080, 660);
        getDialogPane().setMinSize(900, 520);
    }

    private Node settings() {
        TextField name = field("route-editor-name", "e.g. orders-to-dr", model.nameProperty());
        name.setDisable(model.editing());
        ComboBox<String> source = new ComboBox<>(model.clusters());
        source.setId("route-editor-source");
        source.valueProperty().bindBidirectional(model.sourceProperty());
        ComboBox<String> target = new ComboBox<>(model.clusters());
        target.setId("route-editor-target");
        target.valueProperty().bindBidirectional(model.targetProperty());
        TextField include = field("route-editor-include", "whole names, e.g. orders\\..*", model.includeProperty());
        TextField exclude = field("route-editor-exclude", "e.g. .*-dlq", model.excludeProperty());
        ComboBox<RouteNaming> naming = new ComboBox<>();
        naming.getItems().setAll(RouteNaming.values());
        naming.setId("route-editor-naming");
        naming.valueProperty().bindBidirectional(model.namingProperty());
        TextField alias = field("route-editor-alias", "source cluster name", model.aliasProperty());
        TextArea map = new TextArea();
        map.setId("route-editor-map");
        map.setPromptText("orders=orders-copy\npayments=payments-v2");
        map.setPrefRowCount(3);
        map.textProperty().bindBidirectional(model.mapTextProperty());
        TextField workers = field("route-editor-workers", "2", model.workersProperty());
        TextField records = field("route-editor-max-records", "no limit", model.maxRecordsProperty());
        TextField bytes = field("route-editor-max-bytes", "no limit", model.maxBytesProperty());
        CheckBox provenance = new CheckBox("Add a provenance header to copied records");
        provenance.setId("route-editor-provenance");
        provenance.selectedProperty().bindBidirectional(model.provenanceProperty());
        provenance.setTooltip(new Tooltip("mirador.provenance: source cluster, topic, partition and offset"));

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Source"), source);
        grid.addRow(2, new Label("Target"), target);
        grid.addRow(3, new Label("Include"), include);
        grid.addRow(4, new Label("Exclude"), exclude);
        grid.addRow(5, new Label("Naming"), naming);
        Label aliasLabel = new Label("Prefix");
        grid.addRow(6, aliasLabel, alias);
        Label mapLabel = new Label("Map");
        grid.addRow(7, mapLabel, map);
        grid.addRow(8, new Label("Workers"), workers);
        grid.addRow(9, new Label("Records/s"), records);
        grid.addRow(10, new Label("Bytes/s"), bytes);
        grid.add(provenance, 0, 11, 2, 1);
        showFor(RouteNaming.PREFIX, aliasLabel, alias);
        showFor(RouteNaming.MAP, mapLabel, map);
        for (Node n : new Node[] {name, source, target, include, exclude, naming, alias, map, workers, records,
                bytes}) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            if (n instanceof ComboBox<?> box) {
                box.setMaxWidth(Double.MAX_VALUE);
            }
        }
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(labels, new ColumnConstraints());
        grid.setPrefWidth(380);
        grid.setMinWidth(340);
        return grid;
    }

    /**
     * Exactly-once and consumer group sync, one row under the three columns: the settings column has no room left
     * at the dialog's height, and these apply to the whole route rather than to its topics.
     */
    private Node failoverSettings() {
        CheckBox exactlyOnce = new CheckBox("Exactly once");
        exactlyOnce.setId("route-editor-exactly-once");
        exactlyOnce.selectedProperty().bindBidirectional(model.exactlyOnceProperty());
        exactlyOnce.setTooltip(new Tooltip("Copies with transactions: read_committed readers of the target see each"
                + " record once, also after a crash or restart"));
        CheckBox sync = new CheckBox("Sync consumer group offsets");
        sync.setId("route-editor-sync-groups");
        sync.selectedProperty().bindBidirectional(model.syncGroupsProperty());
        sync.setTooltip(new Tooltip("Every few seconds, writes each group's committed position, translated to the"
                + " target's offsets, to the same group on the target while it has no members there"));
        Label groupsLabel = new Label("Groups");
        TextField include = field("route-editor-groups-include", ".* (every group)", model.groupsIncludeProperty());
        Label exceptLabel = new Label("except");
        TextField exclude = field("route-editor-groups-exclude", RouteConfig.GROUPS_EXCLUDE_DEFAULT,
                model.groupsExcludeProperty());
        exclude.setTooltip(new Tooltip("Blank: " + RouteConfig.GROUPS_EXCLUDE_DEFAULT
                + " (the console tools', Connect's and internal groups)"));
        for (Node n : new Node[] {groupsLabel, include, exceptLabel, exclude}) {
            n.disableProperty().bind(model.syncGroupsProperty().not());
        }
        // The fields give way when the dialog is narrow, never the labels.
        for (Region r : new Region[] {exactlyOnce, sync, groupsLabel, exceptLabel}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        include.setPrefWidth(160);
        exclude.setPrefWidth(200);
        HBox.setHgrow(include, Priority.ALWAYS);
        HBox.setHgrow(exclude, Priority.ALWAYS);
        HBox row = new HBox(10, exactlyOnce, sync, groupsLabel, include, exceptLabel, exclude);
        row.setId("route-editor-failover");
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
    }

    /** Only the chosen policy's own field shows; hidden rows take no room. */
    private void showFor(RouteNaming policy, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(model.namingProperty().isEqualTo(policy));
            n.managedProperty().bind(n.visibleProperty());
        }
    }

    private Node topicList() {
        Label title = new Label("Topics by name");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(14, 14);
        loading.visibleProperty().bind(model.topicsLoadingProperty());
        TextField search = field("route-editor-topic-search", "Search topics", model.topicSearchProperty());
        ListView<TopicChoice> list = new ListView<>(model.visibleTopicChoices());
        list.setId("route-editor-topics");
        list.setCellFactory(CheckBoxListCell.forListView(TopicChoice::selectedProperty, new StringConverter<>() {
            @Override
            public String toString(TopicChoice choice) {
                return choice == null ? "" : choice.present() ? choice.name() : choice.name() + " (not on source)";
            }

            @Override
            public TopicChoice fromString(String text) {
                throw new UnsupportedOperationException();
            }
        }));
        list.setPlaceholder(new Label("No topics"));
        VBox.setVgrow(list, Priority.ALWAYS);
        Label problem = message("route-editor-topics-problem", Styles.DANGER);
        problem.textProperty().bind(model.topicsProblemProperty());
        VBox box = new VBox(8, new HBox(8, title, loading), search, list, problem);
        box.setPrefWidth(250);
        box.setMinWidth(200);
        return box;
    }

    private Node preview() {
        Label title = new Label("Preview");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label summary = new Label();
        summary.setId("route-editor-preview-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(model.previewSummaryProperty());

        TableView<PreviewRow> table = new TableView<>(model.preview());
        table.setId("route-editor-preview");
        table.getStyleClass().addAll(Styles.DENSE, "route-preview");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No topic selected"));
        TableColumn<PreviewRow, String> from = new TableColumn<>("Source topic");
        from.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().source()));
        TableColumn<PreviewRow, String> to = new TableColumn<>("Target topic");
        to.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().target()));
        table.getColumns().setAll(java.util.List.of(from, to));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(PreviewRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean conflict = !empty && row != null && row.conflicting();
                pseudoClassStateChanged(CONFLICT, conflict);
                pseudoClassStateChanged(ABSENT, !empty && row != null && !row.present());
                setTooltip(conflict ? new Tooltip(row.conflict()) : null);
            }
        });
        TableCopy.install(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, new HBox(8, title, summary), table);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(380);
        box.setMinWidth(300);
        return box;
    }

    private static TextField field(String id, String prompt, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static Label message(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(1040);
        label.getStyleClass().add(style);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }
}
