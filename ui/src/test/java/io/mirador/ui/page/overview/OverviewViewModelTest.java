package io.mirador.ui.page.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.KafkaVersion;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class OverviewViewModelTest {

    private static final KafkaVersion VERSION = new KafkaVersion("4.4", "4.4-IV2", 33);

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final Map<String, ClusterSummary> summaries = new HashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final OverviewSource source = cluster -> {
        requests.add(cluster);
        ClusterSummary summary = summaries.get(cluster);
        if (summary == null) {
            throw new ClusterException("cluster " + cluster + " did not answer", null);
        }
        return summary;
    };
    private SandboxService sandbox;
    private OverviewViewModel model;

    @BeforeEach
    void setUp() {
        summaries.put("local-a", summary("id-a", 3, broker(0, 1024), broker(1, -1)));
        summaries.put("local-b", summary("id-b", 1, broker(0, 0)));
        sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        backend.cluster(1).set(ClusterState.RUNNING);
        model = new OverviewViewModel(new Connections(sandbox, ConnectionStore.inMemory(), executor), source, executor);
    }

    private static BrokerSummary broker(int id, long bytes) {
        return new BrokerSummary(id, "localhost", 9092 + id, null, 2, 4, bytes);
    }

    private static ClusterSummary summary(String id, int topics, BrokerSummary... brokers) {
        return new ClusterSummary(id, 0, List.of(brokers), topics, 1, topics * 2, 0, 0, VERSION);
    }

    @Test
    void selectsTheFirstClusterAndLoadsOnlyWhenShown() {
        assertThat(model.clusterNames()).containsExactly("local-a", "local-b");
        assertThat(model.selectedClusterProperty().get()).isEqualTo("local-a");
        assertThat(requests).isEmpty();
        assertThat(model.summaryProperty().get()).isNull();

        model.setActive(true);

        assertThat(requests).containsExactly("local-a");
        assertThat(model.summaryProperty().get().clusterId()).isEqualTo("id-a");
        assertThat(model.brokers()).extracting(BrokerSummary::id).containsExactly(0, 1);
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aFailedLoadSaysWhyAndKeepsTheLastSummary() {
        model.setActive(true);
        summaries.remove("local-a");

        model.refresh();

        assertThat(model.problemProperty().get())
                .isEqualTo("Could not load the overview: cluster local-a did not answer");
        assertThat(model.summaryProperty().get().clusterId()).isEqualTo("id-a");
        assertThat(model.brokers()).hasSize(2);
        assertThat(model.loadingProperty().get()).isFalse();

        summaries.put("local-a", summary("id-a", 5, broker(0, 0)));
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get().topics()).isEqualTo(5);
        assertThat(model.brokers()).hasSize(1);
    }

    @Test
    void refreshesEveryPeriodOnlyWhileShown() {
        model.setActive(true);
        executor.tick();
        assertThat(requests).hasSize(2);

        model.setActive(false);
        executor.tick();

        assertThat(executor.activePeriodicCount()).isZero();
        assertThat(requests).hasSize(2);
    }

    @Test
    void switchingClusterShowsOnlyTheNewClustersSummary() {
        model.setActive(true);

        model.selectedClusterProperty().set("local-b");

        assertThat(requests).containsExactly("local-a", "local-b");
        assertThat(model.summaryProperty().get().clusterId()).isEqualTo("id-b");
        assertThat(model.brokers()).extracting(BrokerSummary::logDirBytes).containsExactly(0L);
    }

    @Test
    void aLateSummaryOfThePreviousClusterIsDropped() {
        model.setActive(true);
        executor.holdWork();
        model.refresh();
        summaries.put("local-a", summary("id-a-late", 9, broker(0, 0)));
        model.selectedClusterProperty().set("local-b");
        executor.runPending();

        assertThat(model.summaryProperty().get().clusterId()).isEqualTo("id-b");
    }

    @Test
    void aStoppedClusterIsNotQueriedAndItsSummaryIsCleared() {
        model.setActive(true);

        backend.cluster(0).set(ClusterState.STOPPED);
        executor.tick();

        assertThat(requests).containsExactly("local-a");
        assertThat(model.summaryProperty().get()).isNull();
        assertThat(model.brokers()).isEmpty();
        assertThat(model.problemProperty().get()).contains("local-a is stopped");
    }

    @Test
    void versionReadsWhatTheClusterSaid() {
        assertThat(OverviewViewModel.version(VERSION)).isEqualTo("4.4 (metadata 4.4-IV2)");
        assertThat(OverviewViewModel.version(KafkaVersion.UNKNOWN)).isEqualTo("Unknown");
        assertThat(OverviewViewModel.version(new KafkaVersion("4.4", null, -1))).isEqualTo("4.4");
    }
}
