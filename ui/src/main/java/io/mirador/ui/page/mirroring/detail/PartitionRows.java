package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mirador.replicator.engine.PartitionStatus;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The per-topic and per-partition rows of a route's progress, replaced whole on every status poll.
 *
 * <p>Invariant: the selection is kept by key ({@link #selectedTopicProperty()}, {@link #selectedPartitionProperty()}),
 * never by row object, because every poll brings new rows. A key whose row disappeared is cleared. While rows are
 * being replaced {@link #updatingProperty()} is true: a table then loses its selection for a moment, and a view
 * must not copy that transient "nothing selected" back into the keys; it restores its selection from the keys
 * when {@link #versionProperty()} moves.
 *
 * <p>Threading: UI thread only. Holds no Node.
 */
public final class PartitionRows {

    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";
    public static final String STALLED = "STALLED";
    /** Records were deleted on the source before they were copied; the engine reports the range in its events. */
    public static final String DATA_LOSS = "DATA_LOSS";
    public static final String CAUGHT_UP = "CAUGHT_UP";

    /** From most to least alarming: a topic shows the first state any of its partitions has. */
    static final List<String> STATE_ORDER = List.of(DATA_LOSS, STALLED, PAUSED, RUNNING, CAUGHT_UP);

    private static final Comparator<PartitionStatus> ORDER =
            Comparator.comparing(PartitionStatus::topic).thenComparingInt(PartitionStatus::partition);

    private final ObservableList<TopicRow> topics = FXCollections.observableArrayList();
    private final ObservableList<PartitionStatus> partitions = FXCollections.observableArrayList();
    private final ObservableList<TopicRow> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final ObservableList<PartitionStatus> partitionsView = FXCollections.unmodifiableObservableList(partitions);
    private final FilteredList<PartitionStatus> visiblePartitions = new FilteredList<>(partitions);
    private final ObjectProperty<String> selectedTopic = new SimpleObjectProperty<>(this, "selectedTopic");
    private final ObjectProperty<PartitionKey> selectedPartition =
            new SimpleObjectProperty<>(this, "selectedPartition");
    private final ReadOnlyBooleanWrapper updating = new ReadOnlyBooleanWrapper(this, "updating");
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");

    PartitionRows() {
        selectedTopic.addListener((obs, old, now) -> applyTopicFilter());
    }

    /** One row per source topic, sorted by name. */
    public ObservableList<TopicRow> topics() {
        return topicsView;
    }

    /** Every partition of the route, sorted by topic then partition. */
    public ObservableList<PartitionStatus> allPartitions() {
        return partitionsView;
    }

    /** The partitions of the selected topic, or all of them while no topic is selected. */
    public ObservableList<PartitionStatus> visiblePartitions() {
        return visiblePartitions;
    }

    /** Source topic whose partitions are shown; null shows all. Cleared when the topic leaves the route. */
    public ObjectProperty<String> selectedTopicProperty() {
        return selectedTopic;
    }

    /** The selected partition (charts can follow it); cleared when it leaves the route. */
    public ObjectProperty<PartitionKey> selectedPartitionProperty() {
        return selectedPartition;
    }

    /** True only while {@link #update} replaces the rows. */
    public ReadOnlyBooleanProperty updatingProperty() {
        return updating.getReadOnlyProperty();
    }

    /** Moves after every replacement of the rows (and after it finished). */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** The row of the selected partition in the last poll, or null. */
    public PartitionStatus selectedPartitionRow() {
        PartitionKey key = selectedPartition.get();
        return key == null ? null : partitions.stream().filter(p -> key.equals(PartitionKey.of(p))).findFirst()
                .orElse(null);
    }

    /** Replaces every row with those of a new status; keeps the selection while its key still exists. */
    void update(List<PartitionStatus> status) {
        List<PartitionStatus> sorted = new ArrayList<>(status);
        sorted.sort(ORDER);
        List<TopicRow> topicRows = aggregate(sorted);
        updating.set(true);
        try {
            topics.setAll(topicRows);
            partitions.setAll(sorted);
        } finally {
            updating.set(false);
        }
        String topic = selectedTopic.get();
        if (topic != null && topicRows.stream().noneMatch(t -> t.topic().equals(topic))) {
            selectedTopic.set(null);
        }
        PartitionKey key = selectedPartition.get();
        if (key != null && sorted.stream().noneMatch(p -> key.equals(PartitionKey.of(p)))) {
            selectedPartition.set(null);
        }
        version.set(version.get() + 1);
    }

    /** Another route: no rows, no selection. */
    void clear() {
        update(List.of());
        selectedTopic.set(null);
        selectedPartition.set(null);
    }

    /** Per-topic rows in the order of the (sorted) partitions. */
    static List<TopicRow> aggregate(List<PartitionStatus> partitions) {
        Map<String, List<PartitionStatus>> byTopic = new LinkedHashMap<>();
        for (PartitionStatus p : partitions) {
            byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p);
        }
        return byTopic.values().stream().map(TopicRow::of).sorted(Comparator.comparing(TopicRow::topic)).toList();
    }

    /** The more alarming of two states (null counts as nothing known; unknown states rank last). */
    static String worse(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(b) < rank(a) ? b : a;
    }

    private static int rank(String state) {
        int i = STATE_ORDER.indexOf(state);
        return i < 0 ? STATE_ORDER.size() : i;
    }

    /**
     * Checkpoint over source end offset, in 0..1. The checkpoint is the next offset to copy, so checkpoint ==
     * end means all copied; an empty partition (end 0) has nothing to copy and counts as done; no checkpoint
     * yet (negative) counts as nothing copied.
     */
    public static double progress(long checkpoint, long sourceEnd) {
        if (sourceEnd <= 0) {
            return 1.0;
        }
        if (checkpoint <= 0) {
            return 0.0;
        }
        return Math.min(1.0, (double) checkpoint / sourceEnd);
    }

    public static double progress(PartitionStatus p) {
        return progress(p.checkpoint(), p.sourceEndOffset());
    }

    private void applyTopicFilter() {
        String topic = selectedTopic.get();
        visiblePartitions.setPredicate(topic == null ? null : p -> Objects.equals(p.topic(), topic));
    }
}
