package io.mirador.ui.page.topics;

import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.PartitionDetail;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the topic detail pane: the open topic's partitions, configs and consumer groups. UI thread only,
 * like {@link TopicsViewModel}, which owns it and tells it when the list was reloaded or the cluster changed.
 *
 * <p>One task loads detail and configs together so the pane never shows one topic's partitions beside another's
 * configs. A result for a topic or cluster that is no longer open is dropped; a failed reload keeps what is
 * shown and says why in {@link #problemProperty()}.
 */
public final class TopicDetailModel {

    static final String HINT = "Double-click a topic (or press Enter) to see its partitions, configs and consumers";

    private record Loaded(TopicDetail detail, List<ConfigValue> configs) {
    }

    private final TopicSource source;
    private final TaskExecutor executor;
    private final Supplier<String> cluster;
    private final BooleanSupplier available;

    private final ReadOnlyObjectWrapper<String> topic = new ReadOnlyObjectWrapper<>(this, "topic");
    private final ReadOnlyObjectWrapper<TopicDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ObservableList<PartitionDetail> partitions = FXCollections.observableArrayList();
    private final ObservableList<ConfigValue> configs = FXCollections.observableArrayList();
    private final ObservableList<String> groups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", HINT);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    private BackgroundTask load;
    private String loadKey;

    /**
     * @param cluster   the selected cluster, read on the UI thread
     * @param available whether the selected cluster can be queried now
     */
    TopicDetailModel(TopicSource source, TaskExecutor executor, Supplier<String> cluster, BooleanSupplier available) {
        this.source = source;
        this.executor = executor;
        this.cluster = cluster;
        this.available = available;
    }

    /** The open topic; null while the pane shows the hint. */
    public ReadOnlyObjectProperty<String> topicProperty() {
        return topic.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TopicDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ObservableList<PartitionDetail> partitions() {
        return partitions;
    }

    public ObservableList<ConfigValue> configs() {
        return configs;
    }

    /** Ids of the consumer groups with committed offsets on the topic. */
    public ObservableList<String> groups() {
        return groups;
    }

    /** E.g. "orders · 3 partitions · replication 1 · 120 records · 12.3 KB"; the hint while none is open. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Shows {@code name} and loads it; opening the open topic again reloads it. */
    public void open(String name) {
        if (name == null) {
            close();
            return;
        }
        if (!name.equals(topic.get())) {
            close();
            topic.set(name);
            title.set(name);
        }
        refresh();
    }

    /** Back to the hint. */
    public void close() {
        cancel();
        topic.set(null);
        detail.set(null);
        partitions.clear();
        configs.clear();
        groups.clear();
        problem.set("");
        title.set(HINT);
    }

    /** Reloads the open topic unless a load of it is under way. */
    public void refresh() {
        String name = topic.get();
        String on = cluster.get();
        if (name == null || on == null || !available.getAsBoolean()) {
            return;
        }
        String key = on + "\u0000" + name;
        if (load != null && !load.isDone() && key.equals(loadKey)) {
            return;
        }
        cancel();
        loadKey = key;
        loading.set(true);
        load = executor.submit("Loading topic " + name,
                () -> new Loaded(source.detail(on, name), source.configs(on, name)),
                result -> loaded(on, name, result), failure -> failed(on, name, failure));
    }

    /** The topic list was reloaded: follow the open topic, or close it when it is gone. */
    void topicsReloaded(Collection<String> names) {
        if (topic.get() == null) {
            return;
        }
        if (names.contains(topic.get())) {
            refresh();
        } else {
            close();
        }
    }

    private void loaded(String on, String name, Loaded result) {
        if (!isCurrent(on, name)) {
            return;
        }
        loading.set(false);
        problem.set("");
        detail.set(result.detail());
        partitions.setAll(result.detail().partitions());
        configs.setAll(result.configs());
        groups.setAll(result.detail().consumerGroups());
        TopicDetail d = result.detail();
        int count = d.partitions().size();
        int readers = d.consumerGroups().size();
        title.set(name + " · " + count + (count == 1 ? " partition" : " partitions")
                + " · replication " + d.replicationFactor() + " · " + Formats.count(d.records()) + " records · "
                + Formats.bytes(d.sizeBytes()) + " · " + readers + (readers == 1 ? " consumer group" : " consumer groups"));
    }

    private void failed(String on, String name, Throwable failure) {
        if (!isCurrent(on, name)) {
            return;
        }
        loading.set(false);
        problem.set("Could not load topic " + name + ": " + Messages.oneLine(failure));
    }

    private boolean isCurrent(String on, String name) {
        return name.equals(topic.get()) && on.equals(cluster.get());
    }

    private void cancel() {
        if (load != null) {
            load.cancel();
            load = null;
            loadKey = null;
        }
        loading.set(false);
    }
}
