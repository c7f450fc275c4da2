package io.mirador.ui.page.groups;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupMember;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.PartitionLag;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.GroupSource;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Consumer groups page. UI thread only: loads run through the {@link TaskExecutor},
 * whose callbacks come back on the UI thread, and each load replaces its whole list at once.
 *
 * <p>A refresh loads the group list and then, when a group is selected and still exists, that group's
 * per-partition detail. Selecting a group loads its detail at once. The filter works locally. Cluster choice,
 * polling and the list load's bookkeeping are the shared {@link ClusterPoller}'s; the detail load is this class's,
 * cancelled whenever the poller cancels the list load.
 *
 * <p>Write actions (reset offsets, delete the group or its offsets on a topic) are {@link #actions()}'s; they are
 * off while {@link #writableProperty()} is false (a read-only connection) and reload the list and the detail
 * after each success.
 */
public final class GroupsViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final GroupSource source;
    private final TaskExecutor executor;

    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObservableList<GroupSummary> groups = FXCollections.observableArrayList();
    private final ObservableList<GroupSummary> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final FilteredList<GroupSummary> visibleGroups = new FilteredList<>(groups);
    private final ObjectProperty<String> selectedGroup = new SimpleObjectProperty<>(this, "selectedGroup");
    private final ReadOnlyObjectWrapper<GroupDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ObservableList<PartitionLag> partitions = FXCollections.observableArrayList();
    private final ObservableList<PartitionLag> partitionsView = FXCollections.unmodifiableObservableList(partitions);
    private final ObservableList<GroupMember> members = FXCollections.observableArrayList();
    private final ObservableList<GroupMember> membersView = FXCollections.unmodifiableObservableList(members);
    private final ReadOnlyBooleanWrapper writable = new ReadOnlyBooleanWrapper(this, "writable");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle", "");

    private final ClusterPoller<List<GroupSummary>> poller;
    private final GroupActions actions;

    private BackgroundTask detailLoad;
    private String detailLoadKey;

    /** With the app's confirmations: a modal question dialog ({@link io.mirador.ui.control.Confirm}). */
    public GroupsViewModel(Connections connections, GroupSource source, TaskExecutor executor) {
        this(connections, source, executor, io.mirador.ui.control.Confirm::ask);
    }

    /**
     * @param confirm asks the user a yes/no question before a delete (the text is the question); true means go
     *                ahead. Called on the UI thread; tests answer it directly.
     */
    public GroupsViewModel(Connections connections, GroupSource source, TaskExecutor executor,
                           Predicate<String> confirm) {
        this.source = source;
        this.executor = executor;
        poller = new ClusterPoller<List<GroupSummary>>(this, connections, executor, AUTO_REFRESH,
                "Loading consumer groups of", "Could not load consumer groups", source::groups, this::loaded,
                this::clear)
                .onCancel(this::cancelDetailLoad)
                .onChanged(this::selectionChanged);
        actions = new GroupActions(source, executor, confirm, ZoneId.systemDefault(), poller.selectedClusterProperty(),
                selectedGroup, detail.getReadOnlyProperty(), writable.getReadOnlyProperty(), this::reloadAfterWrite,
                this::reloadAfterDelete);
        filter.addListener((obs, old, now) -> applyFilter());
        selectedGroup.addListener((obs, old, now) -> groupChanged());
        poller.start();
        applyFilter();
        updateDetailTitle();
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

    /** The groups whose id contains the filter text (ignoring case), sorted by id. */
    public ObservableList<GroupSummary> visibleGroups() {
        return visibleGroups;
    }

    /** Every group of the last load. */
    public ObservableList<GroupSummary> allGroups() {
        return groupsView;
    }

    /** Id of the group whose detail is shown; null for none. */
    public ObjectProperty<String> selectedGroupProperty() {
        return selectedGroup;
    }

    /** The last loaded detail of the selected group; null while none is selected or loaded. */
    public ReadOnlyObjectProperty<GroupDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** Per-partition positions of the selected group, sorted by topic then partition. */
    public ObservableList<PartitionLag> partitions() {
        return partitionsView;
    }

    /** Members of the selected group with their client id, host and assigned partitions. */
    public ObservableList<GroupMember> members() {
        return membersView;
    }

    /** False when the selected cluster is a read-only connection (or none is selected): every write is off. */
    public ReadOnlyBooleanProperty writableProperty() {
        return writable.getReadOnlyProperty();
    }

    /** Reset offsets, delete the group, delete its offsets on a topic. */
    public GroupActions actions() {
        return actions;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return poller.loadingProperty();
    }

    /** Why the list is empty or stale (cluster not running, last load failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** E.g. "2 of 5 groups". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** E.g. "orders-app · Stable · 1 member · lag 40"; a hint while no group is selected. */
    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    /** Loads the selected cluster's groups unless a load of that cluster is already under way. */
    public void refresh() {
        poller.refresh();
    }

    /** A list load of the still selected cluster succeeded (UI thread): show it, then refresh the detail. */
    private void loaded(List<GroupSummary> result) {
        groups.setAll(result);
        updateStatus();
        String group = selectedGroup.get();
        if (group != null) {
            if (result.stream().anyMatch(g -> g.groupId().equals(group))) {
                loadDetail();
            } else {
                selectedGroup.set(null);
            }
        }
    }

    /** Another cluster was chosen or the selected one stopped. */
    private void clear() {
        groups.clear();
        selectedGroup.set(null);
    }

    /** The selected cluster or its connection changed (the poller re-evaluated it). */
    private void selectionChanged() {
        writable.set(!poller.isSelectedReadOnly());
        updateStatus();
    }

    /**
     * A write succeeded: reload the list, then (as after every list load) the detail. A detail load under way
     * started before the write, so it is dropped. A list load under way is not restarted (the poller skips), so
     * the list may show the old state until the next tick, but the detail load that follows it starts after the
     * write and so shows the new state, which is what the action buttons depend on.
     */
    private void reloadAfterWrite() {
        cancelDetailLoad();
        poller.refresh();
    }

    /** The selected group is gone: unselect it rather than fail to load its detail, then reload the list. */
    private void reloadAfterDelete() {
        selectedGroup.set(null);
        poller.refresh();
    }

    private void loadDetail() {
        String cluster = poller.selectedCluster();
        String group = selectedGroup.get();
        if (cluster == null || group == null || !poller.isSelectedRunning()) {
            return;
        }
        String key = cluster + "\u0000" + group;
        if (detailLoad != null && !detailLoad.isDone() && key.equals(detailLoadKey)) {
            return;
        }
        cancelDetailLoad();
        detailLoadKey = key;
        detailLoad = executor.submit("Loading consumer group " + group, () -> source.group(cluster, group),
                result -> detailLoaded(cluster, group, result), failure -> detailFailed(cluster, group, failure));
    }

    private void detailLoaded(String cluster, String group, GroupDetail result) {
        if (!cluster.equals(poller.selectedCluster()) || !group.equals(selectedGroup.get())) {
            return;
        }
        detail.set(result);
        // Only real changes replace the rows: a replaced row loses its selection in the table, and the selected
        // partition is what "Delete topic offsets" works on.
        if (!partitions.equals(result.partitions())) {
            partitions.setAll(result.partitions());
        }
        if (!members.equals(result.members())) {
            members.setAll(result.members());
        }
        updateDetailTitle();
    }

    private void detailFailed(String cluster, String group, Throwable failure) {
        if (!cluster.equals(poller.selectedCluster()) || !group.equals(selectedGroup.get())) {
            return;
        }
        poller.setProblem("Could not load consumer group " + group + ": " + Messages.oneLine(failure));
    }

    private void groupChanged() {
        cancelDetailLoad();
        detail.set(null);
        partitions.clear();
        members.clear();
        updateDetailTitle();
        loadDetail();
    }

    private void cancelDetailLoad() {
        if (detailLoad != null) {
            detailLoad.cancel();
            detailLoad = null;
            detailLoadKey = null;
        }
    }

    private void applyFilter() {
        String text = Objects.requireNonNullElse(filter.get(), "").trim().toLowerCase(Locale.ROOT);
        visibleGroups.setPredicate(g -> text.isEmpty() || g.groupId().toLowerCase(Locale.ROOT).contains(text));
        updateStatus();
    }

    private void updateStatus() {
        status.set(visibleGroups.size() + " of " + groups.size() + (groups.size() == 1 ? " group" : " groups"));
    }

    private void updateDetailTitle() {
        String group = selectedGroup.get();
        GroupDetail d = detail.get();
        if (group == null) {
            detailTitle.set("Select a group to see its partitions");
        } else if (d == null) {
            detailTitle.set(group);
        } else {
            int members = d.members().size();
            detailTitle.set(group + " · " + stateName(d) + " · " + members + (members == 1 ? " member" : " members")
                    + " · lag " + d.totalLag());
        }
    }

    private static String stateName(GroupDetail d) {
        return Optional.ofNullable(d.state()).map(GroupsViewModel::title).orElse("Unknown");
    }

    /** "STABLE" or "Stable" to "Stable"; the name for the state column. */
    static String title(Object state) {
        if (state == null) {
            return "";
        }
        String s = state.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
