package io.mirador.ui.page.messages;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.StartAt;
import io.mirador.cluster.record.StopAt;
import io.mirador.cluster.record.filter.Filter;
import io.mirador.cluster.record.filter.FilterSyntaxException;
import io.mirador.ui.page.ClusterPoller;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Messages page: choose a cluster and topic, seek ({@link SeekForm}), filter, then read
 * — a bounded search into a disk spool shown a page at a time, or a live tail into a bounded buffer — or find the
 * records of one key. The read machinery is {@link ReadController}'s, the table's contents {@link ResultsWindow}'s.
 *
 * <p>For the record detail, produce and export features next to the table: {@link #selectedRecordProperty()},
 * {@link #selectedClusterProperty()} and {@link #selectedTopicProperty()} say what the user looks at.
 *
 * <p>Threading: UI thread only; everything Kafka runs on the {@link TaskExecutor}'s workers. Holds no node.
 */
public final class MessagesViewModel {

    /** The topic list changes rarely; it is also reloaded whenever the page is shown or the cluster starts. */
    public static final Duration TOPICS_REFRESH = Duration.ofMinutes(1);

    private final RecordSource source;
    private final TaskExecutor executor;
    private final TimeDisplay time;
    private final ClusterPoller<List<String>> poller;
    private final ReadController reads;
    private final SeekForm form = new SeekForm();
    private final ObservableList<String> topics = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedTopic = new SimpleObjectProperty<>(this, "selectedTopic");
    private final ReadOnlyIntegerWrapper partitionCount = new ReadOnlyIntegerWrapper(this, "partitionCount", -1);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper(this, "filterProblem", "");
    private final ReadOnlyIntegerWrapper filterErrorPosition =
            new ReadOnlyIntegerWrapper(this, "filterErrorPosition", -1);
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final ObjectProperty<KafkaRecord> selectedRecord = new SimpleObjectProperty<>(this, "selectedRecord");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private BackgroundTask partitionsLoad;

    public MessagesViewModel(Connections connections, RecordSource source, TaskExecutor executor, TimeDisplay time) {
        this(connections, source, ScanFactory.of(source), executor, time);
    }

    /** With other reads than the source's: tests script them. */
    MessagesViewModel(Connections connections, RecordSource source, ScanFactory scans, TaskExecutor executor,
                      TimeDisplay time) {
        this.source = source;
        this.executor = executor;
        this.time = time;
        this.reads = new ReadController(source, scans, executor);
        poller = new ClusterPoller<List<String>>(this, connections, executor, TOPICS_REFRESH, "Loading topics of",
                "Could not load topics", source::topics, this::topicsLoaded, this::clusterCleared);
        selectedTopic.addListener((obs, old, now) -> topicChanged());
        filter.addListener((obs, old, now) -> checkFilter());
        time.zoneProperty().addListener((obs, old, now) -> form.rezone(old, now));
        poller.problemProperty().addListener((obs, old, now) -> updateProblem());
        reads.errorProperty().addListener((obs, old, now) -> updateProblem());
        reads.window().items().addListener((javafx.collections.ListChangeListener<KafkaRecord>) change -> {
            if (selectedRecord.get() != null && reads.window().items().isEmpty()) {
                selectedRecord.set(null);
            }
        });
        poller.start();
        updateProblem();
    }

    // --- what the user looks at (also the seam for the detail pane, produce and export) ---

    public ObservableList<String> clusterNames() {
        return poller.clusterNames();
    }

    public ObjectProperty<String> selectedClusterProperty() {
        return poller.selectedClusterProperty();
    }

    /** Topics of the selected cluster, sorted, internal ones excluded. */
    public ObservableList<String> topics() {
        return topics;
    }

    public ObjectProperty<String> selectedTopicProperty() {
        return selectedTopic;
    }

    /** The selected topic's partition count; -1 while unknown. */
    public ReadOnlyIntegerProperty partitionCountProperty() {
        return partitionCount.getReadOnlyProperty();
    }

    /** The record the table's selection points at; null for none. */
    public ObjectProperty<KafkaRecord> selectedRecordProperty() {
        return selectedRecord;
    }

    /** Whether the selected cluster refuses writes (read-only connection, or none). */
    public boolean isSelectedReadOnly() {
        return poller.isSelectedReadOnly();
    }

    public TimeDisplay timeDisplay() {
        return time;
    }

    // --- inputs ---

    public SeekForm form() {
        return form;
    }

    /** The filter expression (docs/FILTERS.md); blank for every record. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** Why the filter does not compile, one line with the position; empty when it is fine. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** 0-based position of the filter's error, -1 when none. */
    public ReadOnlyIntegerProperty filterErrorPositionProperty() {
        return filterErrorPosition.getReadOnlyProperty();
    }

    /** The key "find by key" looks for, as UTF-8 text. */
    public StringProperty keyProperty() {
        return key;
    }

    /** Matches per search page held in memory (default 10,000). */
    public IntegerProperty pageSizeProperty() {
        return reads.pageSizeProperty();
    }

    /** Records the live tail keeps, the newest (default 10,000). */
    public IntegerProperty tailCapacityProperty() {
        return reads.tailCapacityProperty();
    }

    // --- results and state ---

    /** What the table shows, sorted by timestamp, then partition and offset. */
    public ObservableList<KafkaRecord> records() {
        return reads.window().items();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return reads.runningProperty();
    }

    /** A live tail is running. */
    public ReadOnlyBooleanProperty liveProperty() {
        return reads.liveProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return reads.pausedProperty();
    }

    /** 0 to 1, or -1 (indeterminate) for a live tail. */
    public ReadOnlyDoubleProperty progressProperty() {
        return reads.progressProperty();
    }

    /** E.g. "Searching · 12,345 scanned of 100,000 · 42 matches · 8,500 records/s · 12%". */
    public ReadOnlyStringProperty progressTextProperty() {
        return reads.progressTextProperty();
    }

    /** One line: a read that failed or could not start, else why the cluster cannot be read; empty when fine. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousPageProperty() {
        return reads.window().canPreviousProperty();
    }

    public ReadOnlyBooleanProperty canNextPageProperty() {
        return reads.window().canNextProperty();
    }

    /** E.g. "Matches 1–10,000 of 54,321"; empty for a tail. */
    public ReadOnlyStringProperty pageTextProperty() {
        return reads.window().textProperty();
    }

    // --- commands ---

    /** Page shown: keep the topic list fresh. Reads go on while the page is hidden until stopped or replaced. */
    public void setActive(boolean active) {
        poller.setActive(active);
    }

    /** Reloads the topic list. */
    public void refreshTopics() {
        poller.refresh();
    }

    /**
     * Reads what the form and filter say: a live tail when the form stops "never", else a search.
     *
     * @return false when the read could not start (see {@link #problemProperty()} and {@link #filterProblemProperty()})
     */
    public boolean read() {
        return start(false, null);
    }

    /** Follows new records only (latest, never stopping), in the chosen partitions, through the filter. */
    public boolean tail() {
        return start(true, null);
    }

    /** Reads only the partition the key goes to (default partitioner), keeping records with exactly that key. */
    public boolean findByKey() {
        String text = key.get() == null ? "" : key.get();
        if (text.isEmpty()) {
            reads.setError("Type the key to find.");
            return false;
        }
        return start(false, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the read, keeping what it found. */
    public void stop() {
        reads.stop();
    }

    public void pause() {
        reads.pause();
    }

    public void resume() {
        reads.resume();
    }

    public void nextPage() {
        reads.nextPage();
    }

    public void previousPage() {
        reads.previousPage();
    }

    ReadController reads() {
        return reads;
    }

    private boolean start(boolean tail, byte[] wantedKey) {
        String cluster = poller.selectedCluster();
        if (cluster == null || !poller.isSelectedRunning()) {
            reads.setError(cluster == null ? "Choose a cluster." : "Cluster " + cluster + " is not available.");
            return false;
        }
        Filter compiled = checkFilter();
        if (!filterProblem.get().isEmpty()) {
            return false;
        }
        ReadSpec spec;
        ZoneId zone = time.zone();
        try {
            spec = form.toSpec(selectedTopic.get(), partitionCount.get(), zone);
        } catch (IllegalArgumentException e) {
            reads.setError(Messages.oneLine(e));
            return false;
        }
        if (compiled != null) {
            spec = spec.withFilter(compiled::test);
        }
        if (tail) {
            spec = spec.from(StartAt.latest(0)).to(StopAt.live()).withLimit(Long.MAX_VALUE);
        }
        boolean live = spec.stop() instanceof StopAt.Live;
        String what = wantedKey != null ? "Finding key '" + key.get() + "' in " : live ? "Tailing " : "Reading ";
        reads.start(live ? ReadSession.Kind.TAIL : ReadSession.Kind.SEARCH,
                new ReadSession.Request(cluster, spec, compiled, wantedKey, what + spec.topic() + " on " + cluster));
        return true;
    }

    /** Compiles the filter; returns it, or null when blank or malformed (then the problem is set). */
    private Filter checkFilter() {
        String text = filter.get() == null ? "" : filter.get();
        if (text.isBlank()) {
            filterProblem.set("");
            filterErrorPosition.set(-1);
            return null;
        }
        try {
            Filter compiled = Filter.compile(text);
            filterProblem.set("");
            filterErrorPosition.set(-1);
            return compiled;
        } catch (FilterSyntaxException e) {
            filterErrorPosition.set(e.position());
            filterProblem.set("Filter: " + Messages.oneLine(e));
            return null;
        }
    }

    private void topicsLoaded(List<String> names) {
        if (!names.equals(topics)) {
            topics.setAll(names);
        }
        // The cluster (re)started or another was chosen: the selected topic's partitions are not known there yet.
        if (partitionCount.get() < 0 && (partitionsLoad == null || partitionsLoad.isDone())) {
            loadPartitions();
        }
    }

    private void clusterCleared() {
        topics.clear();
        reads.clear();
        selectedRecord.set(null);
        // The topic name stays: the same topic is likely wanted once the cluster is back, or on the next one.
        partitionCount.set(-1);
        if (partitionsLoad != null) {
            partitionsLoad.cancel();
            partitionsLoad = null;
        }
    }

    private void topicChanged() {
        reads.clear();
        selectedRecord.set(null);
        partitionCount.set(-1);
        loadPartitions();
    }

    private void loadPartitions() {
        if (partitionsLoad != null) {
            partitionsLoad.cancel();
            partitionsLoad = null;
        }
        String cluster = poller.selectedCluster();
        String topic = selectedTopic.get();
        if (cluster == null || topic == null || topic.isBlank() || !poller.isSelectedRunning()) {
            return;
        }
        partitionsLoad = executor.submit("Reading partitions of " + topic, () -> source.partitions(cluster, topic),
                count -> {
                    if (topic.equals(selectedTopic.get()) && cluster.equals(poller.selectedCluster())) {
                        partitionCount.set(count);
                    }
                },
                failure -> {
                    if (topic.equals(selectedTopic.get())) {
                        reads.setError("Topic " + topic + ": " + Messages.oneLine(failure));
                    }
                });
    }

    private void updateProblem() {
        String error = reads.errorProperty().get();
        problem.set(error.isEmpty() ? poller.problemProperty().get() : error);
    }
}
