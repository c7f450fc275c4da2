package io.mirador.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.ui.service.history.ClusterSampler;
import io.mirador.ui.service.history.HistoryPoint;
import io.mirador.ui.service.history.HistorySeries;
import io.mirador.ui.service.history.HistorySource;
import io.mirador.ui.service.history.MetricHistoryService;
import io.mirador.ui.service.history.Range;
import io.mirador.ui.task.DirectTaskExecutor;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class HistoryChartModelTest {

    private static final long NOW = 1_700_000_000_000L;

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final List<String> requests = new ArrayList<>();
    private RuntimeException failure;

    /** Answers with one point whose value says which range was read. */
    private final HistorySource source = new HistorySource() {
        @Override
        public HistorySeries series(String cluster, String metric, String scope, Range range) {
            requests.add(cluster + "/" + metric + "/" + scope + "/" + range);
            if (failure != null) {
                throw failure;
            }
            return new HistorySeries(cluster, metric, scope, range, NOW - range.millis(), NOW,
                    List.of(new HistoryPoint(NOW - 1000, range.ordinal())));
        }

        @Override
        public OptionalDouble latest(String cluster, String metric, String scope, Duration maxAge) {
            return OptionalDouble.empty();
        }
    };

    private final HistoryChartModel model = new HistoryChartModel(source, executor, "cluster.in.rate", "");

    @Test
    void loadsOnlyWhenActiveWithAClusterAndThenEveryPeriod() {
        model.clusterProperty().set("local-a");
        assertThat(requests).isEmpty();

        model.setActive(true);
        assertThat(requests).containsExactly("local-a/cluster.in.rate//HOUR");
        assertThat(model.seriesProperty().get().range()).isEqualTo(Range.HOUR);

        executor.tick();
        assertThat(requests).hasSize(2);

        model.setActive(false);
        executor.tick();
        assertThat(requests).hasSize(2);
        assertThat(executor.activePeriodicCount()).isZero();
    }

    @Test
    void switchingTheRangeReloadsThatRangesWindow() {
        model.clusterProperty().set("local-a");
        model.setActive(true);

        model.rangeProperty().set(Range.WEEK);

        assertThat(requests).containsExactly("local-a/cluster.in.rate//HOUR", "local-a/cluster.in.rate//WEEK");
        HistorySeries week = model.seriesProperty().get();
        assertThat(week.range()).isEqualTo(Range.WEEK);
        assertThat(week.toMs() - week.fromMs()).isEqualTo(Duration.ofDays(7).toMillis());

        model.rangeProperty().set(Range.DAY);
        assertThat(model.seriesProperty().get().points()).extracting(HistoryPoint::value).containsExactly(1.0);
    }

    @Test
    void aSlowLoadOfTheOldRangeNeverReplacesTheNewOne() {
        model.clusterProperty().set("local-a");
        executor.holdWork();
        model.setActive(true);
        model.rangeProperty().set(Range.DAY);
        assertThat(model.loadingProperty().get()).isTrue();

        executor.runPending();

        assertThat(model.seriesProperty().get().range()).isEqualTo(Range.DAY);
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void anotherClusterClearsThePointsAndLoadsItsOwn() {
        model.clusterProperty().set("local-a");
        model.setActive(true);
        executor.holdWork();

        model.clusterProperty().set("local-b");

        assertThat(model.seriesProperty().get()).isNull();
        executor.runPending();
        assertThat(model.seriesProperty().get().cluster()).isEqualTo("local-b");
    }

    @Test
    void aFailedLoadKeepsThePointsAndSaysWhy() {
        model.clusterProperty().set("local-a");
        model.setActive(true);
        failure = new IllegalStateException("store is closed");

        model.refresh();

        assertThat(model.problemProperty().get()).isEqualTo("Could not read the history: store is closed");
        assertThat(model.seriesProperty().get()).isNotNull();
        failure = null;
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void rangeIsNeverNull() {
        model.rangeProperty().set(null);
        assertThat(model.range()).isEqualTo(Range.HOUR);
    }

    @Test
    void readsTheRightWindowFromARealStore() {
        long now = System.currentTimeMillis();
        String route = ClusterSampler.route("local-a");
        try (ReplicationStore store = JdbcReplicationStore.open("jdbc:h2:mem:")) {
            store.addSamples(List.of(
                    new MetricSample(route, ClusterSampler.CLUSTER_IN_RATE, "", now - Duration.ofHours(3).toMillis(), 1),
                    new MetricSample(route, ClusterSampler.CLUSTER_IN_RATE, "", now - Duration.ofMinutes(5).toMillis(), 2)));
            HistoryChartModel real = new HistoryChartModel(new MetricHistoryService(() -> store), executor,
                    ClusterSampler.CLUSTER_IN_RATE, "");
            real.clusterProperty().set("local-a");
            real.setActive(true);
            assertThat(real.seriesProperty().get().points()).extracting(HistoryPoint::value).containsExactly(2.0);

            real.rangeProperty().set(Range.DAY);

            assertThat(real.seriesProperty().get().points()).extracting(HistoryPoint::value).containsExactly(1.0, 2.0);
        }
    }
}
