package io.mirador.ui.service.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading series back from a real (in-memory) H2 store, with a fixed clock. */
class MetricHistoryServiceTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final String ROUTE = ClusterSampler.route("local-a");

    private final ReplicationStore store = JdbcReplicationStore.open("jdbc:h2:mem:");
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void eachRangeReadsItsOwnWindow() {
        store.addSamples(List.of(
                sample(NOW - Duration.ofDays(8).toMillis(), 1),
                sample(NOW - Duration.ofDays(3).toMillis(), 2),
                sample(NOW - Duration.ofHours(5).toMillis(), 3),
                sample(NOW - Duration.ofMinutes(30).toMillis(), 4),
                sample(NOW, 5)));
        MetricHistoryService history = new MetricHistoryService(() -> store, clock, 100);

        HistorySeries hour = history.series("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Range.HOUR);
        HistorySeries day = history.series("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Range.DAY);
        HistorySeries week = history.series("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Range.WEEK);

        assertThat(hour.fromMs()).isEqualTo(NOW - 3_600_000L);
        assertThat(hour.toMs()).isEqualTo(NOW);
        assertThat(hour.points()).extracting(HistoryPoint::value).containsExactly(4.0, 5.0);
        assertThat(day.points()).extracting(HistoryPoint::value).containsExactly(3.0, 4.0, 5.0);
        assertThat(week.points()).extracting(HistoryPoint::value).containsExactly(2.0, 3.0, 4.0, 5.0);
        assertThat(history.series("local-b", ClusterSampler.CLUSTER_IN_RATE, "", Range.WEEK).points()).isEmpty();
    }

    @Test
    void latestIsTheNewestPointNotOlderThanAsked() {
        MetricHistoryService history = new MetricHistoryService(() -> store, clock, 100);
        assertThat(history.latest("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Duration.ofSeconds(30))).isEmpty();

        store.addSamples(List.of(sample(NOW - 40_000, 7), sample(NOW - 20_000, 8)));

        assertThat(history.latest("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Duration.ofSeconds(30)))
                .hasValue(8.0);
        assertThat(history.latest("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void aLongSeriesIsAveragedDownToTheBound() {
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < 360; i++) {
            samples.add(sample(NOW - 3_600_000L + i * 10_000L, i % 2 == 0 ? 0 : 10));
        }
        store.addSamples(samples);
        MetricHistoryService history = new MetricHistoryService(() -> store, clock, 60);

        List<HistoryPoint> points = history.series("local-a", ClusterSampler.CLUSTER_IN_RATE, "", Range.HOUR).points();

        assertThat(points).hasSize(60);
        assertThat(points).allSatisfy(p -> assertThat(p.value()).isEqualTo(5.0));
        assertThat(points).isSortedAccordingTo((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
    }

    @Test
    void boundNeverExceedsTheLimitEvenWithAPointAtTheEnd() {
        List<HistoryPoint> points = new ArrayList<>();
        for (long t = 0; t <= 1000; t++) {
            points.add(new HistoryPoint(t, 1));
        }
        assertThat(MetricHistoryService.bound(points, 0, 1000, 10)).hasSize(10);
        assertThat(MetricHistoryService.bound(points.subList(0, 5), 0, 1000, 10)).hasSize(5);
    }

    private static MetricSample sample(long ts, double value) {
        return new MetricSample(ROUTE, ClusterSampler.CLUSTER_IN_RATE, "", ts, value);
    }
}
