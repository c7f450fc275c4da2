package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.exact;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.group;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import io.mirador.replicator.engine.GroupSyncStatus;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.ui.service.mirroring.RouteGroups;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The "Consumer groups" tab's model through the route detail's model, on the test thread without JavaFX. */
class GroupsModelTest {

    private static final long NOW = 1_800_000_000_000L;

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeMirroringService service = new FakeMirroringService();
    private RouteDetailModel model;

    @BeforeEach
    void setUp() {
        service.status(route("orders", "RUNNING", List.of(partition("orders", 0, 0, 1000, 900, 50, "RUNNING"))));
        service.route(RouteDefinition.of("orders", "east", "west", "orders"));
        model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC), () -> NOW);
    }

    private void open() {
        model.routeProperty().set("orders");
        model.setActive(true);
    }

    @Test
    void oneRowPerGroupAndPartitionWithSourceAndTranslatedPositions() {
        service.groups(new RouteGroups("orders", NOW - 3_000, List.of(
                group("payments", "SYNCED", NOW - 3_000, exact("orders", 1, 500, 480), exact("orders", 0, 900, 870)),
                new GroupSyncStatus("billing", "PARTIAL", null, NOW - 65_000, List.of(
                        new GroupSyncStatus.Partition("orders", 0, 950, "orders", 0, -1, "NOT_COPIED", 0, false),
                        new GroupSyncStatus.Partition("orders", 1, 20, "orders", 1, 7, "APPROXIMATE", 12, true))),
                new GroupSyncStatus("audit", "FAILED", "not authorized to alter offsets", 0, List.of()))));

        open();

        GroupsModel groups = model.groups();
        assertThat(groups.rows()).extracting(r -> r.group() + " " + r.sourcePartition() + " " + r.sourceOffset()
                + "->" + r.targetOffset() + " " + r.translationText()).containsExactly(
                "audit  -1->-1 ",
                "billing orders/0 950->-1 not copied yet",
                "billing orders/1 20->7 approx. ± 12",
                "payments orders/0 900->870 exact",
                "payments orders/1 500->480 exact");
        assertThat(groups.rows().get(0).error()).isEqualTo("not authorized to alter offsets");
        assertThat(groups.rows().get(1).stateText()).isEqualTo("Partial");
        assertThat(groups.summaryProperty().get()).isEqualTo("3 groups: 1 synced, 1 not fully, 1 failed");
        assertThat(groups.ago(groups.rows().get(3).lastSyncMs())).isEqualTo("3 s ago");
        assertThat(groups.ago(groups.rows().get(1).lastSyncMs())).isEqualTo("1 min ago");
        assertThat(groups.ago(0)).isEqualTo("never");
        assertThat(groups.lastSyncMsProperty().get()).isEqualTo(NOW - 3_000);
        assertThat(groups.definitionProperty().get().name()).isEqualTo("orders");
    }

    @Test
    void refreshedOnTheStatusCadenceAndOnlyWhileShown() {
        open();
        assertThat(service.count("groups orders")).isEqualTo(1);

        service.groups(new RouteGroups("orders", NOW, List.of(group("g", "SYNCED", NOW, exact("orders", 0, 5, 5)))));
        executor.tick();
        assertThat(service.count("groups orders")).isEqualTo(2);
        assertThat(model.groups().rows()).hasSize(1);

        model.setActive(false);
        executor.tick();
        assertThat(service.count("groups orders")).isEqualTo(2);
    }

    @Test
    void theEmptyTextSaysWhy() {
        open();
        assertThat(model.groups().emptyTextProperty().get()).startsWith("No group sync has run yet");

        service.groups(new RouteGroups("orders", NOW - 1_000, List.of()));
        executor.tick();
        assertThat(model.groups().emptyTextProperty().get())
                .startsWith("No consumer group has committed offsets on the topics of route orders");

        service.route(RouteDefinition.of("orders", "east", "west", "orders").withGroupSync(false, null, null));
        executor.tick();
        assertThat(model.groups().emptyTextProperty().get())
                .startsWith("Route orders does not sync consumer group offsets");
    }

    @Test
    void aFailedReadKeepsTheRowsAndSaysWhy() {
        service.groups(new RouteGroups("orders", NOW, List.of(group("g", "SYNCED", NOW, exact("orders", 0, 5, 5)))));
        open();

        service.fail("connection refused");
        executor.tick();

        assertThat(model.groups().rows()).hasSize(1);
        assertThat(model.groups().problemProperty().get()).contains("Could not read the consumer groups of route orders:"
                + " connection refused");
        service.fail(null);
        executor.tick();
        assertThat(model.groups().problemProperty().get()).isEmpty();
    }

    @Test
    void aLateAnswerForThePreviousRouteIsDropped() {
        service.groups(new RouteGroups("orders", NOW, List.of(group("g", "SYNCED", NOW, exact("orders", 0, 5, 5)))));
        model.routeProperty().set("orders");
        executor.holdWork();
        model.setActive(true);

        model.routeProperty().set("other");
        executor.runPending();

        assertThat(model.groups().rows()).isEmpty();
        assertThat(model.groups().definitionProperty().get()).isNull();
    }
}
