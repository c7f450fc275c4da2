package io.mirador.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.ui.service.history.ClusterSampler;
import io.mirador.ui.service.history.SamplerRound;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * The cost of one round of the console's {@link ClusterSampler} on a big cluster, against the naive way of
 * reading latest offsets (one ListOffsets call per partition).
 *
 * <p>Starts one embedded broker, creates {@code topics × partitions} topics (CreateTopics in batches) and
 * {@code groups} consumer groups with committed offsets on every partition of one topic each
 * (AlterConsumerGroupOffsets, no consumers), then runs one warm-up round and {@code rounds} measured ones into an
 * H2 file, and prints each round, the medians and the ratio to the naive approach. The naive approach is measured
 * on {@value #NAIVE_PARTITIONS} partitions and extrapolated linearly to all partitions, reading in-rates only
 * (no lag), which flatters it. Requests are the Admin clients' own {@code request-total} metric.
 *
 * <p>Every partition of the broker keeps a log file open; when the process's file limit cannot hold them all, the
 * partitions per topic are reduced (topics stay as asked) and the output says so.
 *
 * <p>Usage: {@code java -cp bench/target/mirador-bench.jar io.mirador.bench.SamplerBenchmark [topics=2000]
 * [partitions=10] [groups=300] [rounds=7]}.
 */
public final class SamplerBenchmark {

    private static final int NAIVE_PARTITIONS = 200;
    private static final int TOPICS_PER_CREATE = 200;
    /** Files the broker and this JVM hold besides partition logs: jars, sockets, H2, internal topics. */
    private static final long FILE_HEADROOM = 1_500;

    private SamplerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int groups = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;

        int fitting = partitionsThatFit(topics, partitions);
        System.out.printf("Sampler benchmark: %,d topics x %d partitions, %,d consumer groups, %d measured rounds, "
                + "1 broker, %d cores%n", topics, partitions, groups, rounds, Runtime.getRuntime().availableProcessors());
        if (fitting < partitions) {
            System.out.printf("NOTE: the open-file limit (%,d) cannot hold %,d partition logs in this JVM; using %d "
                    + "partitions per topic (%,d partitions).%n", maxFiles(), (long) topics * partitions, fitting,
                    (long) topics * fitting);
            partitions = fitting;
        }

        Path dir = Files.createTempDirectory("mirador-sampler-bench");
        try (EmbeddedKafkaCluster kafka = new EmbeddedKafkaCluster(ClusterSpec.builder("bench").brokers(1).build())) {
            long t0 = System.nanoTime();
            kafka.start();
            System.out.printf("broker started in %,d ms%n", ms(t0));
            try (Admin setup = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 300_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000))) {
                long t1 = System.nanoTime();
                List<String> names = createTopics(setup, topics, partitions);
                System.out.printf("%,d topics (%,d partitions) created and led in %,d ms%n", topics,
                        (long) topics * partitions, ms(t1));
                long t2 = System.nanoTime();
                int committed = createGroups(setup, names, partitions, groups);
                System.out.printf("%,d groups with %,d committed partitions in %,d ms%n", groups, committed, ms(t2));
            }

            ClusterConnection connection = new ClusterConnection("bench", kafka.bootstrapServers());
            Stats time = new Stats();
            List<SamplerRound> measured = new ArrayList<>();
            try (ClusterClient client = new ClusterClient(connection, Duration.ofSeconds(120));
                 ReplicationStore store = JdbcReplicationStore.open(dir.resolve("state").toString());
                 ClusterSampler sampler = new ClusterSampler(() -> List.of("bench"), name -> client, () -> store,
                         ClusterSampler.DEFAULT_INTERVAL, Clock.systemUTC())) {
                System.out.println();
                System.out.println("Mirador sampler, batched (round = read offsets and groups + write samples to an H2 file):");
                SamplerRound warmUp = sampler.sampleOnce();
                print("warm-up (lags only)", warmUp);
                for (int i = 1; i <= rounds; i++) {
                    SamplerRound round = sampler.sampleOnce();
                    print("round " + i, round);
                    measured.add(round);
                    time.add(round.elapsedMs());
                }
            }
            long requests = median(measured.stream().map(SamplerRound::adminRequests).toList());
            long samples = median(measured.stream().map(r -> (long) r.samples()).toList());
            SamplerRound last = measured.get(measured.size() - 1);
            System.out.printf("  median round %,.0f ms (min %,.0f, max %,.0f); %,d Admin requests per round; "
                    + "%,d samples per round; %s%n", time.median(), time.min(), time.max(), requests, samples,
                    last.failedClusters() == 0 ? "no failures" : last.failedClusters() + " FAILED");

            System.out.println();
            System.out.printf("Naive, one ListOffsets call per partition (measured on %d partitions, extrapolated "
                    + "linearly to %,d):%n", NAIVE_PARTITIONS, last.partitions());
            try (ClusterClient naive = new ClusterClient(connection, Duration.ofSeconds(120))) {
                double[] perPartition = naivePerPartition(naive.admin(), NAIVE_PARTITIONS, partitions);
                double naiveMs = perPartition[0] * last.partitions();
                double naiveRequests = perPartition[1] * last.partitions();
                System.out.printf("  %d calls: %.2f ms and %.2f requests per partition%n", NAIVE_PARTITIONS,
                        perPartition[0], perPartition[1]);
                System.out.printf("  extrapolated round (in-rates only, no lag): %,.0f ms, %,.0f requests%n",
                        naiveMs, naiveRequests);
                System.out.println();
                System.out.printf("RESULT %,d topics / %,d partitions / %,d groups: batched round %,.0f ms with %,d "
                                + "requests; naive (extrapolated) %,.0f ms with %,.0f requests; naive/batched: "
                                + "%.0fx requests, %.1fx time%n", last.topics(), last.partitions(), last.groups(),
                        time.median(), requests, naiveMs, naiveRequests, naiveRequests / requests,
                        naiveMs / time.median());
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void print(String label, SamplerRound r) {
        System.out.printf("  %-20s %,7d ms  %,4d requests  %,6d samples  (%,d topics, %,d partitions, %,d groups)%n",
                label, r.elapsedMs(), r.adminRequests(), r.samples(), r.topics(), r.partitions(), r.groups());
    }

    private static List<String> createTopics(Admin admin, int topics, int partitions) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < topics; i++) {
            names.add(String.format("bench-%05d", i));
        }
        for (int from = 0; from < topics; from += TOPICS_PER_CREATE) {
            List<NewTopic> batch = new ArrayList<>();
            for (String name : names.subList(from, Math.min(topics, from + TOPICS_PER_CREATE))) {
                batch.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(batch).all().get();
        }
        // CreateTopics answers once the controller committed; the broker leads the partitions a moment later.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            int leaderless = 0;
            for (int from = 0; from < topics; from += 1000) {
                Map<String, KafkaFuture<TopicDescription>> described =
                        admin.describeTopics(names.subList(from, Math.min(topics, from + 1000))).topicNameValues();
                for (KafkaFuture<TopicDescription> future : described.values()) {
                    try {
                        leaderless += (int) future.get().partitions().stream().filter(p -> p.leader() == null).count();
                    } catch (java.util.concurrent.ExecutionException notYetKnown) {
                        // The broker has not seen the topic yet (UnknownTopicOrPartition): not ready.
                        leaderless += partitions;
                    }
                }
            }
            if (leaderless == 0) {
                return names;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(leaderless + " partitions still have no leader");
            }
            Thread.sleep(500); // a benchmark's setup poll, not test synchronisation
        }
    }

    /** Each group commits offset 0 on every partition of one topic, spread over the topics; all at once. */
    private static int createGroups(Admin admin, List<String> topics, int partitions, int groups) throws Exception {
        List<KafkaFuture<Void>> futures = new ArrayList<>();
        int committed = 0;
        for (int g = 0; g < groups; g++) {
            String topic = topics.get((int) ((long) g * topics.size() / groups));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(0));
            }
            committed += offsets.size();
            futures.add(admin.alterConsumerGroupOffsets(String.format("bench-group-%04d", g), offsets).all());
        }
        KafkaFuture.allOf(futures.toArray(KafkaFuture[]::new)).get();
        return committed;
    }

    /**
     * Milliseconds and requests per partition of reading latest offsets one call per partition, sequentially, as
     * a loop over partitions would. The first few calls warm the client up and are not counted.
     */
    private static double[] naivePerPartition(Admin admin, int count, int partitions) throws Exception {
        List<TopicPartition> sample = new ArrayList<>();
        for (int i = 0; sample.size() < count + 20; i++) {
            sample.add(new TopicPartition(String.format("bench-%05d", i / partitions), i % partitions));
        }
        for (TopicPartition tp : sample.subList(count, count + 20)) {
            admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get();
        }
        long requestsBefore = requestsSent(admin);
        long start = System.nanoTime();
        for (TopicPartition tp : sample.subList(0, count)) {
            admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get();
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        long requests = requestsSent(admin) - requestsBefore;
        return new double[] {elapsedMs / count, (double) requests / count};
    }

    private static long requestsSent(Admin admin) {
        for (Map.Entry<MetricName, ? extends Metric> e : admin.metrics().entrySet()) {
            if (e.getKey().name().equals("request-total") && e.getKey().group().equals("admin-client-metrics")) {
                return Math.round(((Number) e.getValue().metricValue()).doubleValue());
            }
        }
        return 0;
    }

    /** Partitions per topic that fit under the open-file limit, at most {@code wanted}. */
    private static int partitionsThatFit(int topics, int wanted) {
        long max = maxFiles();
        if (max <= 0) {
            return wanted;
        }
        long room = max - FILE_HEADROOM;
        return (int) Math.max(1, Math.min(wanted, room / topics));
    }

    private static long maxFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
