package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import atlantafx.base.theme.Styles;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The "Consumer groups" tab: per group and mirrored partition, the group's position on the source, where it
 * resumes on the target and how exact that is, and when it was last written there (relative; the exact time, in
 * the window's time zone, as tooltip and in the header line). The placeholder says why the table is empty. FX
 * thread only; state is the {@link GroupsModel}'s.
 */
final class GroupsTab {

    private static final String TARGET_PARTITION = "group-target-partition";

    private final GroupsModel groups;
    private final TimeDisplay time;
    private final VBox root;
    private final TableView<GroupRow> table;

    GroupsTab(GroupsModel groups, TimeDisplay time) {
        this.groups = groups;
        this.time = time;

        Label summary = new Label();
        summary.setId("route-groups-summary");
        summary.getStyleClass().add(Styles.TEXT_BOLD);
        summary.textProperty().bind(groups.summaryProperty());

        Label lastSync = new Label();
        lastSync.setId("route-groups-last-sync");
        lastSync.getStyleClass().add(Styles.TEXT_MUTED);
        lastSync.textProperty().bind(Bindings.createStringBinding(this::lastSyncText, groups.lastSyncMsProperty(),
                groups.updatedAtProperty(), time.zoneProperty()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label hint = new Label("Groups move to the very next record on the target, only while they have no member"
                + " there, and never backwards.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        // In a narrow window the hint gives way (whole in its tooltip), never the figures.
        hint.setMinWidth(0);
        hint.setTooltip(new Tooltip(hint.getText()));
        summary.setMinWidth(Region.USE_PREF_SIZE);
        lastSync.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(12, summary, lastSync, spacer, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        table = DetailTables.table("route-groups-table", "", groups.rows());
        table.getColumns().setAll(columns(true, groups::ago, time));
        targetPartitionWhenRenamed(table, groups.rows());
        Label placeholder = new Label();
        placeholder.setId("route-groups-empty");
        placeholder.setWrapText(true);
        placeholder.setMaxWidth(640);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.textProperty().bind(groups.emptyTextProperty());
        table.setPlaceholder(placeholder);
        table.setRowFactory(view -> new ErrorRow());
        // The exact times in the tooltips follow the window's time zone switch.
        time.zoneProperty().addListener((obs, old, now) -> table.refresh());
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, bar, table);
        root.getStyleClass().add("route-groups-tab");
    }

    Node view() {
        return root;
    }

    TableView<GroupRow> table() {
        return table;
    }

    private String lastSyncText() {
        long last = groups.lastSyncMsProperty().get();
        if (groups.updatedAtProperty().get() < 0) {
            return "";
        }
        return last <= 0 ? "No sync round yet" : "Last sync round " + groups.ago(last) + " · " + time.format(last)
                + " (" + time.zoneLabel() + ")";
    }

    /**
     * The group columns, shared with the failover dialog (which leaves out the last sync: its positions are where
     * groups resume).
     *
     * @param ago "12 s ago" for a time; used only with {@code withLastSync}
     */
    static List<TableColumn<GroupRow, ?>> columns(boolean withLastSync, LongFunction<String> ago, TimeDisplay time) {
        TableColumn<GroupRow, Object> source = new TableColumn<>("Source");
        source.getColumns().setAll(List.of(
                DetailTables.column("Partition", 150, GroupRow::sourcePartition),
                DetailTables.count("Offset", 70, GroupRow::sourceOffset)));
        TableColumn<GroupRow, Object> target = new TableColumn<>("Target");
        TableColumn<GroupRow, String> targetPartition = DetailTables.column("Partition", 150,
                GroupRow::targetPartitionText);
        targetPartition.setId(TARGET_PARTITION);
        target.getColumns().setAll(List.of(targetPartition,
                DetailTables.count(withLastSync ? "Offset" : "Resumes at", withLastSync ? 70 : 95,
                        GroupRow::targetOffset)));
        List<TableColumn<GroupRow, ?>> columns = new ArrayList<>(List.of(
                DetailTables.column("Group", 150, GroupRow::group),
                DetailTables.state("State", 90, GroupRow::state),
                source, target,
                DetailTables.column("Translation", 115, GroupRow::translationText)));
        if (withLastSync) {
            TableColumn<GroupRow, Long> last = DetailTables.column("Last sync", 100, GroupRow::lastSyncMs);
            last.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(Long item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : ago.apply(item));
                    setTooltip(empty || item == null || item <= 0 ? null
                            : new Tooltip(time.format(item) + " (" + time.zoneLabel() + ")"));
                }
            });
            columns.add(last);
        }
        return columns;
    }

    /**
     * Shows the target partition column only when some group's target partition is named differently from its
     * source partition (prefix or map naming): with the same names it repeats the source column, and the table
     * needs the room in a narrow window.
     */
    static void targetPartitionWhenRenamed(TableView<GroupRow> table, ObservableList<GroupRow> rows) {
        Runnable update = () -> table.getColumns().stream().flatMap(c -> c.getColumns().stream())
                .filter(c -> TARGET_PARTITION.equals(c.getId())).forEach(c -> c.setVisible(rows.stream()
                        .anyMatch(r -> !r.topic().isEmpty() && !r.sourcePartition().equals(r.targetPartitionText()))));
        rows.addListener((ListChangeListener<GroupRow>) change -> update.run());
        update.run();
    }

    /** A group's sync error, when it has one, as the row's tooltip. */
    static final class ErrorRow extends TableRow<GroupRow> {
        @Override
        protected void updateItem(GroupRow row, boolean empty) {
            super.updateItem(row, empty);
            setTooltip(empty || row == null || row.error() == null || row.error().isBlank() ? null
                    : new Tooltip(row.error()));
        }
    }
}
