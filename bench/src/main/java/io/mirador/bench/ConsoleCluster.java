package io.mirador.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills a running cluster the way the console benchmark needs it: {@code topics} topics named {@code topic-0000}
 * and up, with {@code partitions} partitions each, led by a broker; records in the first {@value #TOPICS_WITH_DATA}
 * topics, so the Records and Size columns are not all zero; and consumer groups with committed offsets (no
 * consumers run: only what the broker stores matters to the console).
 */
final class ConsoleCluster {

    static final int TOPICS_WITH_DATA = 200;
    private static final int TOPICS_PER_CREATE = 200;
    private static final int RECORDS_PER_TOPIC = 50;
    /** Files the broker and this JVM hold besides partition logs: jars, sockets, fonts, internal topics. */
    private static final long FILE_HEADROOM = 1_500;

    private final String bootstrap;

    ConsoleCluster(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    static String topicName(int i) {
        return String.format("topic-%04d", i);
    }

    /**
     * Partitions per topic that fit under the open-file limit, at most {@code wanted}: a broker keeps one log file
     * open per partition, and this JVM also hosts the broker.
     */
    static int partitionsThatFit(int topics, int wanted) {
        long max = maxFiles();
        return max <= 0 ? wanted : (int) Math.max(1, Math.min(wanted, (max - FILE_HEADROOM) / topics));
    }

    static long maxFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    void populate(int topics, int partitions, int groups) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 300_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000))) {
            long t0 = System.nanoTime();
            createTopics(admin, topics, partitions);
            System.out.printf("  %,d topics (%,d partitions) created and led in %,d ms%n", topics,
                    (long) topics * partitions, msSince(t0));
            long t1 = System.nanoTime();
            produce(Math.min(topics, TOPICS_WITH_DATA), partitions);
            System.out.printf("  %,d records written to the first %d topics in %,d ms%n",
                    (long) Math.min(topics, TOPICS_WITH_DATA) * RECORDS_PER_TOPIC, Math.min(topics, TOPICS_WITH_DATA),
                    msSince(t1));
            long t2 = System.nanoTime();
            int committed = createGroups(admin, topics, partitions, groups);
            System.out.printf("  %,d consumer groups with %,d committed offsets in %,d ms%n", groups, committed,
                    msSince(t2));
        }
    }

    private static void createTopics(Admin admin, int topics, int partitions) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            names.add(topicName(i));
        }
        for (int from = 0; from < topics; from += TOPICS_PER_CREATE) {
            List<NewTopic> batch = names.subList(from, Math.min(topics, from + TOPICS_PER_CREATE)).stream()
                    .map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            admin.createTopics(batch).all().get();
        }
        // CreateTopics answers once the controller committed; the broker leads the partitions a moment later, and
        // a listing taken before would time the broker's catching up, not the console.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            long leaderless = 0;
            for (int from = 0; from < topics; from += 1000) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(
                            names.subList(from, Math.min(topics, from + 1000))).allTopicNames().get();
                    for (TopicDescription d : described.values()) {
                        leaderless += d.partitions().stream().filter(p -> p.leader() == null).count();
                    }
                } catch (ExecutionException e) {
                    // The broker's metadata may not know the newest topics yet: not ready, ask again.
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                    leaderless++;
                }
            }
            if (leaderless == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(leaderless + " partitions still have no leader");
            }
            Thread.sleep(500); // a setup poll of the broker, outside any measurement
        }
    }

    private void produce(int topics, int partitions) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int t = 0; t < topics; t++) {
                for (int r = 0; r < RECORDS_PER_TOPIC; r++) {
                    producer.send(new ProducerRecord<>(topicName(t), r % partitions, "key-" + r,
                            "{\"order\":" + r + ",\"status\":\"NEW\",\"note\":\"console benchmark\"}"));
                }
            }
            producer.flush();
        }
    }

    /** Group {@code g} commits offsets on the first three partitions of two topics spread over the cluster. */
    private static int createGroups(Admin admin, int topics, int partitions, int groups) throws Exception {
        List<KafkaFuture<Void>> futures = new ArrayList<>();
        int committed = 0;
        for (int g = 0; g < groups; g++) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int topic : new int[] {g % topics, (g * 7 + 13) % topics}) {
                for (int p = 0; p < Math.min(3, partitions); p++) {
                    offsets.put(new TopicPartition(topicName(topic), p), new OffsetAndMetadata(0));
                }
            }
            committed += offsets.size();
            futures.add(admin.alterConsumerGroupOffsets(String.format("group-%03d", g), offsets).all());
        }
        KafkaFuture.allOf(futures.toArray(KafkaFuture[]::new)).get();
        return committed;
    }

    private static long msSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
