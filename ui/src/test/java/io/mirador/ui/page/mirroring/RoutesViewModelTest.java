package io.mirador.ui.page.mirroring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.ui.service.Connections;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread and its ticks the timer. */
class RoutesViewModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeMirroringService service = new FakeMirroringService();
    private final List<String> questions = new ArrayList<>();
    private boolean answer = true;
    private RoutesViewModel model;

    @BeforeEach
    void setUp() {
        Connections connections = new FakeSandbox("local-a", "local-b").runningConnections(executor);
        service.add(RouteDefinition.of("orders", "local-a", "local-b", "orders.*"));
        service.add(RouteDefinition.of("audit", "local-b", "local-a", "audit"));
        Map<String, List<String>> topics = Map.of("local-a", List.of("orders"), "local-b", List.of("audit"));
        model = new RoutesViewModel(service, connections, topics::get, executor, question -> {
            questions.add(question);
            return answer;
        }, () -> 1_000_000L);
    }

    private RouteRow row(String name) {
        return model.route(name).orElseThrow();
    }

    @Test
    void showsEveryRouteWithItsStatusOnceShown() {
        assertThat(model.routes()).isEmpty();
        assertThat(service.calls()).as("nothing before the page is shown").isEmpty();

        model.setActive(true);

        assertThat(model.routes()).extracting(RouteRow::name).containsExactly("audit", "orders");
        RouteRow orders = row("orders");
        assertThat(orders.state()).isEqualTo("RUNNING");
        assertThat(orders.recordsPerSecondProperty().get()).isEqualTo(10.0);
        assertThat(orders.lagProperty().get()).isEqualTo(5L);
        assertThat(orders.latencyP99Property().get()).isEqualTo(12.0);
        assertThat(orders.clusters()).isEqualTo("local-a → local-b");
        assertThat(orders.topicsSummary()).isEqualTo("orders.*");
        assertThat(orders.trendProperty().get()).containsExactly(10.0);
        assertThat(model.engineProperty().get()).isEqualTo("local engine");
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void pollsStatusesEveryTickWhileShownAndKeepsATrend() {
        model.setActive(true);
        service.rate = 20;
        executor.tick();
        service.rate = 30;
        executor.tick();

        assertThat(row("orders").recordsPerSecondProperty().get()).isEqualTo(30.0);
        assertThat(row("orders").trendProperty().get()).containsExactly(10.0, 20.0, 30.0);
        assertThat(service.calls().stream().filter("routes"::equals)).as("definitions are not re-read per poll")
                .hasSize(1);

        model.setActive(false);
        assertThat(executor.activePeriodicCount()).isZero();
        int calls = service.calls().size();
        executor.tick();
        assertThat(service.calls()).hasSize(calls);
    }

    @Test
    void theTrendRingKeepsTheLastPointsOnly() {
        model.setActive(true);
        for (int i = 0; i < RouteRow.TREND_POINTS + 5; i++) {
            service.rate = i;
            executor.tick();
        }
        double[] trend = row("orders").trendProperty().get();
        assertThat(trend).hasSize(RouteRow.TREND_POINTS);
        assertThat(trend[trend.length - 1]).isEqualTo(RouteRow.TREND_POINTS + 4);
    }

    @Test
    void seedsTheTrendOnceFromTheEnginesHistory() {
        service.setHistory("orders", List.of(new MetricSample("orders", "records-per-second", "*", 2, 4.0),
                new MetricSample("orders", "records-per-second", "*", 1, 3.0)));

        model.setActive(true);
        executor.tick();

        assertThat(row("orders").trendProperty().get()).containsExactly(3.0, 4.0, 10.0, 10.0);
        assertThat(service.calls()).contains("history orders records-per-second *");
        model.refresh();
        assertThat(service.calls().stream().filter(c -> c.startsWith("history orders"))).hasSize(1);
    }

    @Test
    void aRouteCreatedElsewhereAppearsAtTheNextPoll() {
        model.setActive(true);
        service.add(RouteDefinition.of("payments", "local-a", "local-b", "payments"));

        executor.tick();

        assertThat(model.routes()).extracting(RouteRow::name).containsExactly("audit", "orders", "payments");
    }

    @Test
    void aRouteDeletedElsewhereGoesWithinAFewPolls() {
        model.setActive(true);
        service.deleteRoute("audit");

        for (int i = 1; i < RoutesViewModel.RELOAD_MISSING; i++) {
            executor.tick();
        }
        assertThat(model.routes()).as("an engine may omit a status now and then").hasSize(2);
        executor.tick();
        assertThat(model.routes()).extracting(RouteRow::name).containsExactly("orders");
    }

    @Test
    void aFailedPollIsReportedAndClearedByTheNextGoodOne() {
        model.setActive(true);
        service.failStatuses = true;
        executor.tick();
        assertThat(model.problemProperty().get()).isEqualTo("Could not read the route status: engine unreachable");
        assertThat(model.routes()).as("the last known rows stay").hasSize(2);

        service.failStatuses = false;
        executor.tick();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void onePollAtATime() {
        model.setActive(true);
        executor.holdWork();
        executor.tick();
        executor.tick();
        assertThat(executor.pendingCount()).isEqualTo(1);
        executor.runPending();
        executor.tick();
        assertThat(executor.pendingCount()).isEqualTo(1);
    }

    @Test
    void pausesAndResumesTheSelectedRoute() {
        model.setActive(true);
        assertThat(model.canPauseProperty().get()).isFalse();
        model.selectedRouteProperty().set("orders");
        assertThat(model.canPauseProperty().get()).isTrue();
        assertThat(model.canResumeProperty().get()).isFalse();

        model.pauseSelected();

        assertThat(service.calls()).contains("pause orders");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Paused route orders.");
        assertThat(row("orders").state()).isEqualTo("PAUSED");
        assertThat(model.canPauseProperty().get()).isFalse();
        assertThat(model.canResumeProperty().get()).isTrue();
        assertThat(model.resumeTextProperty().get()).isEqualTo("Resume");

        model.resumeSelected();

        assertThat(service.calls()).contains("resume orders");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Resumed route orders.");
        assertThat(row("orders").state()).isEqualTo("RUNNING");
    }

    @Test
    void aStoppedOrFailedRouteIsStarted() {
        service.setState("orders", "FAILED");
        model.setActive(true);
        model.selectedRouteProperty().set("orders");
        assertThat(model.resumeTextProperty().get()).isEqualTo("Start");
        assertThat(row("orders").errorProperty().get()).isEqualTo("target unreachable");

        model.resumeSelected();

        assertThat(service.calls()).contains("resume orders");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Started route orders.");
    }

    @Test
    void deletesOnlyAfterConfirmation() {
        model.setActive(true);
        model.selectedRouteProperty().set("orders");
        model.openedRouteProperty().set("orders");
        answer = false;

        model.deleteSelected();

        assertThat(questions).containsExactly("Delete route orders (local-a → local-b)? Copying stops; the topics"
                + " already copied stay on local-b.");
        assertThat(service.calls()).noneMatch(c -> c.startsWith("delete"));

        answer = true;
        model.deleteSelected();

        assertThat(service.calls()).contains("delete orders");
        assertThat(model.routes()).extracting(RouteRow::name).containsExactly("audit");
        assertThat(model.selectedRouteProperty().get()).isNull();
        assertThat(model.openedRouteProperty().get()).as("the detail of a deleted route closes").isNull();
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Deleted route orders.");
    }

    @Test
    void aFailedCommandSaysWhyInOneLine() {
        model.setActive(true);
        service.failNext = "route orders is busy\nstack...";

        model.commands().pause("orders");

        assertThat(model.commands().noticeProperty().get())
                .isEqualTo("Could not pause route orders: route orders is busy");
        assertThat(model.commands().noticeIsErrorProperty().get()).isTrue();
        assertThat(model.commands().busyProperty().get()).isFalse();
    }

    @Test
    void doubleClickOrDetailsOpensTheRoute() {
        model.setActive(true);
        model.selectedRouteProperty().set("audit");
        model.openSelected();
        assertThat(model.openedRouteProperty().get()).isEqualTo("audit");
        model.open("no-such-route");
        assertThat(model.openedRouteProperty().get()).isEqualTo("audit");
    }

    @Test
    void theEditorOffersTheConsolesClustersThenTheEnginesOwn() {
        model.setActive(true);
        assertThat(model.newRouteEditor().clusters()).containsExactly("local-a", "local-b", "remote-only");
    }

    @Test
    void savingANewRouteCreatesItSelectsItAndListsIt() {
        model.setActive(true);
        RouteEditorModel editor = model.newRouteEditor();
        editor.nameProperty().set("copy");
        editor.includeProperty().set("orders");
        boolean[] saved = {false};

        editor.save(() -> saved[0] = true);

        assertThat(saved[0]).isTrue();
        assertThat(service.route("copy")).isEqualTo(new RouteDefinition("copy", "local-a", "local-b", List.of(),
                "orders", null, "identity", null, null, 2, null, null, true, null));
        assertThat(model.routes()).extracting(RouteRow::name).contains("copy");
        assertThat(model.selectedRouteProperty().get()).isEqualTo("copy");
        assertThat(model.commands().noticeProperty().get()).isEqualTo("Created route copy.");
    }

    @Test
    void editingKeepsTheNameAndThePausedFlagAndUpdates() {
        service.add(RouteDefinition.of("orders", "local-a", "local-b", "orders.*").withPaused(true));
        model.setActive(true);
        RouteEditorModel editor = model.editRoute("orders").orElseThrow();
        assertThat(editor.editing()).isTrue();
        assertThat(editor.problemProperty().get()).as("its own name is not a duplicate").isEmpty();
        editor.workersProperty().set("4");

        editor.save(() -> { });

        assertThat(service.calls()).contains("update orders");
        assertThat(service.route("orders").workers()).isEqualTo(4);
        assertThat(service.route("orders").isPaused()).isTrue();
        assertThat(row("orders").definition().workers()).isEqualTo(4);
    }

    @Test
    void aRefusedSaveKeepsTheEditorOpenWithTheReason() {
        model.setActive(true);
        RouteEditorModel editor = model.newRouteEditor();
        editor.nameProperty().set("copy");
        editor.includeProperty().set("orders");
        service.failNext = "target cluster local-b is not registered";
        boolean[] saved = {false};

        editor.save(() -> saved[0] = true);

        assertThat(saved[0]).isFalse();
        assertThat(editor.saveErrorProperty().get())
                .isEqualTo("Could not create route copy: target cluster local-b is not registered");
        assertThat(editor.savingProperty().get()).isFalse();
        editor.workersProperty().set("3");
        assertThat(editor.saveErrorProperty().get()).as("cleared by the next change").isEmpty();
    }
}
