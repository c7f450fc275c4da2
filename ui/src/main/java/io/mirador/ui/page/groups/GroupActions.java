package io.mirador.ui.page.groups;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.service.GroupSource;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The write actions of the Consumer groups page on the selected group: reset offsets (through a
 * {@link ResetOffsetsViewModel}), delete the group, delete its offsets on one topic. Each action is either
 * allowed or blocked with a sentence saying why (shown as the button's tooltip and hint), recomputed whenever
 * the cluster, the group, its loaded detail, the connection's read-only flag or a running action changes.
 *
 * <p>The checks here are for the user; the cluster side checks again (a member may join after the detail was
 * loaded, and {@code ClusterClients.writableClient} refuses read-only connections), and its refusal arrives as
 * the one-line {@link #messageProperty}.
 *
 * <p>Threading: UI thread only; the writes run through the {@link TaskExecutor}. Confirmation questions are
 * asked through the given predicate, synchronously on the UI thread (a modal dialog in the app).
 */
public final class GroupActions {

    private final GroupSource source;
    private final TaskExecutor executor;
    private final Predicate<String> confirm;
    private final ZoneId zone;
    private final ReadOnlyObjectProperty<String> cluster;
    private final ReadOnlyObjectProperty<String> group;
    private final ReadOnlyObjectProperty<GroupDetail> detail;
    private final ReadOnlyBooleanProperty writable;
    private final Runnable afterWrite;
    private final Runnable afterDelete;

    private final ObjectProperty<String> offsetsTopic = new SimpleObjectProperty<>(this, "offsetsTopic");
    private final ReadOnlyStringWrapper resetBlocked = new ReadOnlyStringWrapper(this, "resetBlocked", "");
    private final ReadOnlyStringWrapper deleteBlocked = new ReadOnlyStringWrapper(this, "deleteBlocked", "");
    private final ReadOnlyStringWrapper deleteOffsetsBlocked = new ReadOnlyStringWrapper(this, "deleteOffsetsBlocked", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /**
     * @param confirm    asks the user a yes/no question (the text is the question); true means go ahead
     * @param zone       the user's zone, for the reset dialog's date and time
     * @param afterWrite  runs on the UI thread after a successful reset or offsets delete, to reload what changed
     * @param afterDelete runs on the UI thread after the selected group was deleted
     */
    GroupActions(GroupSource source, TaskExecutor executor, Predicate<String> confirm, ZoneId zone,
                 ReadOnlyObjectProperty<String> cluster, ReadOnlyObjectProperty<String> group,
                 ReadOnlyObjectProperty<GroupDetail> detail, ReadOnlyBooleanProperty writable, Runnable afterWrite,
                 Runnable afterDelete) {
        this.source = source;
        this.executor = executor;
        this.confirm = Objects.requireNonNull(confirm);
        this.zone = zone;
        this.cluster = cluster;
        this.group = group;
        this.detail = detail;
        this.writable = writable;
        this.afterWrite = afterWrite;
        this.afterDelete = afterDelete;
        // Change (not invalidation) listeners: update() reads only some inputs, and an input left unread would
        // never report a later change.
        cluster.addListener((obs, old, now) -> message.set(""));
        group.addListener((obs, old, now) -> offsetsTopic.set(null));
        for (ObservableValue<?> input : List.of(cluster, group, detail, writable, busy, offsetsTopic)) {
            input.addListener((obs, old, now) -> update());
        }
        update();
    }

    /** The topic whose offsets "Delete offsets" forgets; the page follows the selected partition row. */
    public ObjectProperty<String> offsetsTopicProperty() {
        return offsetsTopic;
    }

    /** Why the offsets cannot be reset now; empty when they can. */
    public ReadOnlyStringProperty resetBlockedProperty() {
        return resetBlocked.getReadOnlyProperty();
    }

    /** Why the group cannot be deleted now; empty when it can. */
    public ReadOnlyStringProperty deleteBlockedProperty() {
        return deleteBlocked.getReadOnlyProperty();
    }

    /** Why the offsets on {@link #offsetsTopicProperty} cannot be deleted now; empty when they can. */
    public ReadOnlyStringProperty deleteOffsetsBlockedProperty() {
        return deleteOffsetsBlocked.getReadOnlyProperty();
    }

    /** A delete is under way; other actions wait for it. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** One line about the last action: what it did, or why it failed. Cleared when another cluster is chosen. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * The model of a reset dialog for the selected group and its topics, or null while resetting is blocked.
     * A successful apply reports here and reloads the page.
     */
    public ResetOffsetsViewModel reset() {
        if (!resetBlocked.get().isEmpty()) {
            return null;
        }
        GroupDetail d = detail.get();
        return new ResetOffsetsViewModel(cluster.get(), d.groupId(), d.topics(), source, executor, zone, done -> {
            message.set(done);
            afterWrite.run();
        });
    }

    /** After a yes to the confirmation, deletes the selected group and its committed offsets. */
    public void deleteGroup() {
        if (!deleteBlocked.get().isEmpty()) {
            return;
        }
        String c = cluster.get();
        String g = group.get();
        if (!confirm.test("Delete consumer group " + g + " and all its committed offsets from cluster " + c
                + "? This cannot be undone.")) {
            return;
        }
        write("Deleting consumer group " + g, () -> {
            source.deleteGroup(c, g);
            return "Deleted consumer group " + g + ".";
        }, "Could not delete group " + g, afterDelete);
    }

    /** After a yes to the confirmation, deletes the selected group's committed offsets on the chosen topic. */
    public void deleteOffsets() {
        if (!deleteOffsetsBlocked.get().isEmpty()) {
            return;
        }
        String c = cluster.get();
        String g = group.get();
        String topic = offsetsTopic.get();
        if (!confirm.test("Delete the committed offsets of group " + g + " on topic " + topic + "? Its next consumer "
                + "of that topic starts where its auto.offset.reset policy says.")) {
            return;
        }
        write("Deleting offsets of group " + g + " on " + topic, () -> {
            int count = source.deleteOffsets(c, g, topic);
            return "Deleted the offsets of group " + g + " on " + count + (count == 1 ? " partition" : " partitions")
                    + " of " + topic + ".";
        }, "Could not delete the offsets of group " + g + " on " + topic, afterWrite);
    }

    private void write(String title, Callable<String> work, String failureText, Runnable then) {
        busy.set(true);
        message.set("");
        executor.submit(title, work, done -> {
            busy.set(false);
            message.set(done);
            then.run();
        }, failure -> {
            busy.set(false);
            message.set(failureText + ": " + Messages.oneLine(failure));
        });
    }

    private void update() {
        String common = commonBlock();
        resetBlocked.set(common.isEmpty() ? emptinessBlock("reset its offsets") : common);
        deleteBlocked.set(common.isEmpty() ? emptinessBlock("delete it") : common);
        deleteOffsetsBlocked.set(common.isEmpty() ? topicBlock() : common);
    }

    private String commonBlock() {
        String g = group.get();
        if (cluster.get() == null || g == null) {
            return "Select a group first.";
        }
        if (!writable.get()) {
            return "Cluster " + cluster.get() + " is a read-only connection: write actions are off.";
        }
        if (busy.get()) {
            return "Another change to the group is under way.";
        }
        GroupDetail d = detail.get();
        if (d == null || !d.groupId().equals(g)) {
            return "Loading group " + g + "…";
        }
        return "";
    }

    /** Kafka refuses both writes while members are active, and they would overwrite a reset anyway. */
    private String emptinessBlock(String what) {
        GroupDetail d = detail.get();
        int members = d.members().size();
        if (members > 0) {
            return "The group must have no active members to " + what + ": group " + d.groupId() + " has " + members
                    + (members == 1 ? " active member" : " active members") + ". Stop them first.";
        }
        if (d.topics().isEmpty() && what.startsWith("reset")) {
            return "Group " + d.groupId() + " has no offsets to reset.";
        }
        return "";
    }

    private String topicBlock() {
        GroupDetail d = detail.get();
        String topic = offsetsTopic.get();
        if (topic == null) {
            return "Select a partition of the topic whose offsets to delete.";
        }
        List<PartitionLag> rows = d.partitions().stream().filter(p -> p.topic().equals(topic)).toList();
        if (rows.stream().anyMatch(p -> p.assignedMember() != null)) {
            return "Group " + d.groupId() + " is consuming " + topic + ": stop its members first.";
        }
        if (rows.stream().noneMatch(p -> p.committed().isPresent())) {
            return "Group " + d.groupId() + " has no committed offsets on " + topic + ".";
        }
        return "";
    }
}
