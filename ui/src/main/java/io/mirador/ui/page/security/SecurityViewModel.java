package io.mirador.ui.page.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.QuotaEntity;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SecuritySource;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the ACLs & quotas page: the chosen cluster's ACLs (filtered locally) and client quotas,
 * with create and delete of ACLs and create, edit and delete of quotas.
 *
 * <p>Threading: UI thread only. Kafka calls run through the {@link TaskExecutor}; callbacks come back on the UI
 * thread. The shared {@link ClusterPoller} loads both halves together ({@link SecuritySnapshot}); a cluster
 * without authorizer is a state of the ACL half ({@link #noAuthorizerProperty()}), not a failure of the page.
 *
 * <p>Writes: refused unless {@link #writableProperty()} (a running, not read-only connection), ACL writes also
 * when the cluster has no authorizer; deletes ask {@code confirm} first. A successful write updates the lists
 * at once: brokers learn changes through the metadata log, so an immediate reload could still show the old
 * state; the next poll reconciles.
 */
public final class SecurityViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);
    public static final String NO_AUTHORIZER = "This cluster has no authorizer: ACLs are not enforced. Set "
            + "authorizer.class.name on the brokers to use them.";

    private final SecuritySource source;
    private final TaskExecutor executor;
    private final Predicate<String> confirm;
    private final ClusterPoller<SecuritySnapshot> poller;

    private final StringProperty aclFilter = new SimpleStringProperty(this, "aclFilter", "");
    private final ObservableList<AclEntry> acls = FXCollections.observableArrayList();
    private final FilteredList<AclEntry> visibleAcls = new FilteredList<>(acls);
    private final ObservableList<ClientQuota> quotas = FXCollections.observableArrayList();
    private final ObservableList<ClientQuota> quotasView = FXCollections.unmodifiableObservableList(quotas);
    private final ReadOnlyBooleanWrapper noAuthorizer = new ReadOnlyBooleanWrapper(this, "noAuthorizer", false);
    private final ReadOnlyStringWrapper aclMessage = new ReadOnlyStringWrapper(this, "aclMessage", "");
    private final ReadOnlyStringWrapper quotaMessage = new ReadOnlyStringWrapper(this, "quotaMessage", "");
    private final ReadOnlyStringWrapper aclStatus = new ReadOnlyStringWrapper(this, "aclStatus", "");
    private final ReadOnlyBooleanWrapper writable = new ReadOnlyBooleanWrapper(this, "writable", false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working", false);
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper noticeIsError = new ReadOnlyBooleanWrapper(this, "noticeIsError");
    private final BooleanBinding aclWritable = writable.and(noAuthorizer.not()).and(working.not());
    private final BooleanBinding quotaWritable = writable.and(working.not());

    /**
     * @param confirm asked before a delete with the question to show; true goes ahead. Called on the UI thread
     *                and may block it (a modal dialog).
     */
    public SecurityViewModel(Connections connections, SecuritySource source, TaskExecutor executor,
                             Predicate<String> confirm) {
        this.source = source;
        this.executor = executor;
        this.confirm = confirm;
        poller = new ClusterPoller<SecuritySnapshot>(this, connections, executor, AUTO_REFRESH,
                "Loading ACLs and quotas of", "Could not load ACLs and quotas", cluster -> SecuritySnapshot.load(source, cluster), this::loaded, this::clear)
                .onChanged(this::updateWritable);
        aclFilter.addListener((obs, old, now) -> applyFilter());
        acls.addListener((ListChangeListener<AclEntry>) change -> updateStatus());
        poller.start();
        applyFilter();
    }

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
    }

    /** Shows ACLs whose principal, host, resource, operation or permission contains this text, ignoring case. */
    public StringProperty aclFilterProperty() {
        return aclFilter;
    }

    /** ACLs that pass the filter, sorted by resource, then principal. */
    public ObservableList<AclEntry> visibleAcls() {
        return visibleAcls;
    }

    /** User and client-id quotas, sorted by user, then client id. */
    public ObservableList<ClientQuota> quotas() {
        return quotasView;
    }

    /** True when the cluster said it has no authorizer: show {@link #aclMessageProperty()} instead of ACLs. */
    public ReadOnlyBooleanProperty noAuthorizerProperty() {
        return noAuthorizer.getReadOnlyProperty();
    }

    /** {@link #NO_AUTHORIZER}, or why the ACLs could not be loaded; empty when they were. */
    public ReadOnlyStringProperty aclMessageProperty() {
        return aclMessage.getReadOnlyProperty();
    }

    /** Why the quotas could not be loaded; empty when they were. */
    public ReadOnlyStringProperty quotaMessageProperty() {
        return quotaMessage.getReadOnlyProperty();
    }

    /** E.g. "3 of 10 ACLs". */
    public ReadOnlyStringProperty aclStatusProperty() {
        return aclStatus.getReadOnlyProperty();
    }

    /** Whether write actions are allowed: a running cluster whose connection is not read-only. */
    public ReadOnlyBooleanProperty writableProperty() {
        return writable.getReadOnlyProperty();
    }

    /** Whether ACLs can be created or deleted now: writable, an authorizer, and no other write under way. */
    public BooleanBinding aclWritableBinding() {
        return aclWritable;
    }

    /** Whether quotas can be changed now: writable, and no other write under way. */
    public BooleanBinding quotaWritableBinding() {
        return quotaWritable;
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** The outcome of the last write, in a sentence; empty before any. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether {@link #noticeProperty()} tells of a failure or a refusal (shown red) rather than a success. */
    public ReadOnlyBooleanProperty noticeIsErrorProperty() {
        return noticeIsError.getReadOnlyProperty();
    }

    private void say(String text, boolean error) {
        notice.set(text);
        noticeIsError.set(error);
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return poller.loadingProperty();
    }

    /** Why the page is empty or stale (cluster not running, both loads failed); empty when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return poller.problemProperty();
    }

    /** Page shown: load now and every {@link #AUTO_REFRESH}; page hidden: stop polling the cluster. */
    public void setActive(boolean active) {
        poller.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    public void refresh() {
        poller.refresh();
    }

    /** Creates the ACL the draft describes; a draft with a problem is refused with that problem. */
    public void createAcl(AclDraft draft) {
        AclEntry entry;
        try {
            entry = draft.toEntry();
        } catch (IllegalArgumentException e) {
            say("Could not create the ACL: " + e.getMessage(), true);
            return;
        }
        String cluster = poller.selectedCluster();
        if (!checkWritable(cluster, aclWritable.get(), "ACLs")) {
            return;
        }
        write("Creating ACL on " + cluster, cluster, () -> {
            source.createAcl(cluster, entry);
            return null;
        }, ignored -> {
            if (!acls.contains(entry)) {
                acls.add(entry);
            }
            say("Created ACL: " + entry.describe() + ".", false);
        }, "Could not create ACL " + entry.describe());
    }

    /** Deletes exactly these ACLs, after {@code confirm} agreed. */
    public void deleteAcls(Collection<AclEntry> entries) {
        List<AclEntry> doomed = List.copyOf(entries);
        String cluster = poller.selectedCluster();
        if (doomed.isEmpty() || !checkWritable(cluster, aclWritable.get(), "ACLs")) {
            return;
        }
        String question = doomed.size() == 1
                ? "Delete this ACL of cluster " + cluster + "?\n" + doomed.get(0).describe()
                : "Delete these " + doomed.size() + " ACLs of cluster " + cluster + "?";
        if (!confirm.test(question)) {
            return;
        }
        write("Deleting ACLs on " + cluster, cluster, () -> source.deleteAcls(cluster, doomed), deleted -> {
            acls.removeAll(doomed);
            say("Deleted " + deleted + (deleted == 1 ? " ACL." : " ACLs."), false);
        }, "Could not delete ACLs");
    }

    /** Sets the draft's limits and removes the ones it emptied. */
    public void saveQuota(QuotaDraft draft) {
        QuotaEntity entity;
        Map<String, Double> limits;
        List<String> removed;
        try {
            entity = draft.entity();
            limits = draft.limits();
            removed = draft.removedKeys();
        } catch (IllegalArgumentException e) {
            say("Could not save the quota: " + e.getMessage(), true);
            return;
        }
        if (limits.isEmpty() && removed.isEmpty()) {
            say("Could not save the quota of " + entity.describe() + ": give at least one limit.", true);
            return;
        }
        String cluster = poller.selectedCluster();
        if (!checkWritable(cluster, quotaWritable.get(), "quotas")) {
            return;
        }
        write("Saving quota of " + entity.describe(), cluster, () -> {
            source.alterQuota(cluster, entity, limits, removed);
            return null;
        }, ignored -> {
            QuotaRows.apply(quotas, entity, limits, removed);
            say("Saved the quota of " + entity.describe() + ".", false);
        }, "Could not save the quota of " + entity.describe());
    }

    /** Removes every limit of the quota, after {@code confirm} agreed. */
    public void deleteQuota(ClientQuota quota) {
        String cluster = poller.selectedCluster();
        if (quota == null || !checkWritable(cluster, quotaWritable.get(), "quotas")) {
            return;
        }
        QuotaEntity entity = quota.entity();
        if (!confirm.test("Delete the quota of " + entity.describe() + " on cluster " + cluster + "?")) {
            return;
        }
        write("Deleting quota of " + entity.describe(), cluster, () -> {
            source.deleteQuota(cluster, entity);
            return null;
        }, ignored -> {
            quotas.removeIf(q -> q.entity().equals(entity));
            say("Deleted the quota of " + entity.describe() + ".", false);
        }, "Could not delete the quota of " + entity.describe());
    }

    private boolean checkWritable(String cluster, boolean allowed, String what) {
        if (cluster == null) {
            say("Choose a cluster first.", true);
            return false;
        }
        if (working.get()) {
            return false;
        }
        if (!allowed) {
            say(noAuthorizer.get() && what.equals("ACLs") && writable.get() ? NO_AUTHORIZER
                    : "Cluster " + cluster + " is read-only or not running: " + what + " cannot be changed.", true);
            return false;
        }
        return true;
    }

    /** Runs one write off the UI thread; {@code done} runs only while its cluster is still the selected one. */
    private <T> void write(String title, String cluster, Callable<T> action, Consumer<T> done, String failed) {
        working.set(true);
        say("", false);
        executor.submit(title, action, result -> {
            working.set(false);
            if (cluster.equals(poller.selectedCluster())) {
                done.accept(result);
            }
        }, failure -> {
            working.set(false);
            say(failed + ": " + Messages.oneLine(failure), true);
        });
    }

    /** A load of the still selected cluster (UI thread); a failed half keeps its last values. */
    private void loaded(SecuritySnapshot result) {
        noAuthorizer.set(result.noAuthorizer());
        if (result.noAuthorizer()) {
            acls.clear();
            aclMessage.set(NO_AUTHORIZER);
        } else if (!result.aclFailure().isEmpty()) {
            aclMessage.set("Could not load ACLs: " + result.aclFailure());
        } else {
            aclMessage.set("");
            if (!result.acls().equals(acls)) {
                acls.setAll(result.acls());
            }
        }
        if (!result.quotaFailure().isEmpty()) {
            quotaMessage.set("Could not load client quotas: " + result.quotaFailure());
        } else {
            quotaMessage.set("");
            if (!result.quotas().equals(quotas)) {
                quotas.setAll(result.quotas());
            }
        }
    }

    /** Another cluster was chosen or the selected one stopped. */
    private void clear() {
        acls.clear();
        quotas.clear();
        noAuthorizer.set(false);
        aclMessage.set("");
        quotaMessage.set("");
        say("", false);
    }

    private void applyFilter() {
        String text = Objects.requireNonNullElse(aclFilter.get(), "").trim().toLowerCase(Locale.ROOT);
        visibleAcls.setPredicate(e -> text.isEmpty() || e.describe().toLowerCase(Locale.ROOT).contains(text));
        updateStatus();
    }

    private void updateStatus() {
        aclStatus.set(visibleAcls.size() + " of " + acls.size() + (acls.size() == 1 ? " ACL" : " ACLs"));
    }

    private void updateWritable() {
        writable.set(poller.isSelectedWritable());
    }
}
