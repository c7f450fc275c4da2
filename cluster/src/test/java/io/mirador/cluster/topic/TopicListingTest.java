package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.testing.SharedKafka;
import io.mirador.cluster.TopicSummary;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Batched listing over many topics. 300 topics fit one default batch of 1000, so the listing is also run
 * with batches of 64 to go through several rounds (the last one partial).
 */
@Tag("integration")
class TopicListingTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("topic-listing", 1);

    private static final int TOPICS = 300;

    private static EmbeddedKafkaCluster cluster;
    private static ClusterClient client;

    @BeforeAll
    static void startCluster() {
        cluster = KAFKA.cluster();
        client = KAFKA.client();
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 0; i < TOPICS; i++) {
            topics.add(new NewTopic(name(i), 1 + i % 3, (short) 1));
        }
        AdminCalls.await(client, client.admin().createTopics(topics).all(), "create topics");
        TestKafka.awaitTopics(client, topics.stream().map(NewTopic::name).toList());
        TestKafka.produce(cluster, name(7), 0, 3);
        TestKafka.produce(cluster, name(299), 1, 4);
    }

    @Test
    void listsEveryTopicWithPartitionsRecordsAndSize() {
        List<TopicSummary> listed = TopicListing.list(client, false);

        assertThat(listed).hasSize(TOPICS);
        assertThat(listed).extracting(TopicSummary::name).isSorted();
        for (int i = 0; i < TOPICS; i++) {
            TopicSummary t = listed.get(i);
            assertThat(t.name()).isEqualTo(name(i));
            assertThat(t.partitions()).as(t.name()).isEqualTo(1 + i % 3);
            assertThat(t.replicationFactor()).isEqualTo(1);
        }
        assertThat(find(listed, name(7))).hasValueSatisfying(t -> {
            assertThat(t.records()).isEqualTo(3);
            assertThat(t.sizeBytes()).isPositive();
        });
        assertThat(find(listed, name(299))).hasValueSatisfying(t -> assertThat(t.records()).isEqualTo(4));
        assertThat(listed.stream().mapToLong(TopicSummary::records).sum()).isEqualTo(7);
        // Several small rounds and one big round agree row by row.
        assertThat(TopicListing.list(client, false, 64)).containsExactlyElementsOf(listed);
    }

    @Test
    void snapshotsAndSummariesCoverEveryPartition() {
        int partitions = 0;
        for (int i = 0; i < TOPICS; i++) {
            partitions += 1 + i % 3;
        }
        List<String> names = new ArrayList<>(TopicDescriptions.names(client, false));

        TopicRates.Snapshot snapshot = TopicRates.snapshot(client, names);

        assertThat(snapshot.latestOffsets()).hasSize(partitions);
        assertThat(snapshot.latestOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(7);
        assertThat(TopicDescriptions.of(client, names)).hasSize(TOPICS);
    }

    @Test
    void listingKeepsTheLatestOffsetsItReadSoTwoListingsGiveInRates() {
        // Other tests of this class count the records, so this one only reads.
        TopicList before = TopicListing.listWithOffsets(client, false, 64);
        int partitions = before.topics().stream().mapToInt(TopicSummary::partitions).sum();
        assertThat(before.topics()).containsExactlyElementsOf(TopicListing.list(client, false));
        assertThat(before.latestOffsets().latestOffsets()).hasSize(partitions)
                .containsEntry(new TopicPartition(name(7), 0), 3L)
                .containsEntry(new TopicPartition(name(299), 1), 4L);

        TopicList after = TopicListing.listWithOffsets(client, false);

        assertThat(after.latestOffsets().takenAtNanos()).isGreaterThan(before.latestOffsets().takenAtNanos());
        Map<String, Double> rates = TopicRates.rates(before.latestOffsets(), after.latestOffsets());
        assertThat(rates).hasSize(TOPICS).containsEntry(name(7), 0.0);
    }

    @Test
    void chunksKeepOrderAndSize() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 2501; i++) {
            items.add(i);
        }
        List<List<Integer>> chunks = AdminCalls.chunks(items, 1000);

        assertThat(chunks).extracting(List::size).containsExactly(1000, 1000, 501);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(AdminCalls.chunks(List.of(), 1000)).isEmpty();
    }

    private static String name(int i) {
        return String.format("load-%03d", i);
    }

    private static Optional<TopicSummary> find(List<TopicSummary> topics, String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
