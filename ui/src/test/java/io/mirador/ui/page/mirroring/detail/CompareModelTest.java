package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.partition;
import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.route;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;

import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.engine.TopicComparison.PartitionComparison;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compare action and its verdicts, without JavaFX running. */
class CompareModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeMirroringService service = new FakeMirroringService();
    private RouteDetailModel model;
    private CompareModel compare;

    @BeforeEach
    void setUp() {
        service.status(route("r", "RUNNING", List.of(partition("orders", 0, 0, 100, 100, 0, "CAUGHT_UP"),
                partition("orders", 1, 0, 100, 100, 0, "CAUGHT_UP"), partition("audit", 0, 0, 10, 5, 1, "RUNNING"))));
        service.comparison(new TopicComparison("r", "orders", "orders-copy", List.of(
                new PartitionComparison(1, 0, 6_000, 1, 0, 6_000, 6_000),
                new PartitionComparison(0, 345, 6_690, 0, 0, 6_345, 6_690))));
        service.comparison(new TopicComparison("r", "audit", "audit-copy", List.of(
                new PartitionComparison(0, 0, 500, 0, 0, 380, 380))));
        model = new RouteDetailModel(service, executor, new TimeDisplay(ZoneOffset.UTC), () -> 0L);
        compare = model.compare();
        model.routeProperty().set("r");
        model.setActive(true);
    }

    private static TopicComparison topic(PartitionComparison... partitions) {
        return new TopicComparison("r", "t", "t", List.of(partitions));
    }

    @Test
    void verdicts() {
        assertThat(CompareModel.verdict(topic(new PartitionComparison(0, 0, 12_345, 0, 0, 12_345, 12_345))))
                .isEqualTo("target has all 12,345 records");
        assertThat(CompareModel.verdict(topic(new PartitionComparison(0, 0, 1000, 0, 0, 880, 880))))
                .isEqualTo("target is 120 records behind (880 of 1,000)");
        assertThat(CompareModel.verdict(topic(new PartitionComparison(0, 0, 1, 0, 0, 0, -1))))
                .isEqualTo("target is 1 record behind (0 of 1)");
        assertThat(CompareModel.verdict(topic(new PartitionComparison(0, 0, 10, 0, 0, 15, 10))))
                .startsWith("target has all 10 records and 5 more");
        assertThat(CompareModel.verdict(topic())).isEqualTo("the topic has no partitions to compare");
        // Two source partitions into one target partition: the target partition is counted once.
        assertThat(CompareModel.verdict(topic(new PartitionComparison(0, 0, 10, 0, 0, 20, 10),
                new PartitionComparison(1, 0, 10, 0, 0, 20, 10)))).isEqualTo("target has all 20 records");
    }

    @Test
    void comparesTheChosenTopicAndShowsItsPartitionsInOrder() {
        assertThat(compare.topics()).containsExactly("audit", "orders");
        compare.topicProperty().set("orders");
        compare.compare();

        assertThat(service.requests()).contains("compare r orders");
        assertThat(compare.rows()).extracting(PartitionComparison::sourcePartition).containsExactly(0, 1);
        assertThat(compare.verdictProperty().get()).isEqualTo("target has all 12,345 records");
        assertThat(compare.behindProperty().get()).isFalse();
        assertThat(compare.runningProperty().get()).isFalse();
        assertThat(CompareTab.totals(compare.resultProperty().get()))
                .isEqualTo("orders: 12,345 records in 2 partitions  →  orders-copy: 12,345 records");

        compare.topicProperty().set("audit");
        assertThat(compare.resultProperty().get()).isNull();
        assertThat(compare.rows()).isEmpty();
        compare.compare();
        assertThat(compare.verdictProperty().get()).isEqualTo("target is 120 records behind (380 of 500)");
        assertThat(compare.behindProperty().get()).isTrue();
        assertThat(CompareTab.toCopy(compare.rows().get(0))).isEqualTo(120);
    }

    @Test
    void aResultForATopicNoLongerChosenIsDropped() {
        executor.holdWork();
        compare.topicProperty().set("orders");
        compare.compare();
        assertThat(compare.runningProperty().get()).isTrue();
        compare.topicProperty().set("audit");
        executor.runPending();
        assertThat(compare.resultProperty().get()).isNull();
        assertThat(compare.verdictProperty().get()).isEmpty();
    }

    @Test
    void aFailureIsOneLine() {
        compare.topicProperty().set("orders");
        service.fail("cluster west is unreachable\nat ...");
        compare.compare();
        assertThat(compare.problemProperty().get()).isEqualTo("Could not compare orders: cluster west is unreachable");
        assertThat(compare.runningProperty().get()).isFalse();
        assertThat(compare.resultProperty().get()).isNull();
    }

    @Test
    void nothingToCompareWithoutATopic() {
        compare.compare();
        assertThat(service.requests()).noneMatch(r -> r.startsWith("compare"));
    }

    @Test
    void aTopicThatLeavesTheRouteIsUnchosen() {
        compare.topicProperty().set("audit");
        service.status(route("r", "RUNNING", List.of(partition("orders", 0, 0, 100, 100, 0, "CAUGHT_UP"))));
        executor.tick();
        assertThat(compare.topics()).containsExactly("orders");
        assertThat(compare.topicProperty().get()).isNull();
    }
}
