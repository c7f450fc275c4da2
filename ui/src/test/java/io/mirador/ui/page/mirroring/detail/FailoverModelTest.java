package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.exact;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.group;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.report;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fail over (preview, confirm, report) and fail back, through the route detail's model, without JavaFX. */
class FailoverModelTest {

    private static final long NOW = 1_800_000_000_000L;

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeMirroringService service = new FakeMirroringService();
    private RouteDetailModel model;

    @BeforeEach
    void setUp() {
        service.status(route("orders", "RUNNING", List.of(partition("orders", 0, 0, 1000, 900, 50, "RUNNING"))));
        service.route(RouteDefinition.of("orders", "east", "west", "orders"));
        service.failoverReports("orders",
                report("orders", true, 12, 4.25, null, List.of(group("billing", "SYNCED", NOW,
                        exact("orders", 0, 988, 978)))),
                report("orders", false, 0, 0, "orders-failback", List.of(group("billing", "SYNCED", NOW,
                        exact("orders", 0, 1000, 990)))));
        model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC), () -> NOW);
        model.routeProperty().set("orders");
        model.setActive(true);
    }

    @Test
    void opensWithAPreviewThatChangesNothing() {
        executor.holdWork();
        FailoverModel failover = model.failover().newFailover();

        assertThat(failover.title()).isEqualTo("Fail over route orders to west");
        assertThat(failover.phaseProperty().get()).isEqualTo(FailoverModel.Phase.PREVIEWING);
        assertThat(failover.busyProperty().get()).isTrue();
        assertThat(failover.progressTextProperty().get()).startsWith("Previewing");
        assertThat(failover.canFailOverProperty().get()).isFalse();

        executor.runPending();

        assertThat(service.requests()).contains("failover orders 30 preview").doesNotContain("failover orders 30");
        assertThat(failover.busyProperty().get()).isFalse();
        assertThat(failover.phaseProperty().get()).isEqualTo(FailoverModel.Phase.PREVIEWED);
        assertThat(failover.headlineProperty().get())
                .isEqualTo("12 records are not on west now; the oldest is 4.3 s old.");
        assertThat(failover.partitions()).extracting(FailoverReport.PartitionGap::unmirroredRecords)
                .containsExactly(12L, 0L);
        assertThat(failover.groups()).extracting(r -> r.group() + " " + r.targetOffset())
                .containsExactly("billing 978");
        assertThat(failover.canFailOverProperty().get()).isTrue();
        assertThat(failover.notice().noticeIsErrorProperty().get()).isFalse();
    }

    @Test
    void failOverNowRunsTheFailoverAndShowsItsReportAndFailbackRoute() {
        FailoverModel failover = model.failover().newFailover();
        failover.drainSecondsProperty().set(5);
        executor.holdWork();

        failover.failOver();
        assertThat(failover.phaseProperty().get()).isEqualTo(FailoverModel.Phase.FAILING_OVER);
        assertThat(failover.busyProperty().get()).isTrue();
        assertThat(failover.canFailOverProperty().get()).isFalse();
        assertThat(failover.progressTextProperty().get()).contains("up to 5 s");
        executor.runPending();

        assertThat(service.requests()).contains("failover orders 5");
        assertThat(failover.phaseProperty().get()).isEqualTo(FailoverModel.Phase.FAILED_OVER);
        assertThat(failover.headlineProperty().get())
                .isEqualTo("Nothing lost: west has every record of the source at the failover (RPO 0).");
        assertThat(failover.groups()).extracting(r -> r.group() + " " + r.targetOffset())
                .containsExactly("billing 990");
        String done = "Failed over route orders to west: 0 records not mirrored, 1 group moved. Route orders is"
                + " paused; failback route orders-failback is ready, paused.";
        assertThat(failover.notice().noticeProperty().get()).isEqualTo(done);
        assertThat(failover.notice().noticeIsErrorProperty().get()).isFalse();
        // The detail says so too, and reads the engine again: paused now, with a reverse route to fail back to.
        assertThat(model.failover().noticeProperty().get()).isEqualTo(done);
        assertThat(model.summaryProperty().get().state()).isEqualTo("PAUSED");
        assertThat(model.failover().reverseRouteProperty().get()).isEqualTo("orders-failback");
        assertThat(model.failover().canFailBackProperty().get()).isTrue();
        // Once only.
        failover.failOver();
        failover.preview();
        assertThat(service.count("failover orders 5")).isEqualTo(1);
    }

    @Test
    void aFailedPreviewIsAnErrorAndOffersNoFailover() {
        service.fail("route orders is not running in this engine");
        FailoverModel failover = model.failover().newFailover();

        assertThat(failover.phaseProperty().get()).isEqualTo(FailoverModel.Phase.PREVIEW_FAILED);
        assertThat(failover.notice().noticeProperty().get()).isEqualTo("Could not preview the failover of route"
                + " orders: route orders is not running in this engine");
        assertThat(failover.notice().noticeIsErrorProperty().get()).isTrue();
        assertThat(failover.canFailOverProperty().get()).isFalse();
        failover.failOver();
        assertThat(service.count("failover orders 30")).isEqualTo(1); // the preview only

        service.fail(null);
        failover.preview();
        assertThat(failover.canFailOverProperty().get()).isTrue();
    }

    @Test
    void anUnknownAgeIsSaidSo() {
        FailoverReport unknown = new FailoverReport("orders", true, 1, false, 0, 3, Double.NaN, List.of(), List.of(),
                null, List.of("the source did not answer: end offsets are the last ones seen"));
        assertThat(FailoverModel.headline(unknown, "west")).isEqualTo("3 records are not on west now; the oldest"
                + " one's age is unknown (the source did not answer).");
        assertThat(FailoverModel.seconds(Double.NaN)).isEqualTo("–");
        assertThat(FailoverModel.seconds(185)).isEqualTo("3 min 5 s");
        assertThat(FailoverModel.seconds(7_800)).isEqualTo("2 h 10 min");
    }

    @Test
    void failBackIsOfferedOnlyForAPausedRouteThatFailedOverAndShowsTheEnginesRefusal() {
        assertThat(model.failover().canFailOverProperty().get()).isTrue();
        assertThat(model.failover().canFailBackProperty().get()).isFalse();

        // The engine refuses a failback before a failover: its one line, in red.
        model.failover().failBack();
        assertThat(model.failover().noticeProperty().get()).isEqualTo("Could not fail back route orders: route"
                + " orders has not failed over: there is no reverse route to resume");
        assertThat(model.failover().noticeIsErrorProperty().get()).isTrue();

        model.failover().newFailover().failOver();
        assertThat(model.failover().canFailBackProperty().get()).isTrue();

        model.failover().failBack();

        assertThat(service.requests()).contains("failback orders");
        assertThat(model.failover().noticeProperty().get()).isEqualTo("Failing back: route orders-failback copies"
                + " what west received since the failover to east.");
        assertThat(model.failover().noticeIsErrorProperty().get()).isFalse();
        // The reverse route runs now: nothing left to fail back to.
        assertThat(model.failover().canFailBackProperty().get()).isFalse();
    }

    @Test
    void aStoppedRouteCannotFailOver() {
        service.status(route("orders", "STOPPED", List.of()));
        executor.tick();
        assertThat(model.failover().canFailOverProperty().get()).isFalse();
    }
}
