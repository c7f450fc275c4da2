package io.mirador.ui.page.topics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import io.mirador.ui.page.CommandNotice;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * The Topics page's write actions, each turning a valid form into one background call. UI thread only.
 *
 * <p>Three guards, on purpose redundant: the buttons are disabled through {@code writable}, each command checks
 * {@code writable} and the form again (a dialog may outlive a cluster switch), and the source refuses read-only
 * connections itself. Outcomes, good or bad, end up as one line in {@link #noticeProperty()}.
 */
public final class TopicCommands {

    private final TopicSource source;
    private final TaskExecutor executor;
    private final Supplier<String> cluster;
    private final ReadOnlyBooleanProperty writable;
    private final Runnable afterWrite;

    private final CommandNotice notice = new CommandNotice(this);

    /**
     * @param cluster    the selected cluster, read on the UI thread when a command starts
     * @param afterWrite runs on the UI thread after a write succeeded on the still selected cluster
     */
    TopicCommands(TopicSource source, TaskExecutor executor, Supplier<String> cluster,
                  ReadOnlyBooleanProperty writable, Runnable afterWrite) {
        this.source = source;
        this.executor = executor;
        this.cluster = cluster;
        this.writable = writable;
        this.afterWrite = afterWrite;
    }

    /** What the last command did or why it failed, e.g. "Created topic orders."; empty before the first. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.noticeProperty();
    }

    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return notice.noticeIsErrorProperty();
    }

    /** True while a command is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return notice.busyProperty();
    }

    public void clearNotice() {
        notice.clear();
    }

    public void create(CreateTopicForm form) {
        String topic = form.topicName();
        run(form, "create topic " + topic, "Created topic " + topic + ".", on -> () -> {
            source.create(on, topic, form.partitionCount(), form.replicationFactorValue(), form.configMap());
            return null;
        });
    }

    /** The source checks the typed confirmation again before deleting. */
    public void delete(DeleteTopicForm form) {
        String topic = form.topic();
        String confirmation = form.confirmationProperty().get();
        run(form, "delete topic " + topic, "Deleted topic " + topic + ".", on -> () -> {
            source.delete(on, topic, confirmation);
            return null;
        });
    }

    public void addPartitions(AddPartitionsForm form) {
        String topic = form.topic();
        int total = form.isValid() ? form.newTotalValue() : 0;
        run(form, "add partitions to topic " + topic, "Topic " + topic + " now has " + total + " partitions.",
                on -> () -> {
                    source.addPartitions(on, topic, total);
                    return null;
                });
    }

    public void purge(PurgeForm form) {
        String topic = form.topic();
        boolean all = form.allProperty().get();
        Map<Integer, Long> offsets = form.isValid() && !all ? form.offsets() : Map.of();
        String done = all ? "Purged every record of topic " + topic + "."
                : "Purged " + offsets.size() + (offsets.size() == 1 ? " partition" : " partitions") + " of topic "
                + topic + ".";
        run(form, "purge topic " + topic, done,
                on -> () -> all ? source.purgeAll(on, topic) : source.purge(on, topic, offsets));
    }

    public void setConfig(ConfigEditForm form) {
        String topic = form.topic();
        String name = form.config().name();
        String value = form.isValid() ? form.newValue() : "";
        run(form, "set " + name + " of topic " + topic, "Set " + name + " of topic " + topic + ".", on -> () -> {
            source.alterConfigs(on, topic, Map.of(name, value), List.of());
            return null;
        });
    }

    /** Removes the topic's override of {@code name}, so the broker's or cluster's value applies again. */
    public void resetConfig(String topic, String name) {
        run(null, "reset " + name + " of topic " + topic, "Reset " + name + " of topic " + topic + " to its default.",
                on -> () -> {
                    source.alterConfigs(on, topic, Map.of(), List.of(name));
                    return null;
                });
    }

    /** {@code work} gets the cluster the command started on; {@code what} completes "Could not ...". */
    private void run(Form form, String what, String done, Function<String, Callable<?>> work) {
        String on = cluster.get();
        if (on == null || !writable.get()) {
            fail("Could not " + what + ": " + (on == null ? "no cluster is selected." : "cluster " + on
                    + " is read-only or not available."));
            return;
        }
        if (form != null && !form.isValid()) {
            fail("Could not " + what + ": " + form.problem());
            return;
        }
        clearNotice();
        notice.submit(executor, capitalized(what), work.apply(on), result -> {
            notice.say(done, false);
            if (on.equals(cluster.get())) {
                afterWrite.run();
            }
        }, failure -> {
            fail("Could not " + what + ": " + Messages.oneLine(failure));
        });
    }

    private void fail(String text) {
        notice.say(text, true);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
