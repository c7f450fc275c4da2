package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.testing.SharedKafka;
import io.mirador.cluster.ClusterException;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TopicAdminTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("topic-admin", 1);

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;
    private static TopicAdmin topics;

    @BeforeAll
    static void startCluster() {
        cluster = KAFKA.cluster();
        client = KAFKA.client();
        topics = new TopicAdmin(client);
    }

    @Test
    void createsDescribesAltersAndResetsConfigs() {
        topics.create("configured", 3, 1, Map.of("retention.ms", "3600000"));
        TestKafka.awaitTopics(client, List.of("configured"));

        List<ConfigValue> configs = topics.configs("configured");
        ConfigValue retention = find(configs, "retention.ms");
        assertThat(retention.value()).isEqualTo("3600000");
        assertThat(retention.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(retention.isDefault()).isFalse();
        assertThat(retention.documentation()).isNotBlank();
        assertThat(find(configs, "cleanup.policy").source()).isEqualTo(ConfigSource.DEFAULT_CONFIG);
        assertThat(configs).extracting(ConfigValue::name).isSorted();

        topics.alterConfigs("configured", Map.of("cleanup.policy", "compact"), List.of("retention.ms"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<ConfigValue> now = topics.configs("configured");
            assertThat(find(now, "cleanup.policy").value()).isEqualTo("compact");
            assertThat(find(now, "cleanup.policy").source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(find(now, "retention.ms").value()).isEqualTo("604800000");
            assertThat(find(now, "retention.ms").isOverride()).isFalse();
        });
        assertThat(TopicListing.list(client, false)).filteredOn(t -> t.name().equals("configured"))
                .singleElement().satisfies(t -> assertThat(t.partitions()).isEqualTo(3));
    }

    @Test
    void refusesBadNamesAndCounts() {
        assertThatThrownBy(() -> topics.create("my topic", 1, 1, Map.of()))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot create the topic on cluster topic-admin: topic name 'my topic' contains a space;"
                        + " use only letters a-z and A-Z, digits, '.', '_' and '-'");
        assertThatThrownBy(() -> topics.create("x", 0, 1, Map.of()))
                .hasMessage("cannot create topic x on cluster topic-admin: it needs at least 1 partition, not 0");
        assertThatThrownBy(() -> topics.create("x", 1, 3, Map.of()))
                .isInstanceOf(ClusterException.class).hasMessageContaining("cannot create topic x")
                .hasMessageNotContaining("\n");
        assertThat(TopicDescriptions.names(client, false)).doesNotContain("x", "my topic");
    }

    @Test
    void addsPartitionsButNeverRemovesThem() {
        topics.create("growing", 2, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("growing"));

        topics.addPartitions("growing", 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(TopicDescriptions.of(client, List.of("growing")).get("growing").partitions()).hasSize(5));
        assertThatThrownBy(() -> topics.addPartitions("growing", 3))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot add partitions to topic growing on cluster topic-admin:"
                        + " it already has 5 partitions; the count can only grow, so ask for more than 5");
        assertThatThrownBy(() -> topics.addPartitions("growing", 5)).hasMessageContaining("already has 5 partitions");
    }

    @Test
    void purgesUpToAnOffsetOrEverything() {
        topics.create("purged", 2, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("purged"));
        TestKafka.produce(cluster, "purged", 0, 10);
        TestKafka.produce(cluster, "purged", 1, 6);

        assertThat(topics.purge("purged", Map.of(0, 4L))).containsExactly(Map.entry(0, 4L));
        Map<Integer, PartitionDetail> partitions = partitions("purged");
        assertThat(partitions.get(0).earliestOffset()).isEqualTo(4);
        assertThat(partitions.get(1).earliestOffset()).isZero();

        assertThat(topics.purgeAll("purged")).containsExactly(Map.entry(0, 10L), Map.entry(1, 6L));
        assertThat(partitions("purged").values()).allSatisfy(p -> assertThat(p.records()).isZero());
        assertThatThrownBy(() -> topics.purge("purged", Map.of(0, -2L))).hasMessageContaining("is not an offset");
    }

    @Test
    void deletesOnlyWhenTheNameIsConfirmed() {
        topics.create("doomed", 1, 1, Map.of());
        TestKafka.awaitTopics(client, List.of("doomed"));

        assertThatThrownBy(() -> topics.delete("doomed", "doomd"))
                .isInstanceOf(ClusterException.class)
                .hasMessage("cannot delete topic doomed on cluster topic-admin: the confirmation 'doomd' does not"
                        + " match the topic name");
        assertThat(TopicDescriptions.names(client, false)).contains("doomed");

        topics.delete("doomed", "doomed");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(TopicDescriptions.names(client, false)).doesNotContain("doomed"));
        assertThat(TopicDescriptions.of(client, Set.of("doomed"))).isEmpty();
    }

    private static Map<Integer, PartitionDetail> partitions(String topic) {
        Map<Integer, PartitionDetail> byNumber = new java.util.TreeMap<>();
        new TopicDetailLoader(client).load(topic).partitions().forEach(p -> byNumber.put(p.partition(), p));
        return byNumber;
    }

    private static ConfigValue find(List<ConfigValue> configs, String name) {
        return configs.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no config " + name));
    }
}
