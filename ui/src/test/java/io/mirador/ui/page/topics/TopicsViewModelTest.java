package io.mirador.ui.page.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.TopicSummary;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
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
    private final Map<String, List<TopicSummary>> topicsByCluster = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final TopicSource source = cluster -> {
        requests.add(cluster);
        List<TopicSummary> topics = topicsByCluster.get(cluster);
        if (topics == null) {
            throw new ClusterException("cluster " + cluster + " did not answer", null);
        }
        return topics;
    };
    private SandboxService sandbox;
    private TopicsViewModel model;

    @BeforeEach
    void setUp() {
        topicsByCluster.put("local-a", List.of(OFFSETS, ORDERS, ORDERS_DLQ, PAYMENTS));
        topicsByCluster.put("local-b", List.of(new TopicSummary("mirrored", 1, 1, 0, 0, false)));
        sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        backend.cluster(1).set(ClusterState.RUNNING);
        model = new TopicsViewModel(new Connections(sandbox, ConnectionStore.inMemory(), executor), source, executor);
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
}
