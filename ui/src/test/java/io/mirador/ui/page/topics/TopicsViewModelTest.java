package io.mirador.ui.page.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.ConfigValue;
import io.mirador.cluster.topic.PartitionDetail;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class TopicsViewModelTest {

    private static final TopicSummary ORDERS = new TopicSummary("orders", 3, 1, 120, 12_595, false);
    private static final TopicSummary ORDERS_DLQ = new TopicSummary("orders-dlq", 1, 1, 2, 300, false);
    private static final TopicSummary PAYMENTS = new TopicSummary("Payments", 6, 1, 40, 2048, false);
    private static final TopicSummary OFFSETS = new TopicSummary("__consumer_offsets", 10, 1, 7, 900, true);

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final FakeTopicSource source = new FakeTopicSource();
    private final Map<String, List<TopicSummary>> topicsByCluster = source.topicsByCluster;
    private final List<String> requests = source.requests;
    private SandboxService sandbox;
    private Connections connections;
    private TopicsViewModel model;

    @BeforeEach
    void setUp() {
        topicsByCluster.put("local-a", List.of(OFFSETS, ORDERS, ORDERS_DLQ, PAYMENTS));
        topicsByCluster.put("local-b", List.of(new TopicSummary("mirrored", 1, 1, 0, 0, false)));
        sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        backend.cluster(1).set(ClusterState.RUNNING);
        connections = new Connections(sandbox, ConnectionStore.inMemory(), executor);
        model = new TopicsViewModel(connections, source, executor);
    }

    private List<String> visibleNames() {
        return model.visibleTopics().stream().map(TopicSummary::name).toList();
    }

    @Test
    void selectsTheFirstClusterAndLoadsWhenShown() {
        assertThat(model.clusterNames()).containsExactly("local-a", "local-b");
        assertThat(model.selectedClusterProperty().get()).isEqualTo("local-a");
        assertThat(requests).isEmpty();

        model.setActive(true);

        assertThat(requests).containsExactly("local-a");
        assertThat(model.allTopics()).hasSize(4);
    }

    @Test
    void internalTopicsAreHiddenUntilAsked() {
        model.setActive(true);
        assertThat(model.showInternalProperty().get()).isFalse();
        assertThat(visibleNames()).containsExactly("orders", "orders-dlq", "Payments");
        assertThat(model.statusProperty().get()).isEqualTo("3 of 4 topics (1 internal hidden)");

        model.showInternalProperty().set(true);

        assertThat(visibleNames()).containsExactly("__consumer_offsets", "orders", "orders-dlq", "Payments");
        assertThat(model.statusProperty().get()).isEqualTo("4 of 4 topics");
        assertThat(requests).as("the switch filters locally, no reload").hasSize(1);
    }

    @Test
    void filterMatchesPartOfTheNameIgnoringCase() {
        model.setActive(true);

        model.filterProperty().set("ORDERS");
        assertThat(visibleNames()).containsExactly("orders", "orders-dlq");

        model.filterProperty().set("  pay ");
        assertThat(visibleNames()).containsExactly("Payments");

        model.filterProperty().set("nothing-like-this");
        assertThat(visibleNames()).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("0 of 4 topics");

        model.filterProperty().set("");
        assertThat(visibleNames()).hasSize(3);
    }

    @Test
    void filterAndInternalSwitchCombine() {
        model.setActive(true);
        model.filterProperty().set("o");

        assertThat(visibleNames()).containsExactly("orders", "orders-dlq");
        model.showInternalProperty().set(true);
        assertThat(visibleNames()).containsExactly("__consumer_offsets", "orders", "orders-dlq");
    }

    @Test
    void filterSurvivesARefreshThatBringsNewTopics() {
        model.setActive(true);
        model.filterProperty().set("orders");
        topicsByCluster.put("local-a", List.of(ORDERS, ORDERS_DLQ, new TopicSummary("orders-v2", 1, 1, 0, 0, false)));

        executor.tick();

        assertThat(visibleNames()).containsExactly("orders", "orders-dlq", "orders-v2");
    }

    @Test
    void refreshesEveryPeriodOnlyWhileShown() {
        model.setActive(true);
        assertThat(executor.activePeriodicCount()).isEqualTo(1);
        executor.tick();
        executor.tick();
        assertThat(requests).hasSize(3);

        model.setActive(false);
        executor.tick();

        assertThat(executor.activePeriodicCount()).isZero();
        assertThat(requests).hasSize(3);
    }

    @Test
    void switchingClusterShowsOnlyTheNewClustersTopics() {
        model.setActive(true);

        model.selectedClusterProperty().set("local-b");

        assertThat(requests).containsExactly("local-a", "local-b");
        assertThat(visibleNames()).containsExactly("mirrored");
    }

    @Test
    void aLateResultForThePreviousClusterIsDropped() {
        executor.holdWork();
        model.setActive(true);
        assertThat(model.loadingProperty().get()).isTrue();

        model.selectedClusterProperty().set("local-b");
        executor.runPending();

        assertThat(visibleNames()).containsExactly("mirrored");
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aTickWhileLoadingDoesNotStartASecondLoad() {
        executor.holdWork();
        model.setActive(true);
        executor.tick();
        model.refresh();

        assertThat(executor.pendingCount()).isEqualTo(1);
    }

    @Test
    void aFailedLoadSaysWhyAndKeepsTheLastList() {
        model.setActive(true);
        topicsByCluster.remove("local-a");

        model.refresh();

        assertThat(model.problemProperty().get()).isEqualTo("Could not load topics: cluster local-a did not answer");
        assertThat(model.allTopics()).hasSize(4);
        assertThat(executor.monitor().lastErrorProperty().get()).contains("did not answer");
    }

    @Test
    void aStoppedClusterIsNotQueriedAndItsTopicsAreCleared() {
        model.setActive(true);

        backend.cluster(0).set(ClusterState.STOPPED);
        executor.tick();

        assertThat(requests).containsExactly("local-a");
        assertThat(model.allTopics()).isEmpty();
        assertThat(model.problemProperty().get()).contains("local-a is stopped");
    }

    @Test
    void loadsAsSoonAsTheSelectedClusterRuns() {
        backend.cluster(0).set(ClusterState.STARTING);
        model.setActive(true);
        assertThat(requests).isEmpty();
        assertThat(model.problemProperty().get()).isEqualTo("Cluster local-a is starting…");

        backend.cluster(0).set(ClusterState.RUNNING);

        assertThat(requests).containsExactly("local-a");
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.allTopics()).hasSize(4);
    }

    @Test
    void regexFilterMatchesAnywhereIgnoringCase() {
        model.setActive(true);
        model.regexProperty().set(true);

        model.filterProperty().set("^orders(-dlq)?$");
        assertThat(visibleNames()).containsExactly("orders", "orders-dlq");

        model.filterProperty().set("MENTS$");
        assertThat(visibleNames()).containsExactly("Payments");
        assertThat(model.filterProblemProperty().get()).isEmpty();

        model.regexProperty().set(false);
        assertThat(visibleNames()).as("'MENTS$' as plain text matches nothing").isEmpty();
    }

    @Test
    void aBadRegexSaysWhyInOneLineAndKeepsTheLastGoodFilter() {
        model.setActive(true);
        model.regexProperty().set(true);
        model.filterProperty().set("orders");

        model.filterProperty().set("orders(");

        assertThat(model.filterProblemProperty().get()).startsWith("Invalid regex: Unclosed group").doesNotContain("\n");
        assertThat(visibleNames()).containsExactly("orders", "orders-dlq");

        model.filterProperty().set("orders(-dlq)");
        assertThat(model.filterProblemProperty().get()).isEmpty();
        assertThat(visibleNames()).containsExactly("orders-dlq");

        model.regexProperty().set(false);
        model.filterProperty().set("(");
        assertThat(model.filterProblemProperty().get()).as("plain text has no syntax").isEmpty();
    }

    @Test
    void inRateComesFromTheLatestOffsetsOfTwoConsecutiveLoads() {
        source.latestOffsets.put(new TopicPartition("orders", 0), 100L);
        source.latestOffsets.put(new TopicPartition("orders", 1), 50L);
        source.latestOffsets.put(new TopicPartition("Payments", 0), 7L);
        model.setActive(true);
        assertThat(model.inRate("orders")).as("unknown after one load").isNull();

        source.clockNanos += 2_000_000_000L;
        source.latestOffsets.put(new TopicPartition("orders", 0), 130L);
        source.latestOffsets.put(new TopicPartition("orders", 1), 60L);
        executor.tick();

        assertThat(model.inRate("orders")).isEqualTo(20.0);
        assertThat(model.inRate("Payments")).isEqualTo(0.0);
        assertThat(model.inRate("orders-dlq")).as("no offsets, no rate").isNull();
        assertThat(requests).as("rates cost no extra request").hasSize(2);
        assertThat(source.detailRequests).isEmpty();
    }

    /** Issue 18: coming back to the page showed '–' for every rate until the next refresh. */
    @Test
    void onReturnTheLastKnownRateShowsUntilANewOneIsMeasured() {
        source.latestOffsets.put(new TopicPartition("orders", 0), 100L);
        model.setActive(true);
        source.clockNanos += 1_000_000_000L;
        source.latestOffsets.put(new TopicPartition("orders", 0), 110L);
        executor.tick();
        assertThat(model.inRate("orders")).isEqualTo(10.0);

        model.setActive(false);
        source.clockNanos += 60_000_000_000L;
        source.latestOffsets.put(new TopicPartition("orders", 0), 710L);
        model.setActive(true);
        assertThat(model.inRate("orders")).as("the last known rate, not unknown").isEqualTo(10.0);

        source.clockNanos += 1_000_000_000L;
        source.latestOffsets.put(new TopicPartition("orders", 0), 740L);
        executor.tick();
        assertThat(model.inRate("orders")).as("then measured anew, not averaged over the time away")
                .isEqualTo(30.0);
    }

    @Test
    void inRatesStartOverOnAnotherCluster() {
        source.latestOffsets.put(new TopicPartition("orders", 0), 100L);
        model.setActive(true);
        source.clockNanos += 1_000_000_000L;
        source.latestOffsets.put(new TopicPartition("orders", 0), 110L);
        executor.tick();
        assertThat(model.inRate("orders")).isEqualTo(10.0);

        model.selectedClusterProperty().set("local-b");
        model.selectedClusterProperty().set("local-a");

        assertThat(model.inRate("orders")).isNull();
    }

    @Test
    void writesAreEnabledOnlyOnAWritableRunningCluster() {
        model.setActive(true);
        assertThat(model.writableProperty().get()).isTrue();
        assertThat(model.canChangeSelectedProperty().get()).as("no topic selected").isFalse();
        model.selectedTopicProperty().set("orders");
        assertThat(model.canChangeSelectedProperty().get()).isTrue();
        model.selectedCountProperty().set(2);
        assertThat(model.canChangeSelectedProperty().get()).as("delete, purge and add partitions act on one topic")
                .isFalse();
        model.selectedCountProperty().set(1);
        assertThat(model.canChangeSelectedProperty().get()).isTrue();

        backend.cluster(0).set(ClusterState.STOPPED);

        assertThat(model.writableProperty().get()).isFalse();
        assertThat(model.canChangeSelectedProperty().get()).isFalse();
    }

    @Test
    void aReadOnlyConnectionDisablesEveryWriteAndCommandsRefuseIt() {
        topicsByCluster.put("prod", List.of(ORDERS));
        connections.save(new ClusterConnection("prod", "prod-1:9092").withSetting(ClusterConnection.READ_ONLY, "true"),
                null, failure -> assertThat(failure).isNull());
        model.setActive(true);

        model.selectedClusterProperty().set("prod");

        assertThat(requests).as("reads still work").contains("prod");
        assertThat(visibleNames()).containsExactly("orders");
        assertThat(model.writableProperty().get()).isFalse();
        model.selectedTopicProperty().set("orders");
        assertThat(model.canChangeSelectedProperty().get()).isFalse();

        CreateTopicForm create = model.newCreateForm();
        create.nameProperty().set("new-topic");
        model.commands().create(create);
        DeleteTopicForm delete = model.newDeleteForm().orElseThrow();
        delete.confirmationProperty().set("orders");
        model.commands().delete(delete);
        model.commands().purge(model.newPurgeForm().orElseThrow());

        assertThat(source.writes).isEmpty();
        assertThat(model.commands().noticeIsErrorProperty().get()).isTrue();
        assertThat(model.commands().noticeProperty().get()).contains("prod is read-only");

        model.selectedClusterProperty().set("local-a");
        assertThat(model.writableProperty().get()).isTrue();
    }

    @Test
    void enterOnATopicOpensItsPartitionsConfigsAndReaders() {
        source.details.put("orders", detail("orders", "billing"));
        source.configs.put("orders", List.of(config("retention.ms", "3600000", ConfigSource.DYNAMIC_TOPIC_CONFIG)));
        model.setActive(true);
        assertThat(model.detail().titleProperty().get()).isEqualTo(TopicDetailModel.HINT);

        model.openDetail("orders");

        assertThat(source.detailRequests).containsExactly("local-a/orders");
        assertThat(model.detail().partitions()).hasSize(2);
        assertThat(model.detail().configs()).extracting(ConfigValue::name).containsExactly("retention.ms");
        assertThat(model.detail().groups()).containsExactly("billing");
        assertThat(model.detail().titleProperty().get())
                .isEqualTo("orders · 2 partitions · replication 1 · 15 records · 300 B · 1 consumer group");

        executor.tick();
        assertThat(source.detailRequests).as("a refresh reloads the open topic").hasSize(2);

        topicsByCluster.put("local-a", List.of(PAYMENTS));
        executor.tick();
        assertThat(model.detail().topicProperty().get()).as("deleted elsewhere: closed").isNull();
        assertThat(model.detail().partitions()).isEmpty();
    }

    @Test
    void aDetailThatCannotLoadSaysWhyInOneLine() {
        model.setActive(true);

        model.openDetail("orders");

        assertThat(model.detail().problemProperty().get())
                .isEqualTo("Could not load topic orders: cannot describe topic orders: it does not exist");
        assertThat(model.detail().loadingProperty().get()).isFalse();
    }

    static TopicDetail detail(String topic, String... groups) {
        return new TopicDetail(topic, "id", false, List.of(
                new PartitionDetail(0, 0, List.of(0), List.of(0), 0, 10, 200),
                new PartitionDetail(1, 0, List.of(0), List.of(0), 5, 10, 100)), List.of(groups));
    }

    static ConfigValue config(String name, String value, ConfigSource source) {
        return new ConfigValue(name, value, source == ConfigSource.DEFAULT_CONFIG, false, false, source, "Docs of " + name);
    }
}
