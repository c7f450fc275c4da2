package io.mirador.ui.page.topics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import io.mirador.cluster.TopicSummary;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Topics page. UI thread only: loads run through the {@link TaskExecutor}, whose
 * callbacks come back on the UI thread, and each load replaces the whole list at once. Cluster choice,
 * polling and load bookkeeping are the shared {@link ClusterPoller}'s; this class only keeps the topics.
 *
 * <p>Topics are always fetched with internal ones included and filtered here, so "Show internal" and the
 * filter box react instantly without another round trip to the cluster.
 */
public final class TopicsViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final ObservableList<TopicSummary> topics = FXCollections.observableArrayList();
    private final ObservableList<TopicSummary> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final FilteredList<TopicSummary> visibleTopics = new FilteredList<>(topics);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ClusterPoller<List<TopicSummary>> poller;

    public TopicsViewModel(Connections connections, TopicSource source, TaskExecutor executor) {
        poller = new ClusterPoller<List<TopicSummary>>(this, connections, executor, AUTO_REFRESH,
                "Loading topics of", "Could not load topics", source::topics, this::loaded, topics::clear)
                .onChanged(this::updateStatus);
        filter.addListener((obs, old, now) -> applyFilter());
        showInternal.addListener((obs, old, now) -> applyFilter());
        poller.start();
        applyFilter();
    }

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty showInternalProperty() {
        return showInternal;
    }

    /** The topics that pass the filter and the internal switch, sorted by name. */
    public ObservableList<TopicSummary> visibleTopics() {
        return visibleTopics;
    }

    /** Every topic of the last load, internal ones included. */
    public ObservableList<TopicSummary> allTopics() {
        return topicsView;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return poller.loadingProperty();
    }

    /** Why the list is empty or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** E.g. "3 of 12 topics". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    /** Loads the selected cluster's topics unless a load of that cluster is already under way. */
    public void refresh() {
        poller.refresh();
    }

    /** A load of the still selected cluster succeeded (UI thread). */
    private void loaded(List<TopicSummary> result) {
        topics.setAll(result);
        updateStatus();
    }

    private void applyFilter() {
        String text = Objects.requireNonNullElse(filter.get(), "").trim().toLowerCase(Locale.ROOT);
        boolean internal = showInternal.get();
        Predicate<TopicSummary> predicate = t -> (internal || !t.internal())
                && (text.isEmpty() || t.name().toLowerCase(Locale.ROOT).contains(text));
        visibleTopics.setPredicate(predicate);
        updateStatus();
    }

    private void updateStatus() {
        long hiddenInternal = showInternal.get() ? 0 : topics.stream().filter(TopicSummary::internal).count();
        String text = visibleTopics.size() + " of " + topics.size() + " topics";
        if (hiddenInternal > 0) {
            text += " (" + hiddenInternal + " internal hidden)";
        }
        status.set(text);
    }
}
