package io.mirador.ui.page.mirroring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirador.replicator.route.RouteConfig;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.task.DirectTaskExecutor;
import org.junit.jupiter.api.Test;

/** The editor's preview and checks, without JavaFX: the direct executor lists topics on the test thread. */
class RouteEditorModelTest {

    private static final List<String> EAST = List.of("__consumer_offsets", "audit", "orders", "orders-dlq",
            "orders.eu", "payments");

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final Map<String, List<String>> topics = new HashMap<>(Map.of("east", EAST, "west", List.of("other")));
    private final List<String> listed = new ArrayList<>();
    private final List<RouteDefinition> saved = new ArrayList<>();

    private RouteEditorModel editor(RouteDefinition original) {
        return new RouteEditorModel(original, List.of("east", "west"), Set.of("existing"), cluster -> {
            listed.add(cluster);
            List<String> names = topics.get(cluster);
            if (names == null) {
                throw new IllegalStateException("cluster " + cluster + " is not running");
            }
            return names;
        }, executor, (definition, update, onSaved, onFailed) -> {
            saved.add(definition);
            onSaved.run();
        });
    }

    /** A new route named "r" from east to west. */
    private RouteEditorModel named() {
        RouteEditorModel editor = editor(null);
        editor.nameProperty().set("r");
        return editor;
    }

    private static List<String> preview(RouteEditorModel editor) {
        return editor.preview().stream().map(r -> r.source() + "->" + r.target()).toList();
    }

    @Test
    void startsFromTheFirstTwoClustersAndListsTheSourcesTopics() {
        RouteEditorModel editor = editor(null);

        assertThat(editor.sourceProperty().get()).isEqualTo("east");
        assertThat(editor.targetProperty().get()).isEqualTo("west");
        assertThat(listed).containsExactly("east");
        assertThat(editor.topicChoices()).extracting(TopicChoice::name).containsExactlyElementsOf(EAST);
        assertThat(editor.problemProperty().get()).isEqualTo("Enter a route name.");
        assertThat(editor.preview()).isEmpty();
    }

    @Test
    void previewFollowsIncludeAndExcludeOnWholeNames() {
        RouteEditorModel editor = named();

        editor.includeProperty().set("orders.*");
        assertThat(preview(editor)).containsExactly("orders->orders", "orders-dlq->orders-dlq", "orders.eu->orders.eu");
        assertThat(editor.previewSummaryProperty().get()).isEqualTo("3 of 6 source topics match");

        editor.excludeProperty().set(".*-dlq");
        assertThat(preview(editor)).containsExactly("orders->orders", "orders.eu->orders.eu");

        editor.includeProperty().set(".*");
        assertThat(preview(editor)).as("internal topics only by name").doesNotContain(
                "__consumer_offsets->__consumer_offsets");
        assertThat(editor.problemProperty().get()).isEmpty();
    }

    @Test
    void checkedTopicsAreCopiedByNameEvenWhenExcluded() {
        RouteEditorModel editor = named();
        editor.excludeProperty().set("payments");
        editor.topicChoices().stream().filter(c -> c.name().equals("payments")).findFirst().orElseThrow()
                .selectedProperty().set(true);

        assertThat(preview(editor)).containsExactly("payments->payments");
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(editor.definition().topics()).containsExactly("payments");
    }

    @Test
    void prefixNamingUsesTheAliasOrTheSourceName() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.namingProperty().set(RouteNaming.PREFIX);
        assertThat(preview(editor)).containsExactly("orders->east.orders");

