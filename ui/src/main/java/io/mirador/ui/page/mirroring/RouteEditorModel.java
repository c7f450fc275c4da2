package io.mirador.ui.page.mirroring;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mirador.replicator.route.DefaultTopicFilter;
import io.mirador.replicator.route.NamingPolicy;
import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import javafx.beans.Observable;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The route editor's fields, the live preview of what the route would copy, and why it cannot be saved yet.
 * No Node: the dialog binds to it. UI thread only; the source cluster's topics are listed through the
 * {@link TaskExecutor} and a listing for a source no longer chosen is dropped.
 *
 * <p>The preview uses the engine's {@link DefaultTopicFilter} and {@link NamingPolicy} built the way
 * {@link RouteConfig} builds them, and the final check is {@link RouteConfig#from} itself, so what the editor
 * accepts and shows is what the engine will do. While a regex is being typed, the preview keeps the last
 * pattern that compiled (no flicker); {@link #problemProperty()} tells that the current one does not.
 */
public final class RouteEditorModel {

    /** Creates or updates the route; calls back on the UI thread. The view-model's. */
    @FunctionalInterface
    interface Saver {
        void save(RouteDefinition definition, boolean update, Runnable onSaved, Consumer<String> onFailed);
    }

    private final RouteDefinition original;
    private final Set<String> existingNames;
    private final Function<String, List<String>> topicsOf;
    private final TaskExecutor executor;
    private final Saver saver;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<String> source = new SimpleObjectProperty<>(this, "source");
    private final ObjectProperty<String> target = new SimpleObjectProperty<>(this, "target");
    private final ObservableList<String> clusters = FXCollections.observableArrayList();
    private final ObservableList<TopicChoice> choices =
            FXCollections.observableArrayList(c -> new Observable[] {c.selectedProperty()});
    private final FilteredList<TopicChoice> visibleChoices = new FilteredList<>(choices);
    private final StringProperty topicSearch = new SimpleStringProperty(this, "topicSearch", "");
    private final StringProperty include = new SimpleStringProperty(this, "include", "");
    private final StringProperty exclude = new SimpleStringProperty(this, "exclude", "");
    private final ObjectProperty<RouteNaming> naming = new SimpleObjectProperty<>(this, "naming", RouteNaming.IDENTITY);
    private final StringProperty alias = new SimpleStringProperty(this, "alias", "");
    private final StringProperty mapText = new SimpleStringProperty(this, "mapText", "");
    private final StringProperty workers = new SimpleStringProperty(this, "workers",
            String.valueOf(RouteConfig.WORKERS_DEFAULT));
    private final StringProperty maxRecords = new SimpleStringProperty(this, "maxRecords", "");
    private final StringProperty maxBytes = new SimpleStringProperty(this, "maxBytes", "");
    private final BooleanProperty provenance = new SimpleBooleanProperty(this, "provenance", true);
    private final BooleanProperty exactlyOnce = new SimpleBooleanProperty(this, "exactlyOnce", false);
    private final BooleanProperty syncGroups = new SimpleBooleanProperty(this, "syncGroups", true);
    private final StringProperty groupsInclude = new SimpleStringProperty(this, "groupsInclude", "");
    private final StringProperty groupsExclude = new SimpleStringProperty(this, "groupsExclude", "");

    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper(this, "previewSummary", "");
    private final ReadOnlyBooleanWrapper topicsLoading = new ReadOnlyBooleanWrapper(this, "topicsLoading");
    private final ReadOnlyStringWrapper topicsProblem = new ReadOnlyStringWrapper(this, "topicsProblem", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper(this, "saveError", "");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

    private List<String> sourceTopics = List.of();
    /** Bumped on every source change, so a late listing of the previous source is ignored. */
    private int listing;
    private Pattern lastInclude;
    private Pattern lastExclude;
    private String previewProblem = "";

    /**
     * @param original      the route being edited (its name is fixed), or null for a new one
     * @param clusterNames  the clusters to choose from, in display order
     * @param existingNames routes that exist already, refused as the name of a new route
     * @param topicsOf      lists a cluster's topics; blocking, run on a worker
     */
    RouteEditorModel(RouteDefinition original, List<String> clusterNames, Set<String> existingNames,
                     Function<String, List<String>> topicsOf, TaskExecutor executor, Saver saver) {
        this.original = original;
        this.existingNames = Set.copyOf(existingNames);
        this.topicsOf = topicsOf;
        this.executor = executor;
        this.saver = saver;
        clusters.setAll(clusterNames);
        if (original != null) {
            prefill(original);
        } else if (!clusterNames.isEmpty()) {
            source.set(clusterNames.get(0));
            target.set(clusterNames.stream().filter(c -> !c.equals(source.get())).findFirst().orElse(null));
        }
        topicSearch.addListener((obs, old, now) -> applySearch());
        source.addListener((obs, old, now) -> loadTopics());
        for (Observable input : new Observable[] {name, source, target, choices, include, exclude, naming, alias,
                mapText, workers, maxRecords, maxBytes, provenance, exactlyOnce, syncGroups, groupsInclude,
                groupsExclude}) {
            input.addListener(obs -> update());
        }
        update();
        loadTopics();
    }

    private void prefill(RouteDefinition d) {
        name.set(d.name());
        source.set(d.source());
        target.set(d.target());
        for (String cluster : List.of(Objects.toString(d.source(), ""), Objects.toString(d.target(), ""))) {
            if (!cluster.isEmpty() && !clusters.contains(cluster)) {
                clusters.add(cluster);
            }
        }
        choices.setAll(d.topics().stream().sorted().map(t -> new TopicChoice(t, false, true)).toList());
        include.set(Objects.toString(d.include(), ""));
        exclude.set(Objects.toString(d.exclude(), ""));
        naming.set(RouteNaming.of(d.naming()));
        alias.set(Objects.toString(d.sourceAlias(), ""));
        mapText.set(NamingMapText.format(d.namingMap()));
        workers.set(d.workers() == null ? workers.get() : d.workers().toString());
        maxRecords.set(d.maxRecordsPerSecond() == null || d.maxRecordsPerSecond() == 0 ? ""
                : d.maxRecordsPerSecond().toString());
        maxBytes.set(d.maxBytesPerSecond() == null || d.maxBytesPerSecond() == 0 ? ""
                : d.maxBytesPerSecond().toString());
        provenance.set(d.provenanceHeader() == null || d.provenanceHeader());
        exactlyOnce.set(Boolean.TRUE.equals(d.exactlyOnce()));
        syncGroups.set(d.syncGroupOffsets() == null || d.syncGroupOffsets());
        groupsInclude.set(Objects.toString(d.groupsInclude(), ""));
        groupsExclude.set(Objects.toString(d.groupsExclude(), ""));
    }

    public boolean editing() {
        return original != null;
    }

    public String title() {
        return editing() ? "Edit route " + original.name() : "New route";
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<String> sourceProperty() {
        return source;
    }

    public ObjectProperty<String> targetProperty() {
        return target;
    }

    public ObservableList<String> clusters() {
        return clusters;
    }

    /** The source's topics and the whitelisted ones, by name; check to copy a topic by exact name. */
    public ObservableList<TopicChoice> topicChoices() {
        return choices;
    }

    /** {@link #topicChoices()} containing {@link #topicSearchProperty()}, ignoring case. */
    public ObservableList<TopicChoice> visibleTopicChoices() {
        return visibleChoices;
    }

    public StringProperty topicSearchProperty() {
        return topicSearch;
    }

    /** Regular expression matched against whole source topic names; blank for none. */
    public StringProperty includeProperty() {
        return include;
    }

    public StringProperty excludeProperty() {
        return exclude;
    }

    public ObjectProperty<RouteNaming> namingProperty() {
        return naming;
    }

    /** Prefix of the prefix policy; blank means the source cluster's name. */
    public StringProperty aliasProperty() {
        return alias;
    }

    /** One {@code source=target} a line. */
    public StringProperty mapTextProperty() {
        return mapText;
    }

    public StringProperty workersProperty() {
        return workers;
    }

    /** Blank or 0 for no limit. */
    public StringProperty maxRecordsProperty() {
        return maxRecords;
    }

    /** Blank or 0 for no limit. */
    public StringProperty maxBytesProperty() {
        return maxBytes;
    }

    public BooleanProperty provenanceProperty() {
        return provenance;
    }

    /** Copy with transactions: {@code read_committed} readers of the target see each record once. */
    public BooleanProperty exactlyOnceProperty() {
        return exactlyOnce;
    }

    /** Translate consumer groups' committed offsets to the target; on by default, as in the engine. */
    public BooleanProperty syncGroupsProperty() {
        return syncGroups;
    }

    /** Regular expression of whole group names to sync; blank for every group. */
    public StringProperty groupsIncludeProperty() {
        return groupsInclude;
    }

    /** Regular expression of groups never synced; blank for the engine's default exclusions. */
    public StringProperty groupsExcludeProperty() {
        return groupsExclude;
    }

    /** The topics the route would copy now and their target names, by source name. */
    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    /** E.g. "3 of 12 source topics match". */
    public ReadOnlyStringProperty previewSummaryProperty() {
        return previewSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty topicsLoadingProperty() {
        return topicsLoading.getReadOnlyProperty();
    }

    /** Why the source's topics could not be listed; empty when they were. */
    public ReadOnlyStringProperty topicsProblemProperty() {
        return topicsProblem.getReadOnlyProperty();
    }

    /** What keeps the route from being saved, as a sentence; empty when it can be. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public boolean isValid() {
        return problem.get().isEmpty();
    }

    /** Why the last save failed (the engine's words); cleared by the next change or save. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Creates or updates the route when valid; {@code onSaved} runs on the UI thread once the engine has it. */
    public void save(Runnable onSaved) {
        if (!isValid() || saving.get()) {
            return;
        }
        saving.set(true);
        saveError.set("");
        saver.save(definition(), editing(), () -> {
            saving.set(false);
            onSaved.run();
        }, message -> {
            saving.set(false);
            saveError.set(message);
        });
    }

    /**
     * The route as typed. Meaningful for valid editors; never throws. What the editor does not show (the data-loss
     * policy, paused) is kept from the route edited. Defaults stay unset (null), so the engine's apply; group
     * patterns are kept while syncing is off, so that turning it back on finds them.
     */
    public RouteDefinition definition() {
        RouteNaming policy = naming.get();
        List<String> whitelist = whitelist();
        return new RouteDefinition(name.get().strip(), source.get(), target.get(), whitelist,
                blankToNull(include.get()), blankToNull(exclude.get()), policy.value(),
                policy == RouteNaming.MAP ? NamingMapText.parse(mapText.get()).map() : null,
                policy == RouteNaming.PREFIX ? blankToNull(alias.get()) : null,
                RouteNumbers.parseInt(workers.get()), RouteNumbers.parseLong(maxBytes.get()),
                RouteNumbers.parseLong(maxRecords.get()), provenance.get(),
                original == null ? null : original.paused(), original == null ? null : original.onDataLoss(),
                exactlyOnce.get() ? Boolean.TRUE : null, syncGroups.get() ? null : Boolean.FALSE,
                blankToNull(groupsInclude.get()), blankToNull(groupsExclude.get()));
    }

    private void loadTopics() {
        int id = ++listing;
        String cluster = source.get();
        sourceTopics = List.of();
        topicsProblem.set("");
        if (cluster == null) {
            topicsLoading.set(false);
            rebuildChoices();
            return;
        }
        topicsLoading.set(true);
        executor.submit("Listing topics of " + cluster, () -> topicsOf.apply(cluster), topics -> {
            if (id == listing) {
                topicsLoading.set(false);
                sourceTopics = List.copyOf(topics);
                rebuildChoices();
            }
        }, failure -> {
            if (id == listing) {
                topicsLoading.set(false);
                topicsProblem.set("Could not list the topics of " + cluster + ": " + Messages.oneLine(failure));
                rebuildChoices();
            }
        });
    }

    /** The new source's topics; checked names stay checked, also those the new source lacks (shown as such). */
    private void rebuildChoices() {
        Set<String> checked = new TreeSet<>();
        choices.stream().filter(c -> c.selectedProperty().get()).forEach(c -> checked.add(c.name()));
        Set<String> present = Set.copyOf(sourceTopics);
        TreeSet<String> names = new TreeSet<>(sourceTopics);
        names.addAll(checked);
        List<TopicChoice> next = new ArrayList<>(names.size());
        names.forEach(n -> next.add(new TopicChoice(n, present.contains(n), checked.contains(n))));
        choices.setAll(next);
        update();
    }

    private void applySearch() {
        String text = topicSearch.get().strip().toLowerCase(java.util.Locale.ROOT);
        visibleChoices.setPredicate(text.isEmpty() ? null
                : c -> c.name().toLowerCase(java.util.Locale.ROOT).contains(text));
    }

    private void update() {
        saveError.set("");
        updatePreview();
        problem.set(RouteChecks.check(this, previewProblem));
    }

    private void updatePreview() {
        lastInclude = compileOr(include.get(), lastInclude);
        lastExclude = compileOr(exclude.get(), lastExclude);
        List<String> whitelist = whitelist();
        String from = source.get();
        RoutePreview.Result result = RoutePreview.of(sourceTopics, whitelist,
                new DefaultTopicFilter(whitelist, lastInclude, lastExclude), namingPolicy(),
                from != null && from.equals(target.get()));
        preview.setAll(result.rows());
        previewProblem = result.problem();
        long matching = result.rows().stream().filter(PreviewRow::present).count();
        long absent = result.rows().size() - matching;
        previewSummary.set(matching + " of " + sourceTopics.size() + " source topics match"
                + (absent > 0 ? ", " + absent + " listed not on the source yet" : ""));
    }

    /** The checked topics, by name. */
    private List<String> whitelist() {
        return choices.stream().filter(c -> c.selectedProperty().get()).map(TopicChoice::name).toList();
    }

    /** As {@link RouteConfig#namingPolicy()} builds it, from the fields as typed. */
    private NamingPolicy namingPolicy() {
        return switch (naming.get()) {
            case PREFIX -> NamingPolicy.prefix(alias.get().isBlank() ? Objects.toString(source.get(), "")
                    : alias.get().strip());
            case MAP -> NamingPolicy.map(NamingMapText.parse(mapText.get()).map());
            case IDENTITY -> NamingPolicy.IDENTITY;
        };
    }

    /** The compiled pattern, the last good one while {@code regex} does not compile, null when blank. */
    private static Pattern compileOr(String regex, Pattern last) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex.strip());
        } catch (PatternSyntaxException e) {
            return last;
        }
    }

    Set<String> existingNames() {
        return existingNames;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
