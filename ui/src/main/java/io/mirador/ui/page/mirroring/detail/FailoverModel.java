package io.mirador.ui.page.mirroring.detail;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import io.mirador.replicator.engine.FailoverReport;
import io.mirador.ui.page.CommandNotice;
import io.mirador.ui.service.mirroring.MirroringService;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The failover dialog's state: a preview of what failing the route over now would leave behind (records the target
 * lacks and the oldest one's age, per partition; where each consumer group resumes on the target), then, once
 * confirmed, the failover itself and its report with the failback route it prepared.
 *
 * <p>Both calls block on the engine (the failover drains up to {@link #drainSecondsProperty()} and syncs groups a
 * last time) and run through the {@link TaskExecutor}; {@link #busyProperty()} is true meanwhile and the outcome,
 * good or bad, is one line in {@link #notice()}. One call at a time. UI thread only; no Node.
 */
public final class FailoverModel {

    /** Where the dialog stands. */
    public enum Phase { PREVIEWING, PREVIEWED, PREVIEW_FAILED, FAILING_OVER, FAILED_OVER, FAILOVER_FAILED }

    public static final int DEFAULT_DRAIN_SECONDS = 30;
    public static final int MAX_DRAIN_SECONDS = 600;

    private final MirroringService service;
    private final TaskExecutor executor;
    private final String route;
    private final String target;
    private final Consumer<FailoverReport> onFailedOver;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.PREVIEWING);
    private final ReadOnlyObjectWrapper<FailoverReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<FailoverReport.PartitionGap> partitions = FXCollections.observableArrayList();
    private final ObservableList<GroupRow> groups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper(this, "notes", "");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyBooleanWrapper canFailOver = new ReadOnlyBooleanWrapper(this, "canFailOver");
    private final IntegerProperty drainSeconds = new SimpleIntegerProperty(this, "drainSeconds",
            DEFAULT_DRAIN_SECONDS);
    private final CommandNotice notice = new CommandNotice(this);

    /**
     * @param target       the route's target cluster, for the wording; may be null
     * @param onFailedOver runs on the UI thread after a failover succeeded (the detail refreshes and says so)
     */
    public FailoverModel(MirroringService service, TaskExecutor executor, String route, String target,
                         Consumer<FailoverReport> onFailedOver) {
        this.service = Objects.requireNonNull(service, "service");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.route = Objects.requireNonNull(route, "route");
        this.target = targetName(target);
        this.onFailedOver = Objects.requireNonNull(onFailedOver, "onFailedOver");
        phase.addListener((obs, old, now) -> canFailOver.set(now == Phase.PREVIEWED));
    }

    public String route() {
        return route;
    }

    public String title() {
        return "Fail over route " + route + " to " + target;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The last report, the preview's and then the failover's; null before the first. */
    public ReadOnlyObjectProperty<FailoverReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The report's partitions, by topic and partition. */
    public ObservableList<FailoverReport.PartitionGap> partitions() {
        return partitions;
    }

    /** The report's consumer groups, one row per group and partition: where each resumes on the target. */
    public ObservableList<GroupRow> groups() {
        return groups;
    }

    /** The recovery point in one sentence: "1,234 records are not on local-b yet; the oldest is 12.5 s old." */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The engine's notes on the report, one a line; empty when none. */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** What runs now, for the progress line; empty when idle. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return notice.busyProperty();
    }

    /** "Fail over now" is offered once a preview succeeded, and only then. */
    public ReadOnlyBooleanProperty canFailOverProperty() {
        return canFailOver.getReadOnlyProperty();
    }

    /** How long the failover goes on copying what the source still has, 0..{@link #MAX_DRAIN_SECONDS}. */
    public IntegerProperty drainSecondsProperty() {
        return drainSeconds;
    }

    /** The outcome of the last call: errors as such, successes not. */
    public CommandNotice notice() {
        return notice;
    }

    /** Asks the engine what a failover now would leave behind; changes nothing. */
    public void preview() {
        if (notice.busyProperty().get() || phase.get() == Phase.FAILING_OVER || phase.get() == Phase.FAILED_OVER) {
            return;
        }
        phase.set(Phase.PREVIEWING);
        notice.clear();
        progressText.set("Previewing: asking both clusters what the target lacks…");
        notice.submit(executor, "Previewing the failover of route " + route,
                () -> service.failover(route, Duration.ofSeconds(drain()), true), result -> {
                    progressText.set("");
                    show(result);
                    phase.set(Phase.PREVIEWED);
                    notice.say("Preview ready, nothing changed yet. “Fail over now” drains, stops the route and"
                            + " moves its consumer groups.", false);
                }, failure -> {
                    progressText.set("");
                    phase.set(Phase.PREVIEW_FAILED);
                    notice.say("Could not preview the failover of route " + route + ": " + Messages.oneLine(failure),
                            true);
                });
    }

    /** Fails the route over for real; only after a preview. */
    public void failOver() {
        if (!canFailOver.get() || notice.busyProperty().get()) {
            return;
        }
        phase.set(Phase.FAILING_OVER);
        notice.clear();
        int drain = drain();
        progressText.set("Failing over: copying what the source still has (up to " + drain + " s), stopping the"
                + " route, syncing its consumer groups a last time…");
        notice.submit(executor, "Failing over route " + route,
                () -> service.failover(route, Duration.ofSeconds(drain), false), result -> {
                    progressText.set("");
                    show(result);
                    phase.set(Phase.FAILED_OVER);
                    notice.say(doneText(result), false);
                    onFailedOver.accept(result);
                }, failure -> {
                    progressText.set("");
                    phase.set(Phase.FAILOVER_FAILED);
                    notice.say("Could not fail over route " + route + ": " + Messages.oneLine(failure), true);
                });
    }

    String doneText(FailoverReport r) {
        return doneText(route, target, r);
    }

    /** "Failed over route r to b: 12 records not mirrored, 3 groups moved. Route r is paused; failback route ...". */
    static String doneText(String route, String target, FailoverReport r) {
        return "Failed over route " + route + " to " + target + ": " + records(r.unmirroredRecords())
                + " not mirrored, " + r.groups().size() + (r.groups().size() == 1 ? " group" : " groups")
                + " moved. Route " + route + " is paused"
                + (r.failbackRoute() == null ? "." : "; failback route " + r.failbackRoute() + " is ready, paused.");
    }

    private void show(FailoverReport r) {
        report.set(r);
        partitions.setAll(r.partitions() == null ? List.of() : r.partitions().stream()
                .sorted(java.util.Comparator.comparing(FailoverReport.PartitionGap::topic)
                        .thenComparingInt(FailoverReport.PartitionGap::partition)).toList());
        groups.setAll(GroupRow.of(r.groups() == null ? List.of() : r.groups()));
        headline.set(headline(r, target));
        notes.set(r.notes() == null ? "" : String.join("\n", r.notes()));
    }

    static String headline(FailoverReport r, String target) {
        String when = r.preview() ? "now" : "at the failover";
        if (r.unmirroredRecords() == 0) {
            return "Nothing lost: " + target + " has every record of the source " + when + " (RPO 0).";
        }
        String records = records(r.unmirroredRecords());
        String age = Double.isNaN(r.rpoSeconds()) ? "the oldest one's age is unknown (the source did not answer)"
                : "the oldest is " + seconds(r.rpoSeconds()) + " old";
        return records + (r.unmirroredRecords() == 1 ? " is" : " are") + " not on " + target + " " + when + "; "
                + age + ".";
    }

    static String records(long n) {
        return Formats.count(n) + (n == 1 ? " record" : " records");
    }

    /** "0.4 s", "12.5 s", "3 min 5 s", "2 h 10 min"; "–" when unknown. */
    public static String seconds(double s) {
        if (Double.isNaN(s) || s < 0) {
            return "–";
        }
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 3600) {
            return whole / 60 + " min " + whole % 60 + " s";
        }
        return whole / 3600 + " h " + (whole % 3600) / 60 + " min";
    }

    static String targetName(String target) {
        return target == null ? "the target" : target;
    }

    private int drain() {
        return Math.max(0, Math.min(MAX_DRAIN_SECONDS, drainSeconds.get()));
    }
}
