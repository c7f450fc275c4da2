package io.mirador.ui.page.groups;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;
import io.mirador.ui.service.GroupSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the "Reset offsets" dialog for one group of one cluster: which of the group's topics,
 * which mode, then Preview (reads what would be committed) and Apply (commits exactly that).
 *
 * <p>Invariant: the preview always belongs to the inputs on screen. Any input change drops it (and makes a
 * preview still under way be ignored when it arrives), so Apply can only ever write a preview the user has seen
 * for the settings the user sees; Apply hands the cluster that very list, and the cluster side refuses it if
 * the group's offsets moved in between.
 *
 * <p>Threading: UI thread only; the reads and the write run through the {@link TaskExecutor}, whose callbacks
 * come back on the UI thread. No JavaFX node here, so tests run it with a direct executor.
 */
public final class ResetOffsetsViewModel {

    /** Where the offsets go; each mode but the first two takes one input. */
    public enum Mode {
        EARLIEST("To earliest offset"),
        LATEST("To latest offset"),
        TIMESTAMP("To date and time"),
        OFFSET("To offset"),
        SHIFT("Shift by");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One topic of the group and whether it is reset; all are ticked at first. */
    public static final class TopicChoice {
        private final String name;
        private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected", true);

        TopicChoice(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public BooleanProperty selectedProperty() {
            return selected;
        }
    }

    private final String cluster;
    private final String groupId;
    private final GroupSource source;
    private final TaskExecutor executor;
    private final ZoneId zone;
    private final Consumer<String> onApplied;

    private final ObservableList<TopicChoice> topics;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.EARLIEST);
    private final ObjectProperty<LocalDate> date = new SimpleObjectProperty<>(this, "date");
    private final StringProperty time = new SimpleStringProperty(this, "time", "00:00");
    private final StringProperty offset = new SimpleStringProperty(this, "offset", "0");
    private final StringProperty shift = new SimpleStringProperty(this, "shift", "0");

    private final ReadOnlyStringWrapper inputProblem = new ReadOnlyStringWrapper(this, "inputProblem", "");
    private final ObservableList<OffsetChange> preview = FXCollections.observableArrayList();
    private final ObservableList<OffsetChange> previewView = FXCollections.unmodifiableObservableList(preview);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper applied = new ReadOnlyBooleanWrapper(this, "applied");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper canPreview = new ReadOnlyBooleanWrapper(this, "canPreview");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");

    /** Bumped on every input change; a preview computed for an older value is dropped. */
    private long generation;
    private BackgroundTask previewTask;

    /**
     * @param topics    the group's topics, offered for the reset (all ticked)
     * @param zone      the user's zone: the date and time are read in it
     * @param onApplied runs on the UI thread after a successful apply, with the one-line result
     */
    public ResetOffsetsViewModel(String cluster, String groupId, List<String> topics, GroupSource source,
                                 TaskExecutor executor, ZoneId zone, Consumer<String> onApplied) {
        this.cluster = Objects.requireNonNull(cluster);
        this.groupId = Objects.requireNonNull(groupId);
        this.source = source;
        this.executor = executor;
        this.zone = zone;
        this.onApplied = onApplied;
        this.topics = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(
                topics.stream().distinct().sorted().map(TopicChoice::new).toList()));
        date.set(LocalDate.now(zone));

        // Change (not invalidation) listeners: validation reads only the current mode's inputs, and an input left
        // unread would never report a later change, breaking the preview-matches-inputs invariant.
        for (ObservableValue<?> input : List.of(mode, date, time, offset, shift)) {
            input.addListener((obs, old, now) -> inputsChanged());
        }
        this.topics.forEach(t -> t.selectedProperty().addListener((obs, old, now) -> inputsChanged()));
        BooleanBinding previewable = Bindings.createBooleanBinding(
                () -> inputProblem.get().isEmpty() && !busy.get() && !applied.get(), inputProblem, busy, applied);
        canPreview.bind(previewable);
        canApply.bind(Bindings.createBooleanBinding(() -> !preview.isEmpty() && !busy.get() && !applied.get(),
                preview, busy, applied));
        validate();
    }

    public String cluster() {
        return cluster;
    }

    public String groupId() {
        return groupId;
    }

    public ZoneId zone() {
        return zone;
    }

