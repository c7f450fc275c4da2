package io.mirador.ui.page.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.cluster.topic.TopicList;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and commands of the Topics page. UI thread only: loads run through the {@link TaskExecutor}, whose
 * callbacks come back on the UI thread, and each load replaces the whole list at once. Cluster choice,
 * polling and load bookkeeping are the shared {@link ClusterPoller}'s; the open topic is {@link TopicDetailModel}'s
 * and write actions are {@link TopicCommands}'; this class keeps the list, its filter and in-rates.
 *
 * <p>Topics are always fetched with internal ones included and filtered here, so "Show internal" and the
 * filter box react instantly without another round trip to the cluster. In-rates come from the latest offsets of
 * two consecutive loads, so they cost no request of their own and are unknown until the second load.
 */
public final class TopicsViewModel {

    public static final Duration AUTO_REFRESH = Duration.ofSeconds(5);

    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty regex = new SimpleBooleanProperty(this, "regex", false);
    private final BooleanProperty showInternal = new SimpleBooleanProperty(this, "showInternal", false);
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper(this, "filterProblem", "");
    private final ObservableList<TopicSummary> topics = FXCollections.observableArrayList();
    private final ObservableList<TopicSummary> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final FilteredList<TopicSummary> visibleTopics = new FilteredList<>(topics);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper writable = new ReadOnlyBooleanWrapper(this, "writable", false);
    private final ObjectProperty<String> selectedTopic = new SimpleObjectProperty<>(this, "selectedTopic");
    private final IntegerProperty selectedCount = new SimpleIntegerProperty(this, "selectedCount", 0);
    private final BooleanBinding canChangeSelected;
    private final InRates inRates = new InRates();
    /** Replaced before the list on each load, so cells redrawn by the list change read the new rates. */
    private Map<String, Double> rates = Map.of();
    private TopicFilter namesFilter = TopicFilter.ALL;

    private final ClusterPoller<TopicList> poller;
    private final TopicDetailModel detail;
    private final TopicCommands commands;
    private final TopicSource source;
    private final TaskExecutor executor;

