package io.mirador.ui.page.mirroring.detail;

import java.util.List;
import java.util.Objects;

import io.mirador.replicator.engine.TopicComparison;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "compare" action: source and target offsets of one topic of the route side by side, and a verdict.
 *
 * <p>A comparison is run on demand only (it asks both clusters for offsets, which is too costly to poll). The
 * result belongs to the route and topic it was asked for: choosing another topic or route drops it, and a
 * result that arrives after such a change is ignored. UI thread only; the call runs on the executor.
 */
public final class CompareModel {

    private final MirroringService service;
    private final TaskExecutor executor;
    private final ObservableValue<String> route;

    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObservableList<String> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final ObjectProperty<String> topic = new SimpleObjectProperty<>(this, "topic");
    private final ReadOnlyObjectWrapper<TopicComparison> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ObservableList<TopicComparison.PartitionComparison> rows = FXCollections.observableArrayList();
    private final ObservableList<TopicComparison.PartitionComparison> rowsView =
            FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyBooleanWrapper behind = new ReadOnlyBooleanWrapper(this, "behind");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private BackgroundTask call;

    CompareModel(MirroringService service, TaskExecutor executor, ObservableValue<String> route) {
        this.service = service;
        this.executor = executor;
        this.route = route;
        topic.addListener((obs, old, now) -> reset());
        route.addListener((obs, old, now) -> {
            topics.clear();
            topic.set(null);
            reset();
        });
    }

    /** The route's source topics (from its last status), to choose from. */
    public ObservableList<String> topics() {
        return topicsView;
    }

    /** The source topic to compare. */
    public ObjectProperty<String> topicProperty() {
        return topic;
    }

    /** The last comparison of the chosen topic; null before one ran. */
    public ReadOnlyObjectProperty<TopicComparison> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The result's partitions, in source-partition order. */
    public ObservableList<TopicComparison.PartitionComparison> rows() {
        return rowsView;
    }

    /** E.g. "target has all 12,345 records" or "target is 120 records behind"; empty before a result. */
    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /** Whether the last result found the target short of records. */
    public ReadOnlyBooleanProperty behindProperty() {
        return behind.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Why the last comparison failed, in one line; empty otherwise. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Compares the chosen topic now (replacing a comparison under way); nothing without a route and topic. */
    public void compare() {
        String r = route.getValue();
        String t = topic.get();
        if (r == null || t == null) {
            return;
        }
        cancel();
        problem.set("");
        running.set(true);
        call = executor.submit("Comparing " + t + " of route " + r, () -> service.compare(r, t),
                comparison -> {
                    if (current(r, t)) {
                        running.set(false);
                        show(comparison);
                    }
                },
                failure -> {
                    if (current(r, t)) {
                        running.set(false);
                        problem.set("Could not compare " + t + ": " + Messages.oneLine(failure));
                    }
                });
    }

    /** The topics of a new status; keeps the chosen topic while it is still part of the route. */
    void updateTopics(List<String> sourceTopics) {
        if (!topics.equals(sourceTopics)) {
            topics.setAll(sourceTopics);
        }
        if (topic.get() != null && !sourceTopics.contains(topic.get())) {
            topic.set(null);
        }
    }

    void cancel() {
        if (call != null) {
            call.cancel();
            call = null;
        }
        running.set(false);
    }

    /**
     * One line on whether the target holds the source's records. Counts are end minus start offsets on each
     * side, target partitions counted once ({@link TopicComparison#targetRecords()}), so records deleted by
     * retention on one side only, compaction and transaction markers can skew them; the line says counts.
     */
    public static String verdict(TopicComparison c) {
        long source = c.sourceRecords();
        long target = c.targetRecords();
        if (c.partitions().isEmpty()) {
            return "the topic has no partitions to compare";
        }
        if (target == source) {
            return "target has all " + Formats.count(source) + (source == 1 ? " record" : " records");
        }
        if (target > source) {
            long extra = target - source;
            return "target has all " + Formats.count(source) + " records and " + Formats.count(extra)
                    + " more (written there before mirroring, or copied again after a restart)";
        }
        long missing = source - target;
        return "target is " + Formats.count(missing) + (missing == 1 ? " record" : " records") + " behind ("
                + Formats.count(target) + " of " + Formats.count(source) + ")";
    }

    private boolean current(String r, String t) {
        return Objects.equals(r, route.getValue()) && Objects.equals(t, topic.get());
    }

    private void show(TopicComparison comparison) {
        result.set(comparison);
        rows.setAll(comparison.partitions().stream()
                .sorted(java.util.Comparator.comparingInt(TopicComparison.PartitionComparison::sourcePartition))
                .toList());
        verdict.set(verdict(comparison));
        behind.set(comparison.targetRecords() < comparison.sourceRecords());
    }

    private void reset() {
        cancel();
        result.set(null);
        rows.clear();
        verdict.set("");
        behind.set(false);
        problem.set("");
    }
}