    /** E.g. "Central European Time (Europe/Paris)": the zone the date and time are read in. */
    public String zoneText() {
        return zone.getDisplayName(TextStyle.FULL, Locale.getDefault()) + " (" + zone.getId() + ")";
    }

    public ObservableList<TopicChoice> topics() {
        return topics;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** Date of {@link Mode#TIMESTAMP}, in {@link #zone()}. */
    public ObjectProperty<LocalDate> dateProperty() {
        return date;
    }

    /** Time of day of {@link Mode#TIMESTAMP} as typed, e.g. "14:05" or "14:05:30". */
    public StringProperty timeProperty() {
        return time;
    }

    /** Offset of {@link Mode#OFFSET} as typed. */
    public StringProperty offsetProperty() {
        return offset;
    }

    /** Delta of {@link Mode#SHIFT} as typed; negative re-reads. */
    public StringProperty shiftProperty() {
        return shift;
    }

    /** Why the inputs cannot be previewed, in a sentence; empty when they can. */
    public ReadOnlyStringProperty inputProblemProperty() {
        return inputProblem.getReadOnlyProperty();
    }

    /** The last preview of the current inputs, sorted by topic then partition; empty when there is none. */
    public ObservableList<OffsetChange> previewRows() {
        return previewView;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Becomes true once the reset is committed; the dialog then closes. */
    public ReadOnlyBooleanProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }

    /** One line about the last preview or apply: what it found, or why it failed. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviewProperty() {
        return canPreview.getReadOnlyProperty();
    }

    /** Only with a preview of the current inputs. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** The topics ticked, sorted. */
    public List<String> selectedTopics() {
        return topics.stream().filter(t -> t.selectedProperty().get()).map(TopicChoice::name).toList();
    }

    /**
     * The reset the inputs describe.
     *
     * @throws IllegalArgumentException with the sentence of {@link #inputProblemProperty} when they describe none
     */
    public ResetSpec spec() {
        return ResetInputs.spec(mode.get(), date.get(), time.get(), offset.get(), shift.get(), zone);
    }

    /** Reads what the reset would commit; the preview then replaces the last one. */
    public void preview() {
        if (!canPreview.get()) {
            return;
        }
        ResetSpec spec = spec();
        List<String> chosen = selectedTopics();
        long asked = generation;
        cancelPreview();
        busy.set(true);
        message.set("");
        previewTask = executor.submit("Previewing offset reset of group " + groupId,
                () -> source.previewReset(cluster, groupId, chosen, spec),
                changes -> {
                    if (asked != generation) {
                        return;
                    }
                    busy.set(false);
                    preview.setAll(changes);
                    message.set(ResetInputs.summary(changes));
                },
                failure -> {
                    if (asked != generation) {
                        return;
                    }
                    busy.set(false);
                    message.set("Could not preview the reset: " + Messages.oneLine(failure));
                });
    }

    /** Commits exactly the previewed offsets; nothing happens without a preview of the current inputs. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        List<OffsetChange> changes = List.copyOf(preview);
        busy.set(true);
        message.set("");
        // Not cancelled by dispose(): once sent, the outcome must still reach the page.
        executor.submit("Resetting offsets of group " + groupId, () -> {
            source.applyReset(cluster, groupId, changes);
            return changes.size();
        }, count -> {
            busy.set(false);
            String done = "Reset " + count + (count == 1 ? " partition" : " partitions") + " of group " + groupId + ".";
            message.set(done);
            applied.set(true);
            onApplied.accept(done);
        }, failure -> {
            busy.set(false);
            message.set("Could not reset offsets: " + Messages.oneLine(failure));
        });
    }

    /** The dialog closed: a preview under way is no longer wanted. */
    public void dispose() {
        generation++;
        cancelPreview();
    }

    private void inputsChanged() {
        generation++;
        if (previewTask != null && !previewTask.isDone()) {
            cancelPreview();
            busy.set(false);
        }
        if (!preview.isEmpty()) {
            preview.clear();
            message.set("");
        }
        validate();
    }

    private void validate() {
        String problem = "";
        if (selectedTopics().isEmpty()) {
            problem = "Choose at least one topic.";
        } else {
            try {
                spec();
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        inputProblem.set(problem);
    }

    private void cancelPreview() {
        if (previewTask != null) {
            previewTask.cancel();
            previewTask = null;
        }
    }
}
