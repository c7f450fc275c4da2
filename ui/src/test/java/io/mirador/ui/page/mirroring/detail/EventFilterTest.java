package io.mirador.ui.page.mirroring.detail;

import static io.mirador.ui.page.mirroring.detail.FakeMirroringService.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.mirador.replicator.state.ReplicationEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event log's filters, without JavaFX running. */
class EventFilterTest {

    private final EventFilter filter = new EventFilter();

    @BeforeEach
    void setUp() {
        filter.update(List.of(
                event(6, 6000, "r", ReplicationEvent.ERROR, "ERROR", "Target cluster west refused the write"),
                event(5, 5000, "r", ReplicationEvent.PARTITION_STALLED, "WARN", "orders/3 made no progress for 60 s"),
                event(4, 4000, "r", ReplicationEvent.PARTITION_MOVED, "INFO", "orders/3 moved from worker 0 to 1"),
                event(3, 3000, "r", ReplicationEvent.TOPIC_ADDED, "INFO", "Topic payments added"),
                event(2, 2000, "r", "schema-synced", "INFO", "Schema of payments copied"),
                event(1, 1000, "r", ReplicationEvent.ROUTE_STARTED, "INFO", "Route started")));
    }

    private List<Long> ids() {
        return filter.visibleEvents().stream().map(ReplicationEvent::id).toList();
    }

    @Test
    void showsEverythingNewestFirstByDefault() {
        assertThat(ids()).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(filter.statusProperty().get()).isEqualTo("6 of 6 events");
    }

    @Test
    void filtersByLevelExactly() {
        filter.levelProperty().set(EventFilter.Level.WARN);
        assertThat(ids()).containsExactly(5L);
        filter.levelProperty().set(EventFilter.Level.ERROR);
        assertThat(ids()).containsExactly(6L);
        filter.levelProperty().set(EventFilter.Level.INFO);
        assertThat(ids()).containsExactly(4L, 3L, 2L, 1L);
        filter.levelProperty().set(null);
        assertThat(ids()).hasSize(6);
    }

    @Test
    void filtersByKindAndOffersKindsItHasNotSeenBefore() {
        filter.kindProperty().set(ReplicationEvent.PARTITION_MOVED);
        assertThat(ids()).containsExactly(4L);
        assertThat(filter.kinds()).contains(ReplicationEvent.TOPIC_ADDED, ReplicationEvent.PARTITION_STALLED,
                ReplicationEvent.ERROR).endsWith("schema-synced");
        filter.kindProperty().set(null);
        assertThat(ids()).hasSize(6);
    }

    @Test
    void filtersByTextInMessageOrKindIgnoringCaseAndCombinesFilters() {
        filter.textProperty().set("  ORDERS/3 ");
        assertThat(ids()).containsExactly(5L, 4L);
        assertThat(filter.statusProperty().get()).isEqualTo("2 of 6 events");

        filter.levelProperty().set(EventFilter.Level.INFO);
        assertThat(ids()).containsExactly(4L);

        filter.levelProperty().set(EventFilter.Level.ALL);
        filter.textProperty().set("stalled");
        assertThat(ids()).containsExactly(5L); // matches the kind "partition-stalled"
    }

    @Test
    void aNewLoadKeepsTheFilters() {
        filter.levelProperty().set(EventFilter.Level.ERROR);
        filter.update(List.of(event(7, 7000, "r", ReplicationEvent.ERROR, "ERROR", "again"),
                event(6, 6000, "r", ReplicationEvent.ERROR, "ERROR", "Target cluster west refused the write")));
        assertThat(ids()).containsExactly(7L, 6L);
        assertThat(filter.statusProperty().get()).isEqualTo("2 of 2 events");
    }
}
