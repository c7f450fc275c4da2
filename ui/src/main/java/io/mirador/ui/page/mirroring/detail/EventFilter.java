package io.mirador.ui.page.mirroring.detail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import io.mirador.replicator.state.ReplicationEvent;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A route's event log (newest first) and the filters over it: level, kind and text, all applied together and
 * locally, so typing never waits for the engine. The kinds offered are the engine's known kinds plus any other
 * kind seen in the log, so a newer engine's events can still be picked. UI thread only. Holds no Node.
 */
public final class EventFilter {

    /** The level choices; {@code ALL} lets every level through, the others exactly their own. */
    public enum Level {
        ALL("All levels"), INFO("Info"), WARN("Warn"), ERROR("Error");

        private final String label;

        Level(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        boolean accepts(String level) {
            return this == ALL || name().equalsIgnoreCase(level);
        }
    }

    /** The kinds the engine writes, in the order a user thinks of them. */
    static final List<String> KNOWN_KINDS = List.of(ReplicationEvent.TOPIC_ADDED, ReplicationEvent.TOPIC_CREATED,
            ReplicationEvent.PARTITIONS_ADDED, ReplicationEvent.PARTITION_MOVED, ReplicationEvent.PARTITION_STALLED,
            ReplicationEvent.ERROR, ReplicationEvent.CONFIG_SYNCED, ReplicationEvent.ROUTE_STARTED,
            ReplicationEvent.ROUTE_STOPPED, ReplicationEvent.ROUTE_PAUSED, ReplicationEvent.ROUTE_RESUMED);

    private final ObservableList<ReplicationEvent> events = FXCollections.observableArrayList();
    private final ObservableList<ReplicationEvent> eventsView = FXCollections.unmodifiableObservableList(events);
    private final FilteredList<ReplicationEvent> visible = new FilteredList<>(events);
    private final ObservableList<String> kinds = FXCollections.observableArrayList(KNOWN_KINDS);
    private final ObservableList<String> kindsView = FXCollections.unmodifiableObservableList(kinds);
    private final ObjectProperty<Level> level = new SimpleObjectProperty<>(this, "level", Level.ALL);
    private final ObjectProperty<String> kind = new SimpleObjectProperty<>(this, "kind");
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    EventFilter() {
        level.addListener((obs, old, now) -> apply());
        kind.addListener((obs, old, now) -> apply());
        text.addListener((obs, old, now) -> apply());
        apply();
    }

    /** Level shown; null is taken as {@link Level#ALL}. */
    public ObjectProperty<Level> levelProperty() {
        return level;
    }

    /** Kind shown, e.g. {@code partition-stalled}; null for every kind. */
    public ObjectProperty<String> kindProperty() {
        return kind;
    }

    /** Text the message (or kind) must contain, ignoring case; blank for any. */
    public StringProperty textProperty() {
        return text;
    }

    /** The kinds to choose from. */
    public ObservableList<String> kinds() {
        return kindsView;
    }

    /** Every event of the last load, newest first. */
    public ObservableList<ReplicationEvent> allEvents() {
        return eventsView;
    }

    /** The events that pass the filters, newest first. */
    public ObservableList<ReplicationEvent> visibleEvents() {
        return visible;
    }

    /** E.g. "12 of 240 events". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Replaces the log; skipped when nothing changed, so a table keeps its scroll position between polls. */
    void update(List<ReplicationEvent> newestFirst) {
        if (!events.equals(newestFirst)) {
            events.setAll(newestFirst);
        }
        List<String> unknown = new ArrayList<>();
        for (ReplicationEvent e : newestFirst) {
            if (e.kind() != null && !kinds.contains(e.kind()) && !unknown.contains(e.kind())) {
                unknown.add(e.kind());
            }
        }
        kinds.addAll(unknown);
        updateStatus();
    }

    void clear() {
        update(List.of());
    }

    /** The filter as a predicate; public for tests and for anyone who filters other event lists alike. */
    public static Predicate<ReplicationEvent> predicate(Level level, String kind, String text) {
        Level l = level == null ? Level.ALL : level;
        String needle = Objects.requireNonNullElse(text, "").trim().toLowerCase(Locale.ROOT);
        return e -> l.accepts(e.level())
                && (kind == null || kind.equals(e.kind()))
                && (needle.isEmpty() || contains(e.message(), needle) || contains(e.kind(), needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    private void apply() {
        visible.setPredicate(predicate(level.get(), kind.get(), text.get()));
        updateStatus();
    }

    private void updateStatus() {
        status.set(visible.size() + " of " + events.size() + (events.size() == 1 ? " event" : " events"));
    }
}