        editor.aliasProperty().set("dc1");
        assertThat(preview(editor)).containsExactly("orders->dc1.orders");
        assertThat(editor.definition().sourceAlias()).isEqualTo("dc1");
        assertThat(editor.definition().naming()).isEqualTo("prefix");
    }

    @Test
    void mapNamingRenamesListedTopicsAndKeepsTheOthers() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders|payments");
        editor.namingProperty().set(RouteNaming.MAP);
        assertThat(editor.problemProperty().get())
                .isEqualTo("Enter the naming map: one source-topic=target-topic a line.");

        editor.mapTextProperty().set("# renames\norders = orders-copy\n\n");

        assertThat(preview(editor)).containsExactly("orders->orders-copy", "payments->payments");
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(editor.definition().namingMap()).isEqualTo(Map.of("orders", "orders-copy"));
    }

    @Test
    void aMapLineWithoutEqualsSignIsExplained() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.mapTextProperty().set("orders=a\npayments b");

        assertThat(editor.problemProperty().get())
                .isEqualTo("Naming map line 2 ('payments b'): write it as source-topic=target-topic.");
    }

    @Test
    void twoSourceTopicsOntoOneTargetAreACollision() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders|payments");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.mapTextProperty().set("orders=payments");

        assertThat(editor.problemProperty().get())
                .isEqualTo("Source topics orders and payments would both be copied to payments.");
        assertThat(editor.preview()).allMatch(PreviewRow::conflicting);
    }

    @Test
    void namesDifferingOnlyInDotAndUnderscoreCollideToo() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders|payments");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.mapTextProperty().set("orders=all.events\npayments=all_events");

        assertThat(editor.problemProperty().get())
                .isEqualTo("Target topics all.events and all_events would collide: Kafka treats '.' and '_' alike.");
    }

    @Test
    void aMapSendingTwoTopicsToOneIsRefusedEvenIfOneIsMissing() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.mapTextProperty().set("orders=all\nrefunds=all");

        assertThat(editor.problemProperty().get()).isEqualTo("Naming map: orders and refunds both go to all.");
    }

    @Test
    void aMapCollisionBetweenExistingTopicsShowsInThePreview() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders|payments");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.mapTextProperty().set("orders=all\npayments=all");

        assertThat(preview(editor)).containsExactly("orders->all", "payments->all");
        assertThat(editor.preview()).allMatch(PreviewRow::conflicting);
        assertThat(editor.problemProperty().get()).isEqualTo("Naming map: orders and payments both go to all.");
    }

    @Test
    void theSameClusterWithSameNamesIsRefused() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.targetProperty().set("east");

        assertThat(editor.problemProperty().get()).startsWith(
                "Source and target are the same cluster: with the same names every topic would be copied onto itself.");

        editor.namingProperty().set(RouteNaming.PREFIX);
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(preview(editor)).containsExactly("orders->east.orders");
    }

    @Test
    void onTheSameClusterATargetTheRouteWouldCopyAgainIsALoop() {
        RouteEditorModel editor = named();
        editor.targetProperty().set("east");
        editor.namingProperty().set(RouteNaming.PREFIX);
        editor.includeProperty().set("orders.*|east\\..*");

        assertThat(editor.problemProperty().get()).isEqualTo("Target topic east.orders is selected by this route"
                + " too: on the same cluster it would be copied again and again.");
    }

    @Test
    void onTheSameClusterAMapThatLeavesATopicUnrenamedIsACopyOntoItself() {
        RouteEditorModel editor = named();
        editor.targetProperty().set("east");
        editor.namingProperty().set(RouteNaming.MAP);
        editor.includeProperty().set("orders|payments");
        editor.mapTextProperty().set("orders=orders-copy");

        assertThat(editor.problemProperty().get()).isEqualTo(
                "Topic payments would be copied onto itself: source and target are the same cluster.");
    }

    @Test
    void aBadRegexIsExplainedAndThePreviewKeepsTheLastGoodOne() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.includeProperty().set("orders(");

        assertThat(editor.problemProperty().get())
                .isEqualTo("Include pattern is not a valid regular expression: Unclosed group near index 7.");
        assertThat(preview(editor)).containsExactly("orders->orders");

        editor.includeProperty().set("orders");
        editor.excludeProperty().set("[a");
        assertThat(editor.problemProperty().get()).startsWith("Exclude pattern is not a valid regular expression: ");
    }

    @Test
    void routeConfigsOwnValidationIsSurfaced() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.workersProperty().set("65");

        assertThat(editor.problemProperty().get()).startsWith("The engine refuses this route: Invalid value 65 for"
                + " configuration workers");
    }

    @Test
    void noTopicSelectedIsExplained() {
        RouteEditorModel editor = named();

        assertThat(editor.problemProperty().get()).isEqualTo("Check topics in the list or enter an include pattern.");
    }

    @Test
    void anExistingRouteWithNoTopicsCanBeSaved() {
        RouteEditorModel editor = editor(new RouteDefinition("idle", "east", "west", List.of(), null, null, null,
                null, null, null, null, null, null, null));
        editor.workersProperty().set("3");

        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(new RouteRow(editor.definition()).topicsSummary()).isEqualTo("none (idle)");
    }

    @Test
    void aNewRouteNeedsAFreeName() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.nameProperty().set("existing");

        assertThat(editor.problemProperty().get()).isEqualTo("A route called existing exists already.");
    }

    @Test
    void numbersAreChecked() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.workersProperty().set("two");
        assertThat(editor.problemProperty().get()).isEqualTo("Workers must be a whole number of at least 1.");
        editor.workersProperty().set("2");
        editor.maxRecordsProperty().set("-1");
        assertThat(editor.problemProperty().get())
                .isEqualTo("The records-per-second limit must be a whole number (blank for no limit).");
        editor.maxRecordsProperty().set("500");
        editor.maxBytesProperty().set("1048576");
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(editor.definition().maxRecordsPerSecond()).isEqualTo(500L);
        assertThat(editor.definition().maxBytesPerSecond()).isEqualTo(1_048_576L);
    }

    @Test
    void saveHandsOverTheDefinitionAsTyped() {
        RouteEditorModel editor = named();
        editor.topicChoices().get(1).selectedProperty().set(true);
        editor.includeProperty().set("orders\\..*");
        editor.excludeProperty().set(" ");
        editor.namingProperty().set(RouteNaming.PREFIX);
        editor.aliasProperty().set("dc1");
        editor.workersProperty().set("3");
        editor.maxRecordsProperty().set("100");
        editor.provenanceProperty().set(false);
        boolean[] done = {false};

        editor.save(() -> done[0] = true);

        assertThat(done[0]).isTrue();
        assertThat(saved).containsExactly(new RouteDefinition("r", "east", "west", List.of("audit"), "orders\\..*",
                null, "prefix", null, "dc1", 3, null, 100L, false, null));
    }

    @Test
    void anInvalidEditorDoesNotSave() {
        RouteEditorModel editor = editor(null);
        editor.save(() -> { });
        assertThat(saved).isEmpty();
    }

    @Test
    void editingPrefillsEveryField() {
        RouteDefinition original = new RouteDefinition("existing", "east", "west", List.of("audit", "gone"),
                "orders", "orders-dlq", "map", Map.of("orders", "orders-copy"), null, 4, 1000L, 50L, false, true);

        RouteEditorModel editor = editor(original);

        assertThat(editor.title()).isEqualTo("Edit route existing");
        assertThat(editor.nameProperty().get()).isEqualTo("existing");
        assertThat(editor.namingProperty().get()).isEqualTo(RouteNaming.MAP);
        assertThat(editor.mapTextProperty().get()).isEqualTo("orders=orders-copy");
        assertThat(editor.workersProperty().get()).isEqualTo("4");
        assertThat(editor.maxBytesProperty().get()).isEqualTo("1000");
        assertThat(editor.maxRecordsProperty().get()).isEqualTo("50");
        assertThat(editor.provenanceProperty().get()).isFalse();
        assertThat(editor.topicChoices().stream().filter(c -> c.selectedProperty().get()).map(TopicChoice::name))
                .containsExactly("audit", "gone");
        assertThat(editor.topicChoices().stream().filter(c -> c.name().equals("gone")).findFirst().orElseThrow()
                .present()).isFalse();
        assertThat(preview(editor)).containsExactly("audit->audit", "gone->gone", "orders->orders-copy");
        assertThat(editor.previewSummaryProperty().get()).isEqualTo("2 of 6 source topics match, 1 listed not on the"
                + " source yet");
        assertThat(editor.problemProperty().get()).isEmpty();
        assertThat(editor.definition()).as("unchanged, it saves what it got").isEqualTo(original);
    }

    @Test
    void aListingThatFailsIsExplainedAndARegexStillWorks() {
        RouteEditorModel editor = named();
        editor.sourceProperty().set("stopped");

        assertThat(editor.topicsProblemProperty().get())
                .isEqualTo("Could not list the topics of stopped: cluster stopped is not running");
        editor.includeProperty().set("orders");
        assertThat(editor.problemProperty().get()).isEmpty();
    }

    @Test
    void aLateListingOfAnEarlierSourceIsDropped() {
        RouteEditorModel editor = named();
        executor.holdWork();
        editor.sourceProperty().set("west");
        editor.sourceProperty().set("east");
        assertThat(editor.topicsLoadingProperty().get()).isTrue();

        executor.runPending();

        assertThat(editor.topicsLoadingProperty().get()).isFalse();
        assertThat(editor.topicChoices()).extracting(TopicChoice::name).containsExactlyElementsOf(EAST);
    }

    @Test
    void searchNarrowsTheTopicListWithoutTouchingTheSelection() {
        RouteEditorModel editor = named();
        editor.topicChoices().get(1).selectedProperty().set(true);
        editor.topicSearchProperty().set("ORD");

        assertThat(editor.visibleTopicChoices()).extracting(TopicChoice::name)
                .containsExactly("orders", "orders-dlq", "orders.eu");
        assertThat(editor.definition().topics()).containsExactly("audit");
    }

    @Test
    void thePreviewIsWhatRouteConfigWouldDo() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders.*|pay.*");
        editor.excludeProperty().set(".*dlq");
        editor.namingProperty().set(RouteNaming.PREFIX);
        assertThat(editor.problemProperty().get()).isEmpty();

        RouteConfig config = RouteConfig.from(editor.definition());
        List<String> expected = EAST.stream().filter(config.topicFilter()::shouldReplicate)
                .map(t -> t + "->" + config.namingPolicy().targetTopic(t)).toList();
        assertThat(preview(editor)).isEqualTo(expected);
    }

    @Test
    void aNewRouteSyncsGroupsByDefaultAndIsNotExactlyOnce() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");

        assertThat(editor.exactlyOnceProperty().get()).isFalse();
        assertThat(editor.syncGroupsProperty().get()).isTrue();
        RouteDefinition d = editor.definition();
        // Defaults stay unset, so the engine's defaults apply.
        assertThat(d.exactlyOnce()).isNull();
        assertThat(d.syncGroupOffsets()).isNull();
        assertThat(d.groupsInclude()).isNull();
        assertThat(d.groupsExclude()).isNull();
        assertThat(RouteConfig.from(d).syncGroupOffsets()).isTrue();
    }

    @Test
    void exactlyOnceAndGroupSyncAreSavedIntoTheDefinition() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.exactlyOnceProperty().set(true);
        editor.groupsIncludeProperty().set(" billing-.* ");
        editor.groupsExcludeProperty().set("billing-test");

        editor.save(() -> { });

        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).exactlyOnce()).isTrue();
        assertThat(saved.get(0).syncGroupOffsets()).isNull();
        assertThat(saved.get(0).groupsInclude()).isEqualTo("billing-.*");
        assertThat(saved.get(0).groupsExclude()).isEqualTo("billing-test");

        editor.syncGroupsProperty().set(false);
        assertThat(editor.definition().syncGroupOffsets()).isFalse();
        // Kept while off, so that turning sync back on finds them.
        assertThat(editor.definition().groupsInclude()).isEqualTo("billing-.*");
    }

    @Test
    void badGroupPatternsAreExplainedInOneLine() {
        RouteEditorModel editor = named();
        editor.includeProperty().set("orders");
        editor.groupsIncludeProperty().set("billing-(");

        assertThat(editor.problemProperty().get())
                .isEqualTo("Group include pattern is not a valid regular expression: Unclosed group near index 9.");

        editor.groupsIncludeProperty().set("");
        editor.groupsExcludeProperty().set("[a");
        assertThat(editor.problemProperty().get()).startsWith("Group exclude pattern is not a valid regular"
                + " expression: ").doesNotContain("\n");

        editor.groupsExcludeProperty().set("");
        assertThat(editor.problemProperty().get()).isEmpty();
    }

    @Test
    void editingKeepsTheFailoverSettingsAndTheDataLossPolicy() {
        RouteDefinition original = new RouteDefinition("existing", "east", "west", List.of("audit"), null, null,
                null, null, null, null, null, null, null, true, "stop", true, false, "billing-.*", "test-.*");

        RouteEditorModel editor = editor(original);

        assertThat(editor.exactlyOnceProperty().get()).isTrue();
        assertThat(editor.syncGroupsProperty().get()).isFalse();
        assertThat(editor.groupsIncludeProperty().get()).isEqualTo("billing-.*");
        assertThat(editor.groupsExcludeProperty().get()).isEqualTo("test-.*");
        editor.workersProperty().set("3");
        RouteDefinition edited = editor.definition();
        assertThat(edited.exactlyOnce()).isTrue();
        assertThat(edited.syncGroupOffsets()).isFalse();
        assertThat(edited.groupsInclude()).isEqualTo("billing-.*");
        assertThat(edited.groupsExclude()).isEqualTo("test-.*");
        assertThat(edited.onDataLoss()).isEqualTo("stop");
        assertThat(edited.paused()).isTrue();
    }
}
