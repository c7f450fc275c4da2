package io.mirador.ui.page.messages.inspect;

import java.util.List;

import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Where records go: a cluster chosen among the known connections (those that can be reached now) and a topic,
 * typed or chosen among the cluster's topics, which are loaded in the background whenever the cluster changes.
 * Shared by the produce form and the import. UI thread only.
 */
public final class ClusterTopic {

    private final ObservableList<ConnectionEntry> entries;
    private final RecordSource source;
    private final TaskExecutor executor;
    private final StringProperty cluster = new SimpleStringProperty(this, "cluster", "");
    private final StringProperty topic = new SimpleStringProperty(this, "topic", "");
    private final ObservableList<String> clusters = FXCollections.observableArrayList();
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private BackgroundTask loading;

    /** @param entries {@code Connections.entries()}: every cluster the console knows */
    public ClusterTopic(ObservableList<ConnectionEntry> entries, RecordSource source, TaskExecutor executor) {
        this.entries = entries;
        this.source = source;
        this.executor = executor;
        entries.addListener((ListChangeListener<ConnectionEntry>) change -> refreshClusters());
        refreshClusters();
        cluster.addListener((obs, old, now) -> loadTopics());
    }

    private void refreshClusters() {
        clusters.setAll(entries.stream().filter(ConnectionEntry::available).map(ConnectionEntry::name).toList());
    }

    /** Reloads the topic names of the chosen cluster; a failure just leaves the list empty (the topic can be typed). */
    public void loadTopics() {
        if (loading != null) {
            loading.cancel();
        }
        String chosen = cluster.get();
        topics.clear();
        if (chosen == null || chosen.isBlank()) {
            return;
        }
        loading = executor.submit("Listing topics of " + chosen, () -> source.topics(chosen), names -> {
            if (chosen.equals(cluster.get())) {
                topics.setAll(names);
            }
        }, failure -> topics.clear());
    }

    /** The first problem with the choice, or "". */
    String check() {
        if (cluster.get() == null || cluster.get().isBlank()) {
            return "Choose a cluster.";
        }
        if (topic.get() == null || topic.get().isBlank()) {
            return "Enter a topic.";
        }
        return "";
    }

    String clusterName() {
        return cluster.get().trim();
    }

    String topicName() {
        return topic.get().trim();
    }

    public StringProperty clusterProperty() {
        return cluster;
    }

    public StringProperty topicProperty() {
        return topic;
    }

    /** Names of the clusters that can be reached now, sandbox first. */
    public ObservableList<String> clusters() {
        return clusters;
    }

    /** Topic names of the chosen cluster, once loaded. */
    public ObservableList<String> topics() {
        return topics;
    }

    List<ConnectionEntry> entries() {
        return List.copyOf(entries);
    }
}
