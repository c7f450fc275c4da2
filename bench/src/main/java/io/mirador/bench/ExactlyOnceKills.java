package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The kill run of {@link ExactlyOnceBenchmark}: {@code mirror --exactly-once} (the shaded jar, a child process)
 * copies a backlog of sequence-numbered records and is SIGKILLed K times at random points of its progress, each
 * time restarted on the same state, then runs until the target holds every record and is stopped with SIGTERM.
 * A {@code read_committed} reader follows the target all along and counts duplicates, missing records and
 * records out of their partition's order.
 */
final class ExactlyOnceKills {

    private static final String TOPIC = "eos-kill";

    private final String source;
    private final String target;
    private final Path appJar;
    private final long records;
    private final int kills;

    ExactlyOnceKills(String source, String target, Path appJar, long records, int kills) {
        this.source = source;
        this.target = target;
        this.appJar = appJar;
        this.records = records;
        this.kills = kills;
    }

    void run() throws Exception {
        SequencedBacklog backlog = new SequencedBacklog(TOPIC, records);
        double produceMs = backlog.produce(source);
        long seed = Long.getLong("bench.eos.seed", new Random().nextLong());
        Random random = new Random(seed);
        List<Long> points = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            points.add((long) (records * (0.05 + 0.85 * random.nextDouble())));
        }
        points.sort(Long::compare);
        Path dir = Files.createTempDirectory("mirador-bench-eos-kill-");
        Path state = dir.resolve("state");
        Reader reader = new Reader();
        Thread readerThread = new Thread(reader, "bench-eos-reader");
        long start = System.nanoTime();
        try (TargetWatch watch = new TargetWatch(target)) {
            readerThread.start();
            int n = 0;
            for (long point : points) {
                MirrorChild mirror = MirrorChild.start(appJar, source, target, TOPIC, state,
                        dir.resolve("mirror-" + (++n) + ".log"), ExactlyOnceBenchmark.mirrorArgs());
                long deadline = System.currentTimeMillis() + 600_000;
                while (watch.count(TOPIC) < point && mirror.isAlive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                if (!mirror.isAlive()) {
                    System.out.println("  mirror " + n + " ended by itself: " + mirror.tail(5));
                }
                mirror.kill9();
            }
            MirrorChild last = MirrorChild.start(appJar, source, target, TOPIC, state, dir.resolve("mirror-last.log"),
                    ExactlyOnceBenchmark.mirrorArgs());
            long deadline = System.currentTimeMillis() + 900_000;
            while (reader.distinct() < records && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            double copyMs = (System.nanoTime() - start) / 1e6;
            int exit = last.stop();
            reader.finish();
            readerThread.join(120_000);
            System.out.printf(Locale.ROOT, "Kill run: `mirror --exactly-once`, %,d records (backlog produced in %.1f s),"
                            + " %d SIGKILLs at %s records on the target (seed %d); all copied after %.1f s; last stop exit %d%n",
                    records, produceMs / 1000, kills, points, seed, copyMs / 1000, exit);
            System.out.printf(Locale.ROOT, "  read_committed reader of the target: %,d records read, %,d distinct,"
                    + " %,d duplicates, %,d missing, %,d out of partition order%n", reader.read, reader.distinct(),
                    reader.duplicates, records - reader.distinct(), reader.outOfOrder);
        } finally {
            reader.finish();
            MiradorRunner.deleteQuietly(dir);
        }
    }

    /** Follows the target read_committed from its start, marking each sequence number. */
    private final class Reader implements Runnable {

        private final BitSet seen = new BitSet((int) records);
        private final long[] last = new long[Backlog.PARTITIONS];
        private final AtomicBoolean finishing = new AtomicBoolean();
        private volatile long distinct;
        private volatile long read;
        private volatile long duplicates;
        private volatile long outOfOrder;

        long distinct() {
            return distinct;
        }

        /** Read on to the end the target has now (everything committed, the mirror being stopped), then end. */
        void finish() {
            finishing.set(true);
        }

        @Override
        public void run() {
            java.util.Arrays.fill(last, -1);
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
            p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int i = 0; i < Backlog.PARTITIONS; i++) {
                    tps.add(new TopicPartition(TOPIC, i));
                }
                while (!finishing.get()) {
                    var infos = consumer.listTopics(Duration.ofSeconds(5)).get(TOPIC);
                    if (infos != null && infos.size() == Backlog.PARTITIONS) {
                        break;
                    }
                    Thread.sleep(200);
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                Map<TopicPartition, Long> end = null;
                while (true) {
                    if (finishing.get() && end == null) {
                        end = consumer.endOffsets(tps);
                    }
                    if (end != null) {
                        Map<TopicPartition, Long> e = end;
                        if (tps.stream().allMatch(tp -> consumer.position(tp) >= e.get(tp))) {
                            return;
                        }
                    }
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        mark(r);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void mark(ConsumerRecord<byte[], byte[]> r) {
            read++;
            long seq = SequencedBacklog.sequence(r.value());
            if (seq < 0) {
                return;
            }
            if (seen.get((int) seq)) {
                duplicates++;
            } else {
                seen.set((int) seq);
                distinct++;
            }
            if (seq <= last[r.partition()]) {
                outOfOrder++;
            }
            last[r.partition()] = seq;
        }
    }
}
