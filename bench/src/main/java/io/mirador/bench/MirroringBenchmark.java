package io.mirador.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mirroring, side by side in one run, on two embedded clusters in this JVM:
 * <ol>
 *   <li>throughput: a backlog (default 1,000,000 records of 100 bytes, 8 partitions) copied by the raw pipe
 *       (the practical limit), MirrorMaker 2 and Mirador's engine, interleaved per round so that they share the
 *       machine's noise; medians over the rounds; ratios Mirador/raw (target >= 0.8) and Mirador/MM2 (>= 2);</li>
 *   <li>latency under a steady 10,000 records/s: Mirador's own p50/p99 and end to end (target p99 <= 50 ms);</li>
 *   <li>peak RSS of the {@code mirador mirror} process copying the backlog, default heap and -Xmx256m.</li>
 * </ol>
 * Usage: {@code java -Xmx3g -cp bench/target/mirador-bench.jar io.mirador.bench.MirroringBenchmark
 * [rounds=3] [records=1000000] [app-jar=app/target/mirador.jar]}. System properties:
 * {@code bench.sections} (default {@code throughput,latency,memory}), {@code bench.latency.rate} (10000),
 * {@code bench.latency.seconds} (20), {@code bench.latency.windowMs} (5000), {@code bench.mm2.tuned} (false).
 * Everything is printed, nothing asserted.
 */
public final class MirroringBenchmark {

    private MirroringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long records = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Path appJar = Path.of(args.length > 2 ? args[2] : "app/target/mirador.jar");
        Set<String> sections = Set.of(System.getProperty("bench.sections", "throughput,latency,memory").split(","));

        try (BenchClusters clusters = new BenchClusters().start();
             TargetWatch watch = new TargetWatch(clusters.target())) {
            Backlog backlog = new Backlog("bench-backlog", records);
            double produceMs = backlog.produce(clusters.source());
            System.out.printf(Locale.ROOT, "Mirroring benchmark: %d cores, backlog %,d records (%d-byte values, %d partitions, "
                            + "%.1f MB key+value) produced in %.1f s%n", Runtime.getRuntime().availableProcessors(),
                    records, Backlog.VALUE_BYTES, Backlog.PARTITIONS, backlog.payloadBytes() / 1e6, produceMs / 1000);

            if (sections.contains("throughput")) {
                throughput(rounds, backlog, List.of(
                        // MirrorMaker 2 runs last in each round: Connect leaves threads and garbage behind that
                        // slowed whichever contender came right after it.
                        new RawPipe(clusters.source(), clusters.target(), backlog, watch),
                        new MiradorRunner(clusters.source(), clusters.target(), backlog, watch),
                        new MiradorRunner(clusters.source(), clusters.target(), backlog, watch,
                                Integer.getInteger("bench.alt.workers", 1),
                                Boolean.parseBoolean(System.getProperty("bench.alt.provenance", "true"))),
                        new MirrorMaker2Runner(clusters.source(), clusters.target(), backlog, watch)));
            }
            if (sections.contains("latency")) {
                new LatencyProbe(clusters.source(), clusters.target(),
                        Double.parseDouble(System.getProperty("bench.latency.rate", "10000")),
                        Long.getLong("bench.latency.seconds", 20) * 1000 + LatencyProbe.WARM_UP_MS,
                        Long.getLong("bench.latency.windowMs", 5000)).run();
            }
            if (sections.contains("memory")) {
                if (appJar.toFile().isFile()) {
                    System.out.println("Peak memory of `mirador mirror` (" + appJar + ") copying the backlog:");
                    MirrorProcessMemory memory = new MirrorProcessMemory(appJar, clusters.source(), clusters.target(), backlog, watch);
                    memory.run(null, "mem-default");
                    memory.run("-Xmx256m", "mem-xmx256m");
                } else {
                    System.out.println("peak memory: skipped, " + appJar + " not built");
                }
            }
        }
        // Connect and Kafka leave non-daemon threads behind on some paths; the figures are printed, so exit.
        System.exit(0);
    }

    private static void throughput(int rounds, Backlog backlog, List<Contender> contenders) throws Exception {
        Map<Contender, Stats> elapsed = new LinkedHashMap<>();
        Map<Contender, Stats> startUp = new LinkedHashMap<>();
        for (Contender c : contenders) {
            elapsed.put(c, new Stats());
            startUp.put(c, new Stats());
        }
        List<String> perRound = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Map<Contender, Double> thisRound = new LinkedHashMap<>();
            for (Contender c : contenders) {
                System.gc(); // each contender starts on a clean heap rather than its predecessor's garbage
                Contender.CopyTime t = c.copy(round);
                elapsed.get(c).add(t.elapsedMs());
                startUp.get(c).add(t.firstRecordMs());
                thisRound.put(c, t.elapsedMs());
                System.out.printf(Locale.ROOT, "  round %d  %-48s %7.2f s  %,10.0f records/s  (first record after %.2f s)%n",
                        round, c.name(), t.elapsedMs() / 1000, backlog.records() / (t.elapsedMs() / 1000),
                        t.firstRecordMs() / 1000);
            }
            double raw = thisRound.get(contenders.get(0));
            double mirador = thisRound.get(contenders.get(1));
            double mm2 = thisRound.get(contenders.get(3));
            perRound.add(String.format(Locale.ROOT, "%.2f / %.2f", raw / mirador, mm2 / mirador));
        }
        System.out.printf(Locale.ROOT, "Throughput, copying %,d records, median of %d interleaved rounds "
                + "(start to target holding all; start-up = start to first record on target):%n", backlog.records(), rounds);
        System.out.printf(Locale.ROOT, "  %-48s %12s %8s %10s %12s %10s %18s%n", "contender", "records/s", "MB/s", "elapsed s",
                "min-max s", "start-up s", "records/s after");
        for (Contender c : contenders) {
            Stats s = elapsed.get(c);
            double seconds = s.median() / 1000;
            double startUpSeconds = startUp.get(c).median() / 1000;
            // The copy rate once data flows, start-up left out: tells a slow start from a slow copy.
            System.out.printf(Locale.ROOT, "  %-48s %,12.0f %8.1f %10.2f %12s %10.2f %18s%n", c.name(),
                    backlog.records() / seconds, backlog.payloadBytes() / 1e6 / seconds, seconds,
                    String.format(Locale.ROOT, "%.2f-%.2f", s.min() / 1000, s.max() / 1000), startUpSeconds,
                    String.format(Locale.ROOT, "%,.0f", backlog.records() / Math.max(0.001, seconds - startUpSeconds)));
        }
        double raw = elapsed.get(contenders.get(0)).median();
        double mirador = elapsed.get(contenders.get(1)).median();
        double likeForLike = elapsed.get(contenders.get(2)).median();
        double mm2 = elapsed.get(contenders.get(3)).median();
        System.out.printf(Locale.ROOT, "  ratio Mirador/raw %.2f (target >= 0.8), Mirador/MM2 %.2f (target >= 2): "
                + "throughput ratios of the medians; per round (Mirador/raw / Mirador/MM2): %s%n", raw / mirador, mm2 / mirador, perRound);
        System.out.printf(Locale.ROOT, "  %s: Mirador/raw %.2f, Mirador/MM2 %.2f%n",
                contenders.get(2).name(), raw / likeForLike, mm2 / likeForLike);
    }
}
