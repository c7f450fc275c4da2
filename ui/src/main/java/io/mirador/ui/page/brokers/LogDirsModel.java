package io.mirador.ui.page.brokers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mirador.cluster.broker.LogDir;
import io.mirador.cluster.broker.LogDirUsage;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The log-dir half of the Brokers page: every directory of every live broker and, for the selected directory,
 * its topics by size, biggest first. Fed by {@link BrokersViewModel}; holds no Kafka calls. UI thread only.
 *
 * <p>Invariant: after {@link #show} the selection stays on the same broker and path across reloads, so the
 * table does not jump while the page polls; lists are replaced only when their content changed.
 */
public final class LogDirsModel {

    private static final Comparator<TopicUsage> BIGGEST_FIRST = Comparator
            .comparingLong(TopicUsage::bytes).reversed().thenComparing(TopicUsage::topic);

    private final ObservableList<LogDirRow> dirs = FXCollections.observableArrayList();
    private final ObservableList<LogDirRow> dirsView = FXCollections.unmodifiableObservableList(dirs);
    private final ObjectProperty<LogDirRow> selected = new SimpleObjectProperty<>(this, "selectedLogDir");
    private final ObservableList<TopicUsage> topics = FXCollections.observableArrayList();
    private final ObservableList<TopicUsage> topicsView = FXCollections.unmodifiableObservableList(topics);

    LogDirsModel() {
        selected.addListener((obs, old, now) -> updateTopics());
    }

    /** Every directory of every live broker, sorted by broker id, then path. */
    public ObservableList<LogDirRow> dirs() {
        return dirsView;
    }

    /** The directory whose topics are listed; null for none. */
    public ObjectProperty<LogDirRow> selectedProperty() {
        return selected;
    }

    /** Topics of the selected directory, biggest first (then by name). */
    public ObservableList<TopicUsage> topics() {
        return topicsView;
    }

    /** Takes a new load; keeps the selected directory, else picks the first one of {@code preferredBroker}. */
    void show(List<LogDirUsage> usages, Integer preferredBroker) {
        List<LogDirRow> rows = new ArrayList<>();
        for (LogDirUsage usage : usages) {
            for (LogDir dir : usage.dirs()) {
                rows.add(new LogDirRow(usage.brokerId(), dir));
            }
        }
        if (!rows.equals(dirs)) {
            dirs.setAll(rows);
        }
        LogDirRow previous = selected.get();
        LogDirRow next = rows.stream().filter(r -> r.sameDir(previous)).findFirst()
                .orElseGet(() -> firstOf(rows, preferredBroker));
        if (next != null && next.equals(previous)) {
            updateTopics();
        } else {
            selected.set(next);
        }
    }

    /** The broker chosen on the page changed: show its first directory unless one of its own is selected. */
    void brokerChosen(Integer brokerId) {
        LogDirRow current = selected.get();
        if (brokerId != null && (current == null || current.brokerId() != brokerId)) {
            LogDirRow first = firstOf(dirs, brokerId);
            if (first != null) {
                selected.set(first);
            }
        }
    }

    void clear() {
        selected.set(null);
        dirs.clear();
    }

    private static LogDirRow firstOf(List<LogDirRow> rows, Integer brokerId) {
        return rows.stream().filter(r -> brokerId != null && r.brokerId() == brokerId).findFirst()
                .orElse(rows.isEmpty() ? null : rows.get(0));
    }

    private void updateTopics() {
        LogDirRow row = selected.get();
        List<TopicUsage> next = new ArrayList<>();
        if (row != null) {
            long total = row.sizeBytes();
            row.dir().bytesPerTopic().forEach((topic, bytes) ->
                    next.add(new TopicUsage(topic, bytes, total > 0 ? (double) bytes / total : 0)));
            next.sort(BIGGEST_FIRST);
        }
        if (!next.equals(topics)) {
            topics.setAll(next);
        }
    }
}