    public TopicsViewModel(Connections connections, TopicSource source, TaskExecutor executor) {
        this.source = source;
        this.executor = executor;
        poller = new ClusterPoller<TopicList>(this, connections, executor, AUTO_REFRESH,
                "Loading topics of", "Could not load topics", source::listing, this::loaded, this::clear)
                .onChanged(this::clusterStateChanged);
        detail = new TopicDetailModel(source, executor, poller::selectedCluster, poller::isSelectedRunning);
        commands = new TopicCommands(source, executor, poller::selectedCluster, writable.getReadOnlyProperty(),
                this::afterWrite);
        canChangeSelected = writable.getReadOnlyProperty().and(selectedTopic.isNotNull())
                .and(selectedCount.lessThanOrEqualTo(1));
        filter.addListener((obs, old, now) -> applyFilter());
        regex.addListener((obs, old, now) -> applyFilter());
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

    /** Whether the filter text is a regular expression (found anywhere in the name, ignoring case). */
    public BooleanProperty regexProperty() {
        return regex;
    }

    /** Why the filter cannot be used (a bad regex), in one line; empty when it is fine. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
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

    /**
     * Records per second written to {@code topic} between the last two loads; null when not known yet. Right after
     * the page is shown again, the rate known when it was left, until a second load measures a new one.
     */
    public Double inRate(String topic) {
        return rates.get(topic);
    }

    /** False when the selected cluster is read-only, not available or none is selected: writes are disabled. */
    public ReadOnlyBooleanProperty writableProperty() {
        return writable.getReadOnlyProperty();
    }

    /** The topic the toolbar's actions apply to (the table's selection); null for none. */
    public ObjectProperty<String> selectedTopicProperty() {
        return selectedTopic;
    }

    /**
     * How many rows the table has selected (it allows several, to copy them). Delete, add partitions and purge
     * act on {@link #selectedTopicProperty()} alone, so they are off while several are selected rather than
     * quietly acting on one of them.
     */
    public IntegerProperty selectedCountProperty() {
        return selectedCount;
    }

    /** True when delete, add partitions and purge can act: a writable cluster and exactly one selected topic. */
    public BooleanBinding canChangeSelectedProperty() {
        return canChangeSelected;
    }

    public TopicDetailModel detail() {
        return detail;
    }

    public TopicCommands commands() {
        return commands;
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
        if (!active) {
            // Rates shown after a long pause would be averages over it, not what flows now.
            inRates.reset();
        }
        poller.setActive(active);
    }

    public boolean isActive() {
        return poller.isActive();
    }

    /** Loads the selected cluster's topics unless a load of that cluster is already under way. */
    public void refresh() {
        poller.refresh();
    }

    /** Opens the detail pane on {@code topic}. */
    public void openDetail(String topic) {
        detail.open(topic);
    }

    public CreateTopicForm newCreateForm() {
        return new CreateTopicForm(topics.stream().map(TopicSummary::name).collect(Collectors.toSet()));
    }

    /** A form for the selected topic; empty when none is selected. */
    public Optional<DeleteTopicForm> newDeleteForm() {
        return selected().map(t -> new DeleteTopicForm(t.name()));
    }

    public Optional<AddPartitionsForm> newAddPartitionsForm() {
        return selected().map(t -> new AddPartitionsForm(t.name(), t.partitions()));
    }

    /**
     * Offers the open detail's offsets when it shows the selected topic; otherwise reads them in the background
     * and fills them in when they arrive (until then they show as unknown and the broker checks the offsets).
     */
    public Optional<PurgeForm> newPurgeForm() {
        return selected().map(t -> {
            TopicDetail shown = detail.detailProperty().get();
            boolean same = shown != null && shown.name().equals(t.name());
            PurgeForm form = new PurgeForm(t.name(), same ? shown.partitions() : List.of(), t.partitions());
            String cluster = poller.selectedCluster();
            if (!same && cluster != null) {
                executor.submit("Reading the offsets of " + t.name(), () -> source.detail(cluster, t.name()).partitions(),
                        form::offsetsRead, failure -> { });
            }
            return form;
        });
    }

    /** A form to edit {@code config} of the open topic; empty when none is open. */
    public Optional<ConfigEditForm> newConfigEditForm(ConfigValue config) {
        return Optional.ofNullable(detail.topicProperty().get()).map(t -> new ConfigEditForm(t, config));
    }

    private Optional<TopicSummary> selected() {
        String name = selectedTopic.get();
        return name == null ? Optional.empty()
                : topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** A load of the still selected cluster succeeded (UI thread). */
    private void loaded(TopicList result) {
        boolean baseline = inRates.hasBaseline();
        Map<String, Double> fresh = inRates.next(result.latestOffsets());
        // The first load after the page comes back cannot tell rates yet: the last known ones stay until the
        // next load replaces them, rather than every rate turning to '–' for a refresh period.
        if (baseline || rates.isEmpty()) {
            rates = new HashMap<>(fresh);
        }
        topics.setAll(result.topics());
        Set<String> names = result.topics().stream().map(TopicSummary::name).collect(Collectors.toSet());
        if (selectedTopic.get() != null && !names.contains(selectedTopic.get())) {
            selectedTopic.set(null);
        }
        detail.topicsReloaded(names);
        updateStatus();
    }

    /** Another cluster was chosen or the selected one stopped. */
    private void clear() {
        topics.clear();
        rates = Map.of();
        inRates.reset();
        selectedTopic.set(null);
        detail.close();
    }

    /** The list reload also reloads the open topic ({@link TopicDetailModel#topicsReloaded}), so once is enough. */
    private void afterWrite() {
        poller.refresh();
    }

    private void clusterStateChanged() {
        writable.set(poller.isSelectedWritable());
        updateStatus();
    }

    private void applyFilter() {
        TopicFilter next = TopicFilter.of(filter.get(), regex.get());
        filterProblem.set(next.problem());
        if (next.valid()) {
            namesFilter = next;
        }
        // A bad pattern keeps the last good one, so the table does not flicker while a regex is being typed.
        Predicate<String> names = namesFilter.matches();
        boolean internal = showInternal.get();
        visibleTopics.setPredicate(t -> (internal || !t.internal()) && names.test(t.name()));
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
