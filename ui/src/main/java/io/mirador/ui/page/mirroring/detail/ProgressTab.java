package io.mirador.ui.page.mirroring.detail;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Progress" tab: one row per topic (aggregated) above one row per partition, each with worker, source end
 * offset, checkpoint, lag, a progress bar of checkpoint over end offset, latency, rate and a state badge.
 * Selecting a topic narrows the partitions to it. FX thread only; all state is the {@link PartitionRows}'.
 */
final class ProgressTab {

    private final PartitionRows rows;
    private final TableView<TopicRow> topics;
    private final TableView<PartitionStatus> partitions;
    private final VBox root;

    ProgressTab(PartitionRows rows) {
        this.rows = rows;
        topics = buildTopicsTable();
        partitions = buildPartitionsTable();

        Label topicsTitle = new Label("Topics");
        topicsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox.setVgrow(topics, Priority.ALWAYS);
        VBox top = new VBox(4, topicsTitle, topics);

        Label partitionsTitle = new Label();
        partitionsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        partitionsTitle.textProperty().bind(Bindings.createStringBinding(() -> rows.selectedTopicProperty().get()
                == null ? "Partitions" : "Partitions of " + rows.selectedTopicProperty().get(),
                rows.selectedTopicProperty()));
        Button all = new Button("Show all topics");
        all.setId("route-partitions-all");
        all.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        all.setOnAction(e -> rows.selectedTopicProperty().set(null));
        all.visibleProperty().bind(rows.selectedTopicProperty().isNotNull());
        HBox partitionsHeader = new HBox(8, partitionsTitle, all);
        partitionsHeader.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(partitions, Priority.ALWAYS);
        VBox bottom = new VBox(4, partitionsHeader, partitions);

        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(split);
        root.getStyleClass().add("route-progress-tab");
    }

    Node view() {
        return root;
    }

    TableView<PartitionStatus> partitionsTable() {
        return partitions;
    }

    private TableView<TopicRow> buildTopicsTable() {
        TableView<TopicRow> table = DetailTables.table("route-topics", "No topics mirrored yet", rows.topics());
        table.getColumns().setAll(List.of(
                DetailTables.column("Topic", 180, TopicRow::topic),
                DetailTables.column("Target topic", 180, TopicRow::targetTopic),
                DetailTables.formatted("Partitions", 80, TopicRow::partitions, String::valueOf),
                DetailTables.column("Workers", 80, TopicRow::workers),
                DetailTables.count("Source end", 110, TopicRow::sourceEndOffset),
                DetailTables.count("Checkpoint", 110, TopicRow::checkpoint),
                DetailTables.count("Lag", 90, TopicRow::lag),
                DetailTables.progress("Progress", 170, TopicRow::progress),
                DetailTables.formatted("Age p99", 80, TopicRow::latencyP99Ms, RouteSummary::latency),
                DetailTables.formatted("Records/s", 90, TopicRow::recordsPerSecond, RouteSummary::rate),
                DetailTables.formatted("Bytes/s", 90, TopicRow::bytesPerSecond,
                        v -> Formats.bytes(Math.round(v)) + "/s"),
                DetailTables.state("State", 100, TopicRow::state)));
        DetailTables.keepSelection(table, TopicRow::topic, rows.selectedTopicProperty(), rows.updatingProperty(),
                rows.versionProperty());
        return table;
    }

    private TableView<PartitionStatus> buildPartitionsTable() {
        TableView<PartitionStatus> table = DetailTables.table("route-partitions", "No partitions",
                rows.visiblePartitions());
        TableColumn<PartitionStatus, String> target = DetailTables.column("Target", 170,
                p -> p.targetTopic() + "/" + p.targetPartition());
        table.getColumns().setAll(List.of(
                DetailTables.column("Topic", 170, PartitionStatus::topic),
                DetailTables.formatted("Partition", 70, PartitionStatus::partition, String::valueOf),
                target,
                DetailTables.formatted("Worker", 60, PartitionStatus::worker, w -> w < 0 ? "–" : String.valueOf(w)),
                DetailTables.count("Source end", 110, PartitionStatus::sourceEndOffset),
                DetailTables.count("Checkpoint", 110, PartitionStatus::checkpoint),
                DetailTables.count("Lag", 90, PartitionStatus::lag),
                DetailTables.progress("Progress", 170, PartitionRows::progress),
                DetailTables.formatted("Age p99", 80, PartitionStatus::latencyP99Ms, RouteSummary::latency),
                DetailTables.formatted("Records/s", 90, PartitionStatus::recordsPerSecond, RouteSummary::rate),
                DetailTables.state("State", 100, PartitionStatus::state)));
        DetailTables.keepSelection(table, PartitionKey::of, rows.selectedPartitionProperty(), rows.updatingProperty(),
                rows.versionProperty());
        return table;
    }
}
