package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.event;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import atlantafx.base.theme.PrimerLight;
import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.engine.TopicComparison.PartitionComparison;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The route detail in a headless stage, on the fake engine, with the app's real executor: polls run on worker
 * threads every 2 s and land on the FX thread, as in the app. Controls are read on the FX thread ({@link #fx});
 * waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class RouteDetailViewTest {

    private static final Duration UI = Duration.ofSeconds(20);
    private static final String ROUTE = "east-to-west";

    private static final FakeMirroringService service = new FakeMirroringService();
    private static final AtomicInteger backs = new AtomicInteger();
    private static FxTaskExecutor executor;
    private static RouteDetailModel model;
    private static RouteDetailView view;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        long now = System.currentTimeMillis();
        service.status(route(ROUTE, "RUNNING", List.of(
                partition("orders", 0, 0, 12_000, 11_400, 310, "RUNNING"),
                partition("orders", 1, 1, 11_500, 11_500, 0, "CAUGHT_UP"),
                partition("orders", 2, 0, 9_800, 4_900, 250, "RUNNING"),
                partition("payments", 0, 1, 4_000, 1_000, 0, "STALLED"))));
        service.events(ROUTE, List.of(
                event(3, now - 5_000, ROUTE, ReplicationEvent.PARTITION_STALLED, "WARN", "payments/0 made no progress for 60 s"),
                event(2, now - 60_000, ROUTE, ReplicationEvent.PARTITION_MOVED, "INFO", "orders/2 moved from worker 1 to 0"),
                event(1, now - 120_000, ROUTE, ReplicationEvent.TOPIC_ADDED, "INFO", "Topic payments added")));
        service.history(ROUTE, "records-per-second", "*", wave("records-per-second", now, 500));
        service.history(ROUTE, "lag", "*", wave("lag", now, 5_000));
        service.history(ROUTE, "latency-p50-ms", "*", wave("latency-p50-ms", now, 8));
        service.history(ROUTE, "latency-p99-ms", "*", backlogAtStart(wave("latency-p99-ms", now, 40)));
        service.comparison(new TopicComparison(ROUTE, "payments", "payments", List.of(
                new PartitionComparison(0, 0, 4_000, 0, 0, 3_880, 3_880))));

        FxToolkit.registerPrimaryStage();
        // The app's theme, which defines the colours detail.css looks up.
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
        executor = new FxTaskExecutor(new TaskMonitor());
        fx(() -> {
            model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC));
            view = new RouteDetailView(model, backs::incrementAndGet);
            return null;
        });
        // Smaller than Monocle's 1280x800 headless screen, which cannot paint a larger window.
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene((Parent) view.view(), 1200, 760));
            stage.show();
            model.routeProperty().set(ROUTE);
            view.setActive(true);
        });
    }

    @AfterAll
    static void close() throws Exception {
        fx(() -> {
            view.setActive(false);
            return null;
        });
        FxToolkit.cleanupStages();
        executor.close();
    }

    /** Five-second points over the last hour, a slow wave around {@code level}. */
    private static List<MetricSample> wave(String metric, long now, double level) {
        List<MetricSample> samples = new ArrayList<>();
        for (long t = now - 3_600_000L + 5_000; t <= now; t += 5_000) {
            samples.add(sample(ROUTE, metric, "*", t, level * (1 + 0.3 * Math.sin(t / 300_000.0))));
        }
        return samples;
    }

    /** Issue 18: a route that copied old records first, 4,000 s old, ten minutes into the hour. */
    private static List<MetricSample> backlogAtStart(List<MetricSample> samples) {
        List<MetricSample> spiked = new ArrayList<>(samples);
        for (int i = 120; i < 124; i++) {
            MetricSample s = spiked.get(i);
            spiked.set(i, sample(ROUTE, s.metric(), s.scope(), s.timestampMs(), 4_000_000));
        }
        return spiked;
    }

    @SuppressWarnings("unchecked")
    private TableView<PartitionStatus> partitions() {
        return (TableView<PartitionStatus>) robot.lookup("#route-partitions").query();
    }

    @Test
    void showsEachPartitionsProgressAndMarksTheStuckOne() throws Exception {
        fx(() -> {
            view.showTab("Progress");
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> partitions().getItems().size()) == 4);
        WaitForAsyncUtils.waitForFxEvents();

        List<Double> bars = fx(() -> partitions().lookupAll(".route-progress").stream()
                .map(n -> ((ProgressBar) n).getProgress()).toList());
        assertThat(bars).contains(0.95, 1.0, 0.5, 0.25);
        List<String> stuck = fx(() -> partitions().lookupAll(".state-stalled").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertThat(stuck).containsExactly("stalled");
        assertThat(fx(() -> robot.lookup("#route-detail-name").queryAs(Label.class).getText()))
                .isEqualTo("Route east-to-west");
        assertThat(fx(() -> robot.lookup("#route-figure-partitions").queryAs(Label.class).getText()))
                .isEqualTo("4 (1 stalled)");
        assertThat(fx(() -> robot.lookup("#route-figure-lag").queryAs(Label.class).getText()))
                .isEqualTo("8,500");
    }

    @Test
    void keepsTheSelectedPartitionWhileLiveFiguresMove() throws Exception {
        await().atMost(UI).until(() -> fx(() -> partitions().getItems().size()) == 4);
        fx(() -> {
            view.showTab("Progress");
            TableView<PartitionStatus> table = partitions();
            int row = table.getItems().indexOf(table.getItems().stream()
                    .filter(p -> p.topic().equals("orders") && p.partition() == 2).findFirst().orElseThrow());
            table.getSelectionModel().clearAndSelect(row);
            return null;
        });
        assertThat(model.rows().selectedPartitionProperty().get()).isEqualTo(new PartitionKey("orders", 2));

        service.status(route(ROUTE, "RUNNING", List.of(
                partition("orders", 0, 0, 12_600, 12_000, 300, "RUNNING"),
                partition("orders", 1, 1, 11_500, 11_500, 0, "CAUGHT_UP"),
                partition("orders", 2, 0, 10_300, 7_400, 250, "RUNNING"),
                partition("payments", 0, 1, 4_000, 1_000, 0, "STALLED"))));
        await().atMost(UI).until(() -> fx(() -> partitions().getItems().stream()
                .anyMatch(p -> p.checkpoint() == 7_400)));

        PartitionStatus selected = fx(() -> partitions().getSelectionModel().getSelectedItem());
        assertThat(selected.topic()).isEqualTo("orders");
        assertThat(selected.partition()).isEqualTo(2);
        assertThat(selected.checkpoint()).isEqualTo(7_400);
        assertThat(model.rows().selectedPartitionProperty().get()).isEqualTo(new PartitionKey("orders", 2));
    }

    @Test
    void chartsHavePoints() throws Exception {
        fx(() -> {
            view.showTab("Charts");
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> view.charts().stream().allMatch(c -> c.pointCount() > 0)));
        // An hour of 5-second points; the window follows the clock, so the oldest may have left it.
        assertThat(fx(() -> view.charts().get(0).pointCount())).isBetween(700, 720);
        assertThat(fx(() -> view.charts().get(2).chart().getData().size())).isEqualTo(2); // p50 and p99
        assertThat(fx(() -> view.charts().get(0).chart().getAnimated())).isFalse();
    }

    /** Issue 18: the latency chart spiked to 4,000 s when old records were copied at start. */
    @Test
    void theAgeChartSaysWhatItMeasuresAndABacklogDoesNotFlattenIt() throws Exception {
        fx(() -> {
            view.showTab("Charts");
            return null;
        });
        SeriesChart ages = fx(() -> view.charts().get(2));
        await().atMost(UI).until(() -> fx(() -> ages.pointCount() > 0));
        WaitForAsyncUtils.waitForFxEvents();
        NumberAxis values = fx(() -> (NumberAxis) ages.chart().getYAxis());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx(values::getUpperBound))
                .as("the usual tens of ms stay readable").isLessThanOrEqualTo(500));

        List<String> texts = fx(() -> ages.lookupAll(".label").stream().map(n -> ((Label) n).getText())
                .filter(t -> t != null).toList());
        assertThat(texts).anyMatch(t -> t.startsWith("Record age at copy, p50 / p99: source timestamp → acknowledged"));
        assertThat(fx(() -> robot.lookup("#route-chart-latency-title").queryLabeled().getTooltip().getText()))
                .contains("replication delay").contains("how old the records already were");
        assertThat(fx(() -> robot.lookup("#route-chart-latency-warning").queryLabeled().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#route-chart-latency-warning").queryLabeled().getText())).startsWith("Axis capped at ").contains("records up to 67 min old");
        assertThat(fx(() -> robot.lookup("#route-chart-latency-warning").queryLabeled().getHeight()))
                .as("one line, the charts keep their height").isLessThan(30);
        assertThat(fx(() -> robot.lookup("#route-figure-p99").query().getParent().lookupAll(".label").stream()
                .anyMatch(n -> "Record age p99".equals(((Label) n).getText())))).isTrue();
    }

    @Test
    void eventsCanBeFilteredByText() throws Exception {
        fx(() -> {
            view.showTab("Events");
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#route-events").queryTableView().getItems().size()) == 3);
        fx(() -> {
            robot.lookup("#route-events-text").queryAs(TextField.class).setText("payments");
            return null;
        });
        assertThat(fx(() -> robot.lookup("#route-events").queryTableView().getItems().size())).isEqualTo(2);
        assertThat(fx(() -> robot.lookup("#route-events-count").queryAs(Label.class).getText()))
                .isEqualTo("2 of 3 events");
        fx(() -> {
            robot.lookup("#route-events-text").queryAs(TextField.class).setText("");
            return null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareShowsTheVerdict() throws Exception {
        fx(() -> {
            view.showTab("Compare");
            return null;
        });
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#route-compare-topic").queryAs(ComboBox.class)
                .getItems().contains("payments")));
        fx(() -> {
            robot.lookup("#route-compare-topic").queryAs(ComboBox.class).setValue("payments");
            return null;
        });
        robot.clickOn("#route-compare-run");

        await().atMost(UI).until(() -> fx(() -> robot.lookup("#route-compare-verdict").queryAs(Label.class).getText())
                .equals("Target is 120 records behind (3,880 of 4,000)"));
        assertThat(fx(() -> robot.lookup("#route-compare-table").queryTableView().getItems().size())).isEqualTo(1);
        assertThat(fx(() -> robot.lookup("#route-compare-totals").queryAs(Label.class).getText()))
                .isEqualTo("payments: 4,000 records in 1 partition  →  payments: 3,880 records");
    }

    @Test
    void backRunsTheHook() throws Exception {
        int before = backs.get();
        Node back = fx(() -> robot.lookup("#route-detail-back").query());
        robot.clickOn(back);
        await().atMost(UI).until(() -> backs.get() == before + 1);
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
