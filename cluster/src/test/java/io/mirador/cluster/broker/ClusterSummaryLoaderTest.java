package io.mirador.cluster.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.broker.BrokerInfo;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.testing.SharedKafka;
import io.mirador.cluster.topic.PartitionDetail;
import io.mirador.cluster.topic.TestKafka;
import io.mirador.cluster.topic.TopicAdmin;
import io.mirador.cluster.topic.TopicDescriptions;
import io.mirador.cluster.topic.TopicDetail;
import io.mirador.cluster.topic.TopicDetailLoader;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Overview counts, log dir usage and replica placement on three brokers. */
@Tag("integration")
class ClusterSummaryLoaderTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("overview", 3);

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;

    @BeforeAll
    static void startCluster() {
        cluster = KAFKA.cluster();
        client = KAFKA.client();
        TopicAdmin admin = new TopicAdmin(client);
        admin.create("replicated", 6, 3, Map.of());
        admin.create("single", 2, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("replicated", "single"));
        for (int p = 0; p < 6; p++) {
            TestKafka.produce(cluster, "replicated", p, 10);
        }
    }

    @Test
    void countsBrokersTopicsAndPartitions() {
        ClusterSummary summary = new ClusterSummaryLoader(client).load();

        assertThat(summary.clusterId()).isEqualTo(cluster.clusterId());
        assertThat(summary.controllerId()).as("the KRaft quorum leader").isEqualTo(cluster.controllerId());
        assertThat(summary.brokers()).extracting(BrokerSummary::id).containsExactly(0, 1, 2);
        assertThat(summary.brokers()).extracting(BrokerSummary::address)
                .containsExactlyElementsOf(cluster.brokers().stream().map(BrokerInfo::address).toList());
        // Counts include internal topics, which exist only once a group or transaction has used them.
        List<TopicDescription> internalTopics = TopicDescriptions.all(client, true).values().stream()
                .filter(TopicDescription::isInternal).toList();
        int internal = internalTopics.size();
        int internalPartitions = internalTopics.stream().mapToInt(d -> d.partitions().size()).sum();
        int internalReplicas = internalTopics.stream().flatMap(d -> d.partitions().stream())
                .mapToInt(p -> p.replicas().size()).sum();
        assertThat(summary.internalTopics()).isEqualTo(internal);
        assertThat(summary.topics()).isEqualTo(2 + internal);
        assertThat(summary.partitions()).isEqualTo(8 + internalPartitions);
        assertThat(summary.offlinePartitions()).isZero();
        assertThat(summary.underReplicatedPartitions()).isZero();
        assertThat(summary.brokers().stream().mapToInt(BrokerSummary::partitionsLed).sum())
                .isEqualTo(summary.partitions());
        assertThat(summary.brokers().stream().mapToInt(BrokerSummary::replicas).sum())
                .isEqualTo(6 * 3 + 2 + internalReplicas);
        assertThat(summary.brokers()).allSatisfy(b -> assertThat(b.logDirBytes()).isPositive());
        assertThat(summary.version().release()).isEqualTo("4.4");
        assertThat(summary.version().metadataVersion()).isEqualTo("4.4-IV2");
        assertThat(summary.version().metadataLevel()).isEqualTo(33);
    }

    @Test
    void logDirsShowVolumeAndTopicBytesOnEveryReplica() {
        // Followers copy asynchronously, so their share appears shortly after the leader's.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<LogDirUsage> usage = LogDirUsage.load(client);
            assertThat(usage).extracting(LogDirUsage::brokerId).containsExactly(0, 1, 2);
            for (LogDirUsage broker : usage) {
                assertThat(broker.dirs()).hasSize(1);
                LogDir dir = broker.dirs().get(0);
                assertThat(dir.isOnline()).isTrue();
                assertThat(dir.path()).contains("node-" + broker.brokerId());
                assertThat(dir.totalBytes()).isPresent();
                assertThat(dir.usableBytes()).isPresent();
                assertThat(dir.usableBytes().getAsLong()).isBetween(0L, dir.totalBytes().getAsLong());
                assertThat(broker.bytesPerTopic().get("replicated")).isPositive();
                assertThat(broker.sizeBytes()).isEqualTo(dir.sizeBytes())
                        .isGreaterThanOrEqualTo(broker.bytesPerTopic().get("replicated"));
            }
        });
    }

    @Test
    void topicDetailShowsThreeReplicasInSync() {
        TopicDetail detail = new TopicDetailLoader(client).load("replicated");

        assertThat(detail.partitions()).hasSize(6);
        assertThat(detail.replicationFactor()).isEqualTo(3);
        assertThat(detail.records()).isEqualTo(60);
        for (PartitionDetail p : detail.partitions()) {
            assertThat(p.replicas()).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(p.isr()).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(p.leader()).isIn(0, 1, 2);
            assertThat(p.isUnderReplicated()).isFalse();
            assertThat(p.latestOffset()).isEqualTo(10);
        }
        assertThat(detail.partitions()).extracting(PartitionDetail::leader).containsAnyOf(1, 2);
    }
}
