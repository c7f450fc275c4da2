package io.mirador.ui.page.messages.inspect;

import java.nio.file.Files;
import java.nio.file.Path;

import io.mirador.ui.page.FormModel;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * Imports a JSON-lines file (an export, or hand-written {@code {"key":…,"value":…}} lines) into a topic of any
 * known cluster, with progress and cancel. Partitions of the lines are kept when the topic has them (the default),
 * else the key decides. Threading: UI thread; sending runs on the executor's workers.
 */
public final class ImportModel extends FormModel {

    private final ClusterTopic target;
    private final RecordSource source;
    private final Transfer transfer;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file", null);
    private final BooleanProperty keepPartitions = new SimpleBooleanProperty(this, "keepPartitions", true);

    /** @param clusters {@code Connections.entries()} */
    public ImportModel(ObservableList<ConnectionEntry> clusters, RecordSource source, TaskExecutor executor) {
        this.target = new ClusterTopic(clusters, source, executor);
        this.source = source;
        this.transfer = new Transfer(executor);
        watch(target.clusterProperty(), target.topicProperty(), file);
    }

    public ImportModel prefill(String cluster, String topic) {
        if (cluster != null) {
            target.clusterProperty().set(cluster);
        }
        if (topic != null) {
            target.topicProperty().set(topic);
        }
        return this;
    }

    public void start() {
        validate();
        if (!isValid()) {
            return;
        }
        Path chosen = file.get();
        String cluster = target.clusterName();
        String topic = target.topicName();
        boolean keep = keepPartitions.get();
        transfer.start("Importing " + chosen.getFileName() + " to " + topic,
                control -> JsonLinesFile.send(source, cluster, topic, chosen, keep, control),
                count -> "Imported " + Formats.count(count) + (count == 1 ? " record" : " records") + " from "
                        + chosen.getFileName() + " to " + topic + " on " + cluster + ".");
    }

    public void cancel() {
        transfer.cancel();
    }

    @Override
    protected String check() {
        if (file.get() == null) {
            return "Choose a JSON-lines file to import.";
        }
        if (!Files.isRegularFile(file.get())) {
            return "There is no file " + file.get() + ".";
        }
        return target.check();
    }

    public ClusterTopic target() {
        return target;
    }

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public BooleanProperty keepPartitionsProperty() {
        return keepPartitions;
    }

    public Transfer transfer() {
        return transfer;
    }
}
