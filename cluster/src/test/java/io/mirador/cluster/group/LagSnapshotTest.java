package io.mirador.cluster.group;

import static io.mirador.cluster.group.GroupFixtures.commit;
import static io.mirador.cluster.group.GroupFixtures.createTopic;
import static io.mirador.cluster.group.GroupFixtures.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link LagSnapshot} against one real embedded broker: same lags as describe(), constant request count. */
@Tag("integration")
class LagSnapshotTest {

    private static final TopicPartition A0 = new TopicPartition("snap-a", 0);
    private static final TopicPartition A1 = new TopicPartition("snap-a", 1);
    private static final TopicPartition B0 = new TopicPartition("snap-b", 0);

    private static EmbeddedKafkaCluster kafka;
    private static ClusterClient client;
    private static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaCluster(ClusterSpec.builder("lag").build());
        kafka.start();
        bootstrap = kafka.bootstrapServers();
        client = new ClusterClient(new ClusterConnection("lag", bootstrap));
        createTopic(client.admin(), "snap-a", 2);
        createTopic(client.admin(), "snap-b", 1);
        for (TopicPartition tp : List.of(A0, A1, B0)) {
            produce(bootstrap, tp.topic(), tp.partition(), 10);
        }
        commit(bootstrap, "g1", Map.of(A0, 3L, A1, 7L));
        commit(bootstrap, "g2", Map.of(A0, 10L, B0, 1L));
        commit(bootstrap, "g3", Map.of(B0, 5L));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Test
    void matchesDescribeForEveryGroupAndFollowsNewRecords() throws Exception {
        LagSnapshot snapshot = LagSnapshot.take(client);
        ConsumerGroups groups = new ConsumerGroups(client);
        assertThat(snapshot.groupIds()).contains("g1", "g2", "g3");
        for (String group : List.of("g1", "g2", "g3")) {
            GroupDetail detail = groups.describe(group);
            List<LagSnapshot.Entry> expected = detail.partitions().stream()
                    .map(p -> new LagSnapshot.Entry(group, p.topic(), p.partition(), p.committed().getAsLong(),
                            p.end().getAsLong(), p.lag().getAsLong()))
                    .toList();
            assertThat(snapshot.entries().stream().filter(e -> e.groupId().equals(group)).toList())
                    .as(group).isEqualTo(expected);
            assertThat(snapshot.totalLag(group)).isEqualTo(detail.totalLag());
        }
        assertThat(snapshot.totalLag("g1")).isEqualTo(10);
        assertThat(snapshot.lagByTopic("g2")).isEqualTo(Map.of("snap-a", 0L, "snap-b", 9L));
        assertThat(snapshot.lag("g3", "snap-b", 0)).isEqualTo(OptionalLong.of(5));
        assertThat(snapshot.lag("g3", "snap-a", 0)).isEmpty();

        produce(bootstrap, "snap-b", 0, 4);
        LagSnapshot later = LagSnapshot.take(client);
        assertThat(later.lag("g2", "snap-b", 0)).isEqualTo(OptionalLong.of(13));
        assertThat(later.takenAt()).isAfterOrEqualTo(snapshot.takenAt());
    }

    @Test
    void costsTheSameRequestsForThreeGroupsAsForThirty() throws Exception {
        LagSnapshot.take(client); // opens the connections (ApiVersions) so they do not count below
        double before = requestsSent(client.admin());
        LagSnapshot few = LagSnapshot.take(client);
        double forFew = requestsSent(client.admin()) - before;

        // Simple groups (offsets committed without membership) are consumer groups too, and cheap to make.
        // Only snap-a: the other test adds records to snap-b.
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        offsets.put(A0, new OffsetAndMetadata(1));
        offsets.put(A1, new OffsetAndMetadata(2));
        for (int i = 0; i < 27; i++) {
            client.admin().alterConsumerGroupOffsets("bulk-" + i, offsets).all().get(30, TimeUnit.SECONDS);
        }
        before = requestsSent(client.admin());
        LagSnapshot many = LagSnapshot.take(client);
        double forMany = requestsSent(client.admin()) - before;

        assertThat(many.groupIds()).hasSize(few.groupIds().size() + 27).contains("bulk-0", "bulk-26");
        assertThat(many.totalLag("bulk-26")).isEqualTo(9 + 8);
        assertThat(forMany).as("requests for %s groups vs %s", many.groupIds().size(), few.groupIds().size())
                .isEqualTo(forFew);
        assertThat(forMany).isLessThanOrEqualTo(6);
    }

    /** Requests this Admin client has sent, all brokers together. */
    private static double requestsSent(Admin admin) {
        return admin.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("request-total") && e.getKey().group().equals("admin-client-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
