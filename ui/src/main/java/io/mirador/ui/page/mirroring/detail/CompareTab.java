package io.mirador.ui.page.mirroring.detail;

import java.util.List;

import atlantafx.base.theme.Styles;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.engine.TopicComparison.PartitionComparison;
import io.mirador.ui.util.Formats;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The "Compare" tab: choose a source topic, run the comparison, and read source and target offsets and record
 * counts side by side per partition, the totals, and a verdict line. FX thread only; state is the
 * {@link CompareModel}'s.
 */
final class CompareTab {

    private final CompareModel compare;
    private final VBox root;

    CompareTab(CompareModel compare) {
        this.compare = compare;

        ComboBox<String> topic = new ComboBox<>(compare.topics());
        topic.setId("route-compare-topic");
        topic.setPromptText("Choose a topic");
        topic.setPrefWidth(260);
        topic.valueProperty().bindBidirectional(compare.topicProperty());

        Button run = new Button("Compare", new FontIcon(Feather.COLUMNS));
        run.setId("route-compare-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(compare.topicProperty().isNull().or(compare.runningProperty()));
        run.setOnAction(e -> compare.compare());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(compare.runningProperty());
        busy.managedProperty().bind(busy.visibleProperty());

        Label hint = new Label("Asks both clusters for the offsets of each partition now.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(8, topic, run, busy, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label verdict = new Label();
        verdict.setId("route-compare-verdict");
        verdict.getStyleClass().addAll(Styles.TITLE_4, "compare-verdict");
        verdict.textProperty().bind(compare.verdictProperty().map(v -> v.isEmpty() ? "" : capitalise(v)));
        verdict.visibleProperty().bind(compare.verdictProperty().isNotEmpty());
        verdict.managedProperty().bind(verdict.visibleProperty());
        compare.behindProperty().addListener((obs, was, now) -> styleVerdict(verdict, now));
        styleVerdict(verdict, compare.behindProperty().get());

        Label totals = new Label();
        totals.setId("route-compare-totals");
        totals.textProperty().bind(Bindings.createStringBinding(() -> totals(compare.resultProperty().get()),
                compare.resultProperty()));
        totals.visibleProperty().bind(compare.resultProperty().isNotNull());
        totals.managedProperty().bind(totals.visibleProperty());

        Label problem = new Label();
        problem.setId("route-compare-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(compare.problemProperty());
        problem.visibleProperty().bind(compare.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        TableView<PartitionComparison> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(8, bar, problem, verdict, totals, table);
        root.getStyleClass().add("route-compare-tab");
    }

    Node view() {
        return root;
    }

    private TableView<PartitionComparison> table() {
        TableView<PartitionComparison> table = DetailTables.table("route-compare-table",
                "Choose a topic and press Compare", compare.rows());
        TableColumn<PartitionComparison, Object> source = new TableColumn<>("Source");
        source.getColumns().setAll(List.of(
                DetailTables.formatted("Partition", 70, PartitionComparison::sourcePartition, String::valueOf),
                DetailTables.count("Start", 100, PartitionComparison::sourceStartOffset),
                DetailTables.count("End", 100, PartitionComparison::sourceEndOffset),
                DetailTables.count("Records", 100, PartitionComparison::sourceRecords)));
        TableColumn<PartitionComparison, Object> target = new TableColumn<>("Target");
        target.getColumns().setAll(List.of(
                DetailTables.formatted("Partition", 70, PartitionComparison::targetPartition, String::valueOf),
                DetailTables.count("Start", 100, PartitionComparison::targetStartOffset),
                DetailTables.count("End", 100, PartitionComparison::targetEndOffset),
                DetailTables.count("Records", 100, PartitionComparison::targetRecords)));
        table.getColumns().setAll(List.of(source, target,
                DetailTables.count("Checkpoint", 110, PartitionComparison::checkpoint),
                DetailTables.count("To copy", 100, CompareTab::toCopy)));
        return table;
    }

    /** Source records past the checkpoint: what the route still has to copy from this partition. */
    static long toCopy(PartitionComparison p) {
        long from = Math.max(p.checkpoint(), p.sourceStartOffset());
        return Math.max(0, p.sourceEndOffset() - from);
    }

    static String totals(TopicComparison c) {
        if (c == null) {
            return "";
        }
        int n = c.partitions().size();
        return c.sourceTopic() + ": " + Formats.count(c.sourceRecords()) + " records in " + n
                + (n == 1 ? " partition" : " partitions") + "  →  " + c.targetTopic() + ": "
                + Formats.count(c.targetRecords()) + " records";
    }

    private static void styleVerdict(Label verdict, boolean behind) {
        verdict.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING);
        verdict.getStyleClass().add(behind ? Styles.WARNING : Styles.SUCCESS);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
