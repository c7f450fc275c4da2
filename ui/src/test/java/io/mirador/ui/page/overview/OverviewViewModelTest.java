package io.mirador.ui.page.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.broker.BrokerSummary;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.KafkaVersion;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.history.ClusterSampler;
import io.mirador.ui.service.history.HistoryPoint;
import io.mirador.ui.service.history.HistorySeries;
import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.service.history.Range;
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
    /** Latest rates by "cluster/metric"; series reads are recorded as "cluster/metric/range". */
    private final Map<String, Double> rates = new HashMap<>();
    private final List<String> seriesReads = new ArrayList<>();
    private final List<Duration> maxAges = new ArrayList<>();
    private RuntimeException historyFailure;
    private final HistorySource history = new HistorySource() {
        @Override
        public HistorySeries series(String cluster, String metric, String scope, Range range) {
            seriesReads.add(cluster + "/" + metric + "/" + range);
            return new HistorySeries(cluster, metric, scope, range, 0, range.millis(),
                    List.of(new HistoryPoint(1, 42)));
        }

        @Override
        public OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge) {
            if (historyFailure != null) {
                throw historyFailure;
            }
            maxAges.add(maxAge);
            Double rate = rates.get(cluster + "/" + metric);
            return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
        }
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
        rates.put("local-a/" + ClusterSampler.CLUSTER_IN_RATE, 1234.5);
        rates.put("local-a/" + ClusterSampler.CLUSTER_OUT_RATE, 12.0);
        model = new OverviewViewModel(new Connections(sandbox, ConnectionStore.inMemory(), executor), source, history,
                executor);
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

    @Test
    void showsTheNewestInAndOutRatesOfTheSelectedCluster() {
        model.setActive(true);

        assertThat(model.inRateProperty().get()).isEqualTo(1234.5);
        assertThat(model.outRateProperty().get()).isEqualTo(12.0);
        assertThat(maxAges).containsOnly(OverviewViewModel.RATE_MAX_AGE);

        model.selectedClusterProperty().set("local-b");

        assertThat(model.inRateProperty().get()).as("never sampled").isNull();
        assertThat(model.outRateProperty().get()).isNull();
    }

    @Test
    void anUnreadableHistoryBlanksTheRatesButNotTheSummary() {
        historyFailure = new IllegalStateException("store is closed");

        model.setActive(true);

        assertThat(model.summaryProperty().get().clusterId()).isEqualTo("id-a");
        assertThat(model.inRateProperty().get()).isNull();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void theInRateChartFollowsTheSelectedClusterAndThePage() {
        assertThat(model.inRateChart().metric()).isEqualTo(ClusterSampler.CLUSTER_IN_RATE);
        assertThat(seriesReads).isEmpty();

        model.setActive(true);
        assertThat(seriesReads).containsExactly("local-a/cluster.in.rate/HOUR");

        model.inRateChart().rangeProperty().set(Range.WEEK);
        model.selectedClusterProperty().set("local-b");
        assertThat(seriesReads).endsWith("local-a/cluster.in.rate/WEEK", "local-b/cluster.in.rate/WEEK");
        assertThat(model.inRateChart().seriesProperty().get().cluster()).isEqualTo("local-b");

        model.setActive(false);
        assertThat(model.inRateChart().isActive()).isFalse();
        assertThat(executor.activePeriodicCount()).isZero();
    }

    @Test
    void chartTimesAreLocalUnlessUtcIsChosen() {
        assertThat(model.timeZone().getValue()).isEqualTo(java.time.ZoneId.systemDefault());
        model.utcProperty().set(true);
        assertThat(model.timeZone().getValue()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void ratesReadAsRecordsPerSecond() {
        assertThat(OverviewViewModel.rate(null)).isEqualTo("–");
        assertThat(OverviewViewModel.rate(0.0)).isEqualTo("0 rec/s");
        assertThat(OverviewViewModel.rate(1.234)).isEqualTo("1.23 rec/s");
        assertThat(OverviewViewModel.rate(123.45)).isEqualTo("123.5 rec/s");
        assertThat(OverviewViewModel.rate(12345.6)).isEqualTo("12,346 rec/s");
    }
}
