package io.mirador.cluster.group;

import static io.mirador.cluster.group.GroupFixtures.commit;
import static io.mirador.cluster.group.GroupFixtures.committed;
import static io.mirador.cluster.group.GroupFixtures.createTopic;
import static io.mirador.cluster.group.GroupFixtures.produce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.group.OffsetChange.Adjustment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link ConsumerGroups} against one real embedded broker; every test uses its own topics and groups. */
@Tag("integration")
class ConsumerGroupsTest {

    private static EmbeddedKafkaCluster kafka;
    private static ClusterClient client;
    private static ConsumerGroups groups;
    private static String bootstrap;

    @BeforeAll
    static void start() {
        kafka = new EmbeddedKafkaCluster(ClusterSpec.builder("groups").build());
        kafka.start();
        bootstrap = kafka.bootstrapServers();
        client = new ClusterClient(new ClusterConnection("groups", bootstrap));
        groups = new ConsumerGroups(client);
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

    private static Admin admin() {
        return client.admin();
    }

    @Test
    void aGroupThatConsumed60Of100RecordsLags40() throws Exception {
        createTopic(admin(), "lagging", 2);
        produce(bootstrap, "lagging", 0, 50);
        produce(bootstrap, "lagging", 1, 50);
        TopicPartition p0 = new TopicPartition("lagging", 0);
        TopicPartition p1 = new TopicPartition("lagging", 1);
        commit(bootstrap, "billing", Map.of(p0, 40L, p1, 20L));

        GroupSummary summary = groups.list().stream().filter(g -> g.groupId().equals("billing")).findFirst().orElseThrow();
        assertThat(summary).isEqualTo(new GroupSummary("billing", GroupState.EMPTY, GroupType.CLASSIC, "", 0,
                summary.coordinatorId(), 40, List.of("lagging")));
        assertThat(summary.coordinatorId()).isEqualTo(kafka.brokers().get(0).id());

        GroupDetail detail = groups.describe("billing");
        assertThat(detail.members()).isEmpty();
        assertThat(detail.isEmpty()).isTrue();
        assertThat(detail.totalLag()).isEqualTo(40);
        assertThat(detail.partitions()).containsExactly(
                new PartitionLag("lagging", 0, OptionalLong.of(40), OptionalLong.of(50), OptionalLong.of(10), null),
                new PartitionLag("lagging", 1, OptionalLong.of(20), OptionalLong.of(50), OptionalLong.of(30), null));
    }

    @Test
    void anActiveGroupShowsItsMemberAndRefusesResetAndDelete() throws Exception {
        createTopic(admin(), "live", 2);
        produce(bootstrap, "live", 0, 5);
        try (var consumer = new GroupFixtures.PollingConsumer(bootstrap, "live-readers", "reader-1", List.of("live"))) {
            // Until the consumer's first heartbeat the group does not exist.
            GroupDetail detail = await().atMost(Duration.ofSeconds(30)).ignoreException(ClusterException.class)
                    .until(() -> groups.describe("live-readers"),
                    d -> d.members().size() == 1 && d.members().get(0).assignment().size() == 2);
            GroupMember member = detail.members().get(0);
            assertThat(member.clientId()).isEqualTo("reader-1");
            assertThat(member.host()).isNotBlank();
            assertThat(member.instanceId()).isNull();
            assertThat(member.assignment()).containsExactly(new TopicPartition("live", 0), new TopicPartition("live", 1));
            assertThat(detail.type()).isEqualTo(GroupType.CONSUMER);
            assertThat(detail.partitions()).extracting(PartitionLag::partition, PartitionLag::assignedMember)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0, member.memberId()),
                            org.assertj.core.groups.Tuple.tuple(1, member.memberId()));

            GroupSummary summary = groups.list().stream().filter(g -> g.groupId().equals("live-readers"))
                    .findFirst().orElseThrow();
            assertThat(summary.members()).isEqualTo(1);
            assertThat(summary.type()).isEqualTo(GroupType.CONSUMER);
            assertThat(summary.topics()).containsExactly("live");

            List<OffsetChange> preview = groups.previewReset("live-readers", List.of("live"), ResetSpec.earliest());
            assertThatThrownBy(() -> groups.applyReset("live-readers", preview))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("group live-readers has 1 active member: stop them before resetting offsets");
            assertThatThrownBy(() -> groups.delete("live-readers"))
                    .isInstanceOf(ClusterException.class)
                    .hasMessage("group live-readers has 1 active member: stop them before deleting the group");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.describe("live-readers").isEmpty());
        groups.applyReset("live-readers", groups.previewReset("live-readers", List.of("live"), ResetSpec.earliest()));
        assertThat(committed(admin(), "live-readers")).as("allowed once the member stopped")
                .isEqualTo(Map.of(new TopicPartition("live", 0), 0L, new TopicPartition("live", 1), 0L));
    }

    @Test
    void resetPreviewsComputeTheRightTargetsAndApplyCommitsExactlyThePreview() throws Exception {
        createTopic(admin(), "events", 2);
        long t0 = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
        produce(bootstrap, "events", 0, 10, t0, 1000);
        produce(bootstrap, "events", 1, 10, t0, 1000);
        TopicPartition p0 = new TopicPartition("events", 0);
        TopicPartition p1 = new TopicPartition("events", 1);
        // p0 now starts at 2, so "earliest" and the clamps differ between partitions.
        admin().deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(2))).all().get(30, TimeUnit.SECONDS);
        commit(bootstrap, "rewinder", Map.of(p0, 5L, p1, 5L));

        assertThat(groups.previewReset("rewinder", List.of("events"), ResetSpec.earliest())).containsExactly(
                new OffsetChange("events", 0, OptionalLong.of(5), 2, 2, Adjustment.NONE),
                new OffsetChange("events", 1, OptionalLong.of(5), 0, 0, Adjustment.NONE));
        assertThat(targets(ResetSpec.latest())).containsExactly(10L, 10L);
        assertThat(targets(ResetSpec.toTimestamp(t0 + 3000))).containsExactly(3L, 3L);
        assertThat(targets(ResetSpec.toTimestamp(t0 + 3500))).as("first record at or after").containsExactly(4L, 4L);
        assertThat(groups.previewReset("rewinder", null, ResetSpec.toTimestamp(t0 + 60_000)))
                .extracting(OffsetChange::target, OffsetChange::adjustment)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(10L, Adjustment.NO_RECORD_AT_TIMESTAMP));
        assertThat(targets(ResetSpec.toOffset(7))).containsExactly(7L, 7L);
        assertThat(targets(ResetSpec.shiftBy(3))).containsExactly(8L, 8L);
        assertThat(targets(ResetSpec.shiftBy(-4))).containsExactly(2L, 1L);

        List<OffsetChange> preview = groups.previewReset("rewinder", List.of("events"), ResetSpec.toOffset(7));
        groups.applyReset("rewinder", preview);
        assertThat(committed(admin(), "rewinder")).isEqualTo(Map.of(p0, 7L, p1, 7L));

        List<OffsetChange> shift = groups.previewReset("rewinder", null, ResetSpec.shiftBy(-6));
        assertThat(shift).extracting(OffsetChange::target).containsExactly(2L, 1L);
        groups.applyReset("rewinder", shift);
        assertThat(committed(admin(), "rewinder")).isEqualTo(Map.of(p0, 2L, p1, 1L));

        assertThatThrownBy(() -> groups.applyReset("rewinder", preview))
                .as("a preview taken before the last reset no longer describes the group")
                .hasMessage("offsets of group rewinder changed since the preview (e.g. events-0): preview the reset again");
        assertThat(committed(admin(), "rewinder")).isEqualTo(Map.of(p0, 2L, p1, 1L));
    }

    @Test
    void anOutOfRangeOffsetIsClampedAndTheClampReported() throws Exception {
        createTopic(admin(), "bounded", 1);
        produce(bootstrap, "bounded", 0, 10);
        TopicPartition p0 = new TopicPartition("bounded", 0);
        admin().deleteRecords(Map.of(p0, RecordsToDelete.beforeOffset(4))).all().get(30, TimeUnit.SECONDS);
        commit(bootstrap, "clamped", Map.of(p0, 6L));

        assertThat(groups.previewReset("clamped", List.of("bounded"), ResetSpec.toOffset(500)))
                .containsExactly(new OffsetChange("bounded", 0, OptionalLong.of(6), 10, 500, Adjustment.CLAMPED_TO_LATEST));
        List<OffsetChange> low = groups.previewReset("clamped", List.of("bounded"), ResetSpec.toOffset(1));
        assertThat(low).containsExactly(new OffsetChange("bounded", 0, OptionalLong.of(6), 4, 1, Adjustment.CLAMPED_TO_EARLIEST));
        assertThat(low.get(0).clamped()).isTrue();

        groups.applyReset("clamped", low);
        assertThat(committed(admin(), "clamped")).isEqualTo(Map.of(p0, 4L));
    }

    @Test
    void deleteOffsetsAndDeleteWorkOnAnEmptyGroup() throws Exception {
        createTopic(admin(), "doomed-a", 1);
        createTopic(admin(), "doomed-b", 1);
        produce(bootstrap, "doomed-a", 0, 3);
        produce(bootstrap, "doomed-b", 0, 3);
        commit(bootstrap, "doomed", Map.of(new TopicPartition("doomed-a", 0), 1L, new TopicPartition("doomed-b", 0), 2L));

        assertThat(groups.deleteOffsets("doomed", "doomed-a")).isEqualTo(1);
        assertThat(groups.describe("doomed").topics()).containsExactly("doomed-b");
        assertThat(committed(admin(), "doomed")).isEqualTo(Map.of(new TopicPartition("doomed-b", 0), 2L));
        assertThatThrownBy(() -> groups.deleteOffsets("doomed", "doomed-a"))
                .hasMessage("group doomed has no committed offsets on topic doomed-a");

        groups.delete("doomed");
        assertThatThrownBy(() -> groups.describe("doomed")).hasMessage("no consumer group named doomed on cluster groups");
        assertThat(groups.list()).extracting(GroupSummary::groupId).doesNotContain("doomed");
    }

    @Test
    void anUnknownGroupGetsAClearMessageEverywhere() {
        String message = "no consumer group named ghost on cluster groups";
        List<OffsetChange> someChange = List.of(new OffsetChange("x", 0, OptionalLong.empty(), 0, 0, Adjustment.NONE));
        assertThatThrownBy(() -> groups.describe("ghost")).isInstanceOf(ClusterException.class).hasMessage(message);
        assertThatThrownBy(() -> groups.previewReset("ghost", List.of("x"), ResetSpec.latest())).hasMessage(message);
        assertThatThrownBy(() -> groups.applyReset("ghost", someChange)).hasMessage(message);
        assertThatThrownBy(() -> groups.delete("ghost")).hasMessage(message);
        assertThatThrownBy(() -> groups.deleteOffsets("ghost", "x")).hasMessage(message);
        assertThat(groups.list()).extracting(GroupSummary::groupId).doesNotContain("ghost");
    }

    @Test
    void anUnknownTopicInAResetGetsAClearMessage() throws Exception {
        createTopic(admin(), "known", 1);
        commit(bootstrap, "topical", Map.of(new TopicPartition("known", 0), 0L));
        assertThatThrownBy(() -> groups.previewReset("topical", List.of("known", "nowhere"), ResetSpec.earliest()))
                .hasMessage("no topic named nowhere on cluster groups");
    }

    private static List<Long> targets(ResetSpec spec) {
        return groups.previewReset("rewinder", List.of("events"), spec).stream().map(OffsetChange::target).toList();
    }
}
