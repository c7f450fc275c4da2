package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.event;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.ZoneOffset;
import java.util.List;

import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.service.history.Range;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The detail's model on the test thread, without JavaFX: the direct executor plays the UI thread and the timers. */
class RouteDetailModelTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long HOUR = 3_600_000L;

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeMirroringService service = new FakeMirroringService();
    private RouteDetailModel model;

    @BeforeEach
    void setUp() {
        service.status(route("orders", "RUNNING", List.of(
                partition("orders", 0, 0, 1000, 900, 50, "RUNNING"),
                partition("orders", 1, 1, 1000, 1000, 0, "CAUGHT_UP"),
                partition("audit", 0, 1, 500, 100, 0, "STALLED"))));
        service.events("orders", List.of(
                event(3, NOW - 1000, "orders", ReplicationEvent.PARTITION_STALLED, "WARN", "audit/0 made no progress"),
                event(2, NOW - 2000, "orders", ReplicationEvent.TOPIC_ADDED, "INFO", "topic audit added"),
                event(1, NOW - 3000, "other", ReplicationEvent.TOPIC_ADDED, "INFO", "not this route")));
        service.history("orders", HistoryModel.RECORDS_PER_SECOND, "*",
                List.of(sample("orders", "records-per-second", "*", NOW - 2 * HOUR, 1),
                        sample("orders", "records-per-second", "*", NOW - 60_000, 40),
                        sample("orders", "records-per-second", "*", NOW - 5_000, 50)));
        service.history("orders", HistoryModel.LATENCY_P99, "*",
                List.of(sample("orders", "latency-p99-ms", "*", NOW - 5_000, 12.5)));
        service.history("orders", HistoryModel.LAG, "orders/0",
                List.of(sample("orders", "lag", "orders/0", NOW - 5_000, 100)));
        model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC), () -> NOW);
    }

    private void open(String route) {
        model.routeProperty().set(route);
        model.setActive(true);
    }

    @Test
    void readsNothingUntilActiveAndStopsWhenHidden() {
        model.routeProperty().set("orders");
        executor.tick();
        assertThat(service.requests()).isEmpty();
        assertThat(executor.activePeriodicCount()).isZero();

        model.setActive(true);
        assertThat(service.count("status orders")).isEqualTo(1);
        assertThat(service.count("events orders")).isEqualTo(1);
        assertThat(service.count("history orders")).isEqualTo(4);
        assertThat(executor.activePeriodicCount()).isEqualTo(3);

        executor.tick();
        assertThat(service.count("status orders")).isEqualTo(2);

        model.setActive(false);
        service.clearRequests();
        executor.tick();
        assertThat(executor.activePeriodicCount()).isZero();
        assertThat(service.requests()).isEmpty();
        // Data already shown stays.
        assertThat(model.rows().allPartitions()).hasSize(3);
    }

    @Test
    void summarisesTheRouteAndAggregatesPerTopic() {
        open("orders");

        RouteSummary summary = model.summaryProperty().get();
        assertThat(summary.state()).isEqualTo("RUNNING");
        assertThat(summary.lag()).isEqualTo(100 + 400);
        assertThat(summary.recordsPerSecondText()).isEqualTo("50");
        assertThat(summary.latencyP99Text()).isEqualTo("13 ms");
        assertThat(summary.copiedText()).isEqualTo("10,000");
        assertThat(summary.partitions()).isEqualTo(3);
        assertThat(summary.stuckPartitions()).isEqualTo(1);
        assertThat(model.updatedAtProperty().get()).isEqualTo(NOW);

        assertThat(model.rows().topics()).extracting(TopicRow::topic).containsExactly("audit", "orders");
        TopicRow orders = model.rows().topics().get(1);
        assertThat(orders.partitions()).isEqualTo(2);
        assertThat(orders.workers()).isEqualTo("0, 1");
        assertThat(orders.sourceEndOffset()).isEqualTo(2000);
        assertThat(orders.checkpoint()).isEqualTo(1900);
        assertThat(orders.lag()).isEqualTo(100);
        assertThat(orders.recordsPerSecond()).isEqualTo(50);
        assertThat(orders.state()).isEqualTo("RUNNING");
        assertThat(orders.progress()).isCloseTo(0.95, within(1e-9));
        TopicRow audit = model.rows().topics().get(0);
        assertThat(audit.state()).isEqualTo("STALLED");
        assertThat(audit.stuckPartitions()).isEqualTo(1);

        assertThat(model.rows().allPartitions()).extracting(PartitionKey::of).containsExactly(
                new PartitionKey("audit", 0), new PartitionKey("orders", 0), new PartitionKey("orders", 1));
        assertThat(model.compare().topics()).containsExactly("audit", "orders");
    }

    @Test
    void keepsTheSelectionByKeyAcrossPollsAndDropsItWhenThePartitionLeaves() {
        open("orders");
        model.rows().selectedPartitionProperty().set(new PartitionKey("orders", 1));
        model.rows().selectedTopicProperty().set("orders");
        PartitionStatus before = model.rows().selectedPartitionRow();
        int version = model.rows().versionProperty().get();

        service.status(route("orders", "RUNNING", List.of(
                partition("orders", 0, 0, 1200, 1100, 60, "RUNNING"),
                partition("orders", 1, 1, 1300, 1200, 30, "RUNNING"),
                partition("audit", 0, 1, 500, 100, 0, "STALLED"))));
        executor.tick();

        assertThat(model.rows().versionProperty().get()).isEqualTo(version + 1);
        assertThat(model.rows().selectedPartitionProperty().get()).isEqualTo(new PartitionKey("orders", 1));
        assertThat(model.rows().selectedTopicProperty().get()).isEqualTo("orders");
        PartitionStatus after = model.rows().selectedPartitionRow();
        assertThat(after).isNotSameAs(before);
        assertThat(after.sourceEndOffset()).isEqualTo(1300);

        // Partition moved away from the route (topic removed): both keys are cleared.
        service.status(route("orders", "RUNNING", List.of(partition("audit", 0, 1, 500, 100, 0, "STALLED"))));
        executor.tick();
        assertThat(model.rows().selectedPartitionProperty().get()).isNull();
        assertThat(model.rows().selectedTopicProperty().get()).isNull();
    }

    @Test
    void aSelectedTopicNarrowsThePartitionsAndBecomesTheTopicToCompare() {
        open("orders");
        assertThat(model.rows().visiblePartitions()).hasSize(3);

        model.rows().selectedTopicProperty().set("orders");

        assertThat(model.rows().visiblePartitions()).extracting(PartitionStatus::topic).containsOnly("orders")
                .hasSize(2);
        assertThat(model.compare().topicProperty().get()).isEqualTo("orders");

        model.rows().selectedTopicProperty().set(null);
        assertThat(model.rows().visiblePartitions()).hasSize(3);
    }

    @Test
    void showsOnlyThisRoutesEventsNewestFirst() {
        open("orders");
        assertThat(model.events().allEvents()).extracting(ReplicationEvent::id).containsExactly(3L, 2L);
        assertThat(model.events().statusProperty().get()).isEqualTo("2 of 2 events");
        assertThat(service.requests()).contains("events orders " + RouteDetailModel.EVENT_LIMIT);
    }

    @Test
    void aFailedPollSaysWhyInOneLineKeepsTheDataAndClearsOnSuccess() {
        open("orders");
        service.fail("engine at http://10.0.0.1:8088 did not answer\nstack trace line");
        executor.tick();

        assertThat(model.problemProperty().get())
                .isEqualTo("Could not read the status of route orders: engine at http://10.0.0.1:8088 did not answer")
                .doesNotContain("\n");
        assertThat(model.rows().allPartitions()).hasSize(3);
        assertThat(model.summaryProperty().get().state()).isEqualTo("RUNNING");

        service.fail(null);
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void anUnknownRouteIsAProblemNotACrash() {
        open("nope");
        assertThat(model.problemProperty().get()).isEqualTo("Could not read the status of route nope: no route named nope");
        assertThat(model.rows().allPartitions()).isEmpty();
    }

    @Test
    void anotherRouteClearsEverythingAndDropsLateResultsOfTheOldOne() {
        service.status(route("payments", "PAUSED", List.of(partition("payments", 0, 0, 10, 10, 0, "PAUSED"))));
        open("orders");
        assertThat(model.rows().allPartitions()).hasSize(3);

        executor.holdWork();
        executor.tick(); // status, events and history of "orders" are now in flight
        model.routeProperty().set("payments");
        assertThat(model.rows().allPartitions()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo(RouteSummary.EMPTY);
        assertThat(model.history().dataProperty().get()).isNull();
        assertThat(model.compare().topics()).isEmpty();

        executor.runPending();

        assertThat(model.summaryProperty().get().state()).isEqualTo("PAUSED");
        assertThat(model.rows().allPartitions()).extracting(PartitionStatus::topic).containsExactly("payments");
        assertThat(model.events().allEvents()).isEmpty();
        assertThat(model.compare().topics()).containsExactly("payments");
    }

    @Test
    void skipsAStatusPollWhileThePreviousOneIsStillRunning() {
        open("orders");
        executor.holdWork();
        service.clearRequests();
        executor.tick();
        executor.tick();
        executor.runPending();
        assertThat(service.count("status orders")).isEqualTo(1);
    }

    @Test
    void chartsTheLastHourOfTheRouteAndSwitchRanges() {
        open("orders");
        ChartData hour = model.history().dataProperty().get();
        assertThat(hour.range()).isEqualTo(Range.HOUR);
        assertThat(hour.fromMs()).isEqualTo(NOW - HOUR);
        assertThat(hour.toMs()).isEqualTo(NOW);
        assertThat(hour.throughput()).singleElement().satisfies(s ->
                assertThat(s.points()).extracting(ChartSeries.Point::value).containsExactly(40.0, 50.0));
        assertThat(hour.latency()).extracting(ChartSeries::name).containsExactly("p50", "p99");
        assertThat(hour.latency().get(1).points()).hasSize(1);
        assertThat(hour.pointCount()).isEqualTo(3);

        service.clearRequests();
        model.history().rangeProperty().set(Range.WEEK);

        ChartData week = model.history().dataProperty().get();
        assertThat(week.range()).isEqualTo(Range.WEEK);
        assertThat(week.fromMs()).isEqualTo(NOW - 7 * 24 * HOUR);
        assertThat(week.throughput().get(0).points()).hasSize(3);
        assertThat(service.requests()).contains("history orders records-per-second * " + (NOW - 7 * 24 * HOUR) + " " + NOW);
    }

    @Test
    void aSlowLoadOfTheOldRangeNeverReplacesTheNewOne() {
        open("orders");
        executor.holdWork();
        model.history().rangeProperty().set(Range.DAY);
        model.history().rangeProperty().set(Range.HOUR);
        executor.runPending();
        assertThat(model.history().dataProperty().get().range()).isEqualTo(Range.HOUR);
    }

    @Test
    void chartsCanFollowTheSelectedPartition() {
        open("orders");
        model.rows().selectedPartitionProperty().set(new PartitionKey("orders", 0));
        assertThat(model.history().scopeProperty().get()).isEqualTo("*");

        model.chartsFollowPartitionProperty().set(true);

        assertThat(model.history().scopeProperty().get()).isEqualTo("orders/0");
        ChartData data = model.history().dataProperty().get();
        assertThat(data.scope()).isEqualTo("orders/0");
        assertThat(data.lag().get(0).points()).extracting(ChartSeries.Point::value).containsExactly(100.0);
        // The engine keeps latency for the whole route only.
        assertThat(data.latency().get(1).points()).hasSize(1);

        model.rows().selectedPartitionProperty().set(null);
        assertThat(model.history().scopeProperty().get()).isEqualTo("*");
    }

    @Test
    void aFailedHistoryReadIsAProblemToo() {
        service.fail("store is locked");
        open("orders");
        assertThat(model.history().problemProperty().get()).isEqualTo("Could not read the history: store is locked");
        assertThat(model.problemProperty().get()).startsWith("Could not read the status of route orders");
        service.fail(null);
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void progressOfAPartitionIsCheckpointOverEndOffset() {
        assertThat(PartitionRows.progress(50, 200)).isEqualTo(0.25);
        assertThat(PartitionRows.progress(200, 200)).isEqualTo(1.0);
        assertThat(PartitionRows.progress(0, 0)).isEqualTo(1.0);
        assertThat(PartitionRows.progress(-1, 10)).isEqualTo(0.0);
        assertThat(PartitionRows.progress(300, 200)).isEqualTo(1.0);
        assertThat(DetailTables.percent(0.9999)).isEqualTo("99.9%");
        assertThat(PartitionRows.worse("RUNNING", "STALLED")).isEqualTo("STALLED");
        assertThat(PartitionRows.worse("CAUGHT_UP", "PAUSED")).isEqualTo("PAUSED");
    }

    @Test
    void longSeriesAreThinnedToAFewPointsPerPixel() {
        List<io.mirador.replicator.state.MetricSample> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            many.add(sample("r", "lag", "*", i * 1000L, i % 2 == 0 ? 0 : 10));
        }
        many.add(sample("r", "lag", "*", 6_000_000L, Double.NaN));
        ChartSeries thinned = ChartSeries.of("lag", many, 500);
        assertThat(thinned.points()).hasSize(500);
        assertThat(thinned.points()).allSatisfy(p -> assertThat(p.value()).isEqualTo(5.0));
        assertThat(thinned.points().get(499).timestampMs()).isEqualTo(4_999_000L);
    }

    @Test
    void routeStatusWithoutLatencyShowsADash() {
        RouteStatus idle = new RouteStatus("idle", "RUNNING", "worker 2 lost its source connection", 0, 0, 0,
                Double.NaN, Double.NaN, 0, List.of());
        RouteSummary s = RouteSummary.of(idle);
        assertThat(s.latencyP99Text()).isEqualTo("–");
        assertThat(s.recordsPerSecondText()).isEqualTo("0");
        assertThat(s.error()).isEqualTo("worker 2 lost its source connection");
        assertThat(RouteSummary.rate(2.25)).isEqualTo("2.3");
        assertThat(RouteSummary.latency(1530)).isEqualTo("1.5 s");
    }
}
