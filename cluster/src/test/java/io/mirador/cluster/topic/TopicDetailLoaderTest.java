package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.testing.SharedKafka;
import io.mirador.cluster.ClusterException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Topic detail, consumers of a topic and rates on one broker. */
@Tag("integration")
class TopicDetailLoaderTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("topic-detail", 1);

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;

    @BeforeAll
    static void startCluster() {
        cluster = KAFKA.cluster();
        client = KAFKA.client();
    }

    @Test
    void listsPartitionsOffsetsSizeAndReadingGroups() {
        TopicAdmin admin = new TopicAdmin(client);
        admin.create("payments", 2, 1, Map.of());
        admin.create("other", 1, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("payments", "other"));
        TestKafka.produce(cluster, "payments", 0, 12);
        TestKafka.produce(cluster, "payments", 1, 8);
        TestKafka.produce(cluster, "other", 0, 1);
        TestKafka.commit(cluster, "billing", "payments", 5);
        TestKafka.commit(cluster, "auditing", "other", 1);

        TopicDetail detail = new TopicDetailLoader(client).load("payments");

        assertThat(detail.name()).isEqualTo("payments");
        assertThat(detail.topicId()).isNotBlank();
        assertThat(detail.internal()).isFalse();
        assertThat(detail.partitions()).extracting(PartitionDetail::partition).containsExactly(0, 1);
        PartitionDetail first = detail.partitions().get(0);
        assertThat(first.leader()).isZero();
        assertThat(first.replicas()).containsExactly(0);
        assertThat(first.isr()).containsExactly(0);
        assertThat(first.earliestOffset()).isZero();
        assertThat(first.latestOffset()).isEqualTo(12);
        assertThat(detail.partitions().get(1).latestOffset()).isEqualTo(8);
        assertThat(detail.records()).isEqualTo(20);
        assertThat(detail.partitions()).allSatisfy(p -> assertThat(p.sizeBytes()).isPositive());
        assertThat(detail.sizeBytes()).isEqualTo(first.sizeBytes() + detail.partitions().get(1).sizeBytes());
        assertThat(detail.replicationFactor()).isEqualTo(1);
        assertThat(detail.consumerGroups()).containsExactly("billing");
        assertThat(new TopicDetailLoader(client).load("other").consumerGroups()).containsExactly("auditing");
    }

    @Test
    void missingTopicIsOneSentence() {
        assertThatThrownBy(() -> new TopicDetailLoader(client).load("nowhere"))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot describe topic nowhere on cluster topic-detail: it does not exist");
    }

    @Test
    void ratesFromSnapshotsAroundAProduce() {
        TopicAdmin admin = new TopicAdmin(client);
        admin.create("busy", 3, 1, Map.of());
        admin.create("quiet", 1, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("busy", "quiet"));
        TestKafka.produce(cluster, "busy", 0, 5);

        TopicRates.Snapshot before = TopicRates.snapshot(client, List.of("busy", "quiet", "gone"));
        TestKafka.produce(cluster, "busy", 1, 30);
        TestKafka.produce(cluster, "busy", 2, 20);
        TopicRates.Snapshot after = TopicRates.snapshot(client, List.of("busy", "quiet", "gone"));

        assertThat(before.latestOffsets()).hasSize(4);
        Map<String, Double> rates = TopicRates.rates(before, after, Duration.ofSeconds(10));
        assertThat(rates).containsOnlyKeys("busy", "quiet");
        assertThat(rates.get("busy")).isCloseTo(5.0, within(1e-9));
        assertThat(rates.get("quiet")).isZero();
        assertThat(TopicRates.rates(before, after).get("busy")).isPositive();
    }
}
