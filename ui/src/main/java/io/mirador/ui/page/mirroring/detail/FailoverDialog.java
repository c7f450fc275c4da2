package io.mirador.ui.page.mirroring.detail;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.mirador.replicator.engine.FailoverReport.PartitionGap;
import io.mirador.ui.control.PageHeader;
import io.mirador.ui.util.TimeDisplay;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Fail over…": the preview of what a failover now leaves behind (the recovery point in records and seconds, per
 * partition; where each consumer group resumes on the target), then "Fail over now" and the failover's own
 * report with its failback route. The calls run on workers ({@link FailoverModel}); meanwhile a spinner and a line
 * say what runs, and the dialog stays responsive and closable (a failover under way still finishes, and the route
 * detail reports it). FX thread only.
 */
final class FailoverDialog extends Dialog<Void> {

    static final ButtonType FAIL_OVER = new ButtonType("Fail over now", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType PREVIEW = new ButtonType("Preview again", ButtonBar.ButtonData.LEFT);

    private final FailoverModel model;
    private final TableView<PartitionGap> partitions;
    private final TableView<GroupRow> groups;

    FailoverDialog(Window owner, FailoverModel model, TimeDisplay time) {
        this.model = model;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(model.title());
        setHeaderText(model.title());
        setResizable(true);
        getDialogPane().setId("failover-dialog");
        getDialogPane().getStyleClass().add("failover-dialog");
        getDialogPane().getStylesheets().add(FailoverDialog.class.getResource("detail.css").toExternalForm());

        getDialogPane().getButtonTypes().setAll(PREVIEW, FAIL_OVER, ButtonType.CLOSE);
        Button failOver = (Button) getDialogPane().lookupButton(FAIL_OVER);
        failOver.setId("failover-confirm");
        failOver.getStyleClass().add(Styles.DANGER);
        failOver.setDefaultButton(false); // Enter must not fail a route over
        failOver.disableProperty().bind(model.canFailOverProperty().not());
        failOver.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open for the report
            model.failOver();
        });
        Button preview = (Button) getDialogPane().lookupButton(PREVIEW);
        preview.setId("failover-preview");
        preview.disableProperty().bind(model.busyProperty().or(model.phaseProperty().isEqualTo(
                FailoverModel.Phase.FAILED_OVER)));
        preview.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.preview();
        });
        ((Button) getDialogPane().lookupButton(ButtonType.CLOSE)).setId("failover-close");
        setResultConverter(button -> null);

        partitions = partitionTable();
        groups = DetailTables.table("failover-groups", "No consumer group to move: none has committed offsets on"
                + " the route's topics, or the route does not sync groups.", model.groups());
        groups.getColumns().setAll(GroupsTab.columns(false, ms -> "", time));
        GroupsTab.targetPartitionWhenRenamed(groups, model.groups());
        groups.setRowFactory(view -> new GroupsTab.ErrorRow());

        VBox content = new VBox(8, summary(),
                section("Partitions: records missing on the target, and where the target resumes", partitions),
                section("Consumer groups: where they resume on the target", groups), drain(),
                PageHeader.notice("failover-notice", model.notice().noticeProperty(),
                        model.notice().noticeIsErrorProperty()));
        getDialogPane().setContent(content);
        // Fits the window on a 1280×720 screen, header and buttons included; the tables take what height is left.
        getDialogPane().setPrefSize(900, 620);
        getDialogPane().setMinSize(860, 480);
    }

    private Node summary() {
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("failover-busy");
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        Label progress = new Label();
        progress.setId("failover-progress");
        progress.setWrapText(true);
        progress.textProperty().bind(model.progressTextProperty());
        PageHeader.showWhenText(progress);
        HBox running = new HBox(8, busy, progress);
        running.setAlignment(Pos.CENTER_LEFT);
        running.managedProperty().bind(model.busyProperty());
        running.visibleProperty().bind(model.busyProperty());

        Label headline = new Label();
        headline.setId("failover-headline");
        headline.setWrapText(true);
        headline.getStyleClass().add("failover-headline");
        headline.textProperty().bind(model.headlineProperty());
        PageHeader.showWhenText(headline);

        Label notes = new Label();
        notes.setId("failover-notes");
        notes.setWrapText(true);
        notes.getStyleClass().add(Styles.TEXT_MUTED);
        notes.textProperty().bind(model.notesProperty());
        PageHeader.showWhenText(notes);
        return new VBox(4, running, headline, notes);
    }

    private TableView<PartitionGap> partitionTable() {
        TableView<PartitionGap> table = DetailTables.table("failover-partitions", "No partition copied yet",
                model.partitions());
        // "Copied to": the next source offset not on the target; "Resumes at": the target offset where records
        // written to the target from now on begin (and failback copies from).
        table.getColumns().setAll(List.of(
                DetailTables.column("Partition", 140, (PartitionGap p) -> p.topic() + "/" + p.partition()),
                DetailTables.column("On target", 140, (PartitionGap p) -> p.targetTopic() + "/"
                        + p.targetPartition()),
                DetailTables.count("Source end", 95, PartitionGap::sourceEndOffset),
                DetailTables.count("Copied to", 85, PartitionGap::checkpoint),
                DetailTables.count("Missing", 75, PartitionGap::unmirroredRecords),
                DetailTables.formatted("Oldest", 75, PartitionGap::oldestUnmirroredAgeSeconds, FailoverModel::seconds),
                DetailTables.count("Resumes at", 100, PartitionGap::targetResumeOffset)));
        return table;
    }

    private Node drain() {
        Spinner<Integer> seconds = new Spinner<>(0, FailoverModel.MAX_DRAIN_SECONDS,
                model.drainSecondsProperty().get(), 5);
        seconds.setId("failover-drain");
        seconds.setEditable(true);
        seconds.setPrefWidth(110);
        seconds.getValueFactory().valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.drainSecondsProperty().set(now);
            }
        });
        seconds.disableProperty().bind(model.canFailOverProperty().not());
        seconds.setTooltip(new Tooltip("How long the failover goes on copying what the source still has before it"
                + " stops the route"));
        Label before = new Label("Drain for at most");
        Label after = new Label("s: copy what the source still has, then stop the route and move its groups.");
        before.setMinWidth(Region.USE_PREF_SIZE);
        seconds.setMinWidth(Region.USE_PREF_SIZE);
        after.setMinWidth(0);
        after.getStyleClass().add(Styles.TEXT_MUTED);
        HBox row = new HBox(8, before, seconds, after);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Node section(String title, TableView<?> table) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        table.setPrefHeight(150);
        VBox box = new VBox(4, label, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }

    /** For tests. */
    TableView<PartitionGap> partitionsTable() {
        return partitions;
    }

    TableView<GroupRow> groupsTable() {
        return groups;
    }
}
