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
 *   <li>throughput: for each value size (default 100 B and 1 KB), a backlog in 8 partitions copied by the raw
 *       pipe (the practical limit), Mirador's engine and MirrorMaker 2, interleaved per round so that they share
 *       the machine's noise; medians over the rounds; ratios Mirador/raw (target >= 0.8) and Mirador/MM2 (>= 2)
 *       per value size; with each contender's CPU time (the threads it starts in this JVM, {@link ThreadCpu}),
 *       far less disturbed by a busy machine than elapsed time;</li>
 *   <li>process (not by default): the same copies with the raw pipe and {@code mirador mirror} each in a JVM of
 *       its own, started inside the clock, as a user runs them ({@link ProcessContenders});</li>
 *   <li>latency under a steady 10,000 records/s: Mirador's own p50/p99 and end to end (target p99 <= 50 ms);</li>
 *   <li>peak RSS of the {@code mirador mirror} process copying the first backlog, default heap and -Xmx256m.</li>
 * </ol>
 * Usage: {@code java -Xmx3g -cp bench/target/mirador-bench.jar io.mirador.bench.MirroringBenchmark
 * [rounds=3] [records=1000000] [app-jar=app/target/mirador.jar]}; {@code records} is the count of 100-byte
 * records, larger values get 30 % of it unless {@code bench.records.<bytes>} says otherwise. System properties:
 * {@code bench.sections} (default {@code throughput,latency,memory}), {@code bench.valueBytes} (value sizes,
 * default {@code 100,1024}), {@code bench.records.<bytes>} (records of that size), {@code bench.mm2} (true:
 * MirrorMaker 2 runs), {@code bench.alt} (true: a second Mirador route with {@code bench.alt.workers} and
 * {@code bench.alt.provenance}), {@code bench.latency.rate} (10000), {@code bench.latency.seconds} (20),
 * {@code bench.latency.windowMs} (5000), {@code bench.mm2.tuned} (false). Everything is printed, nothing
 * asserted.
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
        List<Integer> sizes = valueSizes(System.getProperty("bench.valueBytes", "100,1024"));

        try (BenchClusters clusters = new BenchClusters().start();
             TargetWatch watch = new TargetWatch(clusters.target())) {
            List<Backlog> backlogs = new ArrayList<>();
            for (int size : sizes) {
                long count = Long.getLong("bench.records." + size, size <= Backlog.VALUE_BYTES ? records : records * 3 / 10);
                Backlog backlog = new Backlog("bench-backlog-" + size, count, size);
                double produceMs = backlog.produce(clusters.source());
                System.out.printf(Locale.ROOT, "Mirroring benchmark: %d cores, backlog %,d records (%d-byte values, %d "
                                + "partitions, %.1f MB key+value) produced in %.1f s%n", Runtime.getRuntime().availableProcessors(),
                        count, size, Backlog.PARTITIONS, backlog.payloadBytes() / 1e6, produceMs / 1000);
                backlogs.add(backlog);
            }

            if (sections.contains("throughput")) {
                Map<Backlog, List<Contender>> contenders = new LinkedHashMap<>();
                for (Backlog backlog : backlogs) {
                    contenders.put(backlog, contenders(clusters, backlog, watch));
                }
                throughput(rounds, contenders);
            }
            if (sections.contains("process")) {
                System.out.println("As a user runs them, each a JVM of its own started inside the clock:");
                Map<Backlog, List<Contender>> contenders = new LinkedHashMap<>();
                for (Backlog backlog : backlogs) {
                    contenders.put(backlog, ProcessContenders.of(clusters.source(), clusters.target(), backlog, watch, appJar));
                }
                throughput(rounds, contenders);
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
                    MirrorProcessMemory memory = new MirrorProcessMemory(appJar, clusters.source(), clusters.target(),
                            backlogs.get(0), watch);
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

    private static List<Integer> valueSizes(String list) {
        List<Integer> sizes = new ArrayList<>();
        for (String s : list.split(",")) {
            int size = Integer.parseInt(s.trim());
            if (size < 1) {
                throw new IllegalArgumentException("bench.valueBytes: a value size must be at least 1 byte, not " + size);
            }
            sizes.add(size);
        }
        return sizes;
    }

    /**
     * The raw pipe first and Mirador's default route second (the ratios are theirs); MirrorMaker 2 last in each
     * round: Connect leaves threads and garbage behind that slowed whichever contender came right after it.
     */
    private static List<Contender> contenders(BenchClusters clusters, Backlog backlog, TargetWatch watch) {
        List<Contender> list = new ArrayList<>();
        list.add(new RawPipe(clusters.source(), clusters.target(), backlog, watch));
        list.add(new MiradorRunner(clusters.source(), clusters.target(), backlog, watch));
        if (Boolean.parseBoolean(System.getProperty("bench.alt", "true"))) {
            list.add(new MiradorRunner(clusters.source(), clusters.target(), backlog, watch,
                    Integer.getInteger("bench.alt.workers", 1),
                    Boolean.parseBoolean(System.getProperty("bench.alt.provenance", "true"))));
        }
        if (Boolean.parseBoolean(System.getProperty("bench.mm2", "true"))) {
            list.add(new MirrorMaker2Runner(clusters.source(), clusters.target(), backlog, watch));
        }
        return list;
    }

    /**
     * Every round copies every backlog with every contender, in that order, so that sizes and contenders share
     * the machine's noise; then one table and the ratios per value size.
     */
    private static void throughput(int rounds, Map<Backlog, List<Contender>> contenders) throws Exception {
        Map<Contender, Stats> elapsed = new LinkedHashMap<>();
        Map<Contender, Stats> startUp = new LinkedHashMap<>();
        Map<Contender, Stats> cpu = new LinkedHashMap<>();
        Map<Backlog, Stats> rawRatios = new LinkedHashMap<>();
        Map<Backlog, List<String>> perRound = new LinkedHashMap<>();
        contenders.forEach((backlog, list) -> {
            rawRatios.put(backlog, new Stats());
            perRound.put(backlog, new ArrayList<>());
            for (Contender c : list) {
                elapsed.put(c, new Stats());
                startUp.put(c, new Stats());
                cpu.put(c, new Stats());
            }
        });
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<Backlog, List<Contender>> e : contenders.entrySet()) {
                Backlog backlog = e.getKey();
                Map<Contender, Double> thisRound = new LinkedHashMap<>();
                for (Contender c : e.getValue()) {
                    System.gc(); // each contender starts on a clean heap rather than its predecessor's garbage
                    ThreadCpu meter = new ThreadCpu().start();
                    Contender.CopyTime t = c.copy(round);
                    double cpuMs = c instanceof ThreadCpu.Reporting r ? r.lastCpuMs() : meter.stopMs();
                    elapsed.get(c).add(t.elapsedMs());
                    startUp.get(c).add(t.firstRecordMs());
                    cpu.get(c).add(cpuMs);
                    thisRound.put(c, t.elapsedMs());
                    System.out.printf(Locale.ROOT, "  round %d  %5d B  %-48s %7.2f s  %,10.0f records/s  (first record after %.2f s)"
                                    + "  CPU %.2f s%n", round, backlog.valueBytes(), c.name(), t.elapsedMs() / 1000,
                            backlog.records() / (t.elapsedMs() / 1000), t.firstRecordMs() / 1000, cpuMs / 1000);
                }
                List<Contender> list = e.getValue();
                double raw = thisRound.get(list.get(0));
                double mirador = thisRound.get(list.get(1));
                rawRatios.get(backlog).add(raw / mirador);
                perRound.get(backlog).add(String.format(Locale.ROOT, "%.2f", raw / mirador));
            }
        }
        for (Map.Entry<Backlog, List<Contender>> e : contenders.entrySet()) {
            summary(rounds, e.getKey(), e.getValue(), elapsed, startUp, cpu);
        }
        System.out.println("Mirador/raw throughput ratio per value size (target >= 0.8); median of the per-round ratios,"
                + " ratio of the medians, per round:");
        for (Backlog backlog : contenders.keySet()) {
            List<Contender> list = contenders.get(backlog);
            double ofMedians = elapsed.get(list.get(0)).median() / elapsed.get(list.get(1)).median();
            System.out.printf(Locale.ROOT, "  %5d B  %,9d records  Mirador/raw %.2f (ratio of medians %.2f)  per round %s;"
                            + "  CPU per record Mirador/raw %.2f%n", backlog.valueBytes(), backlog.records(),
                    rawRatios.get(backlog).median(), ofMedians, perRound.get(backlog),
                    cpu.get(list.get(1)).median() / cpu.get(list.get(0)).median());
        }
    }

    private static void summary(int rounds, Backlog backlog, List<Contender> contenders, Map<Contender, Stats> elapsed,
                                Map<Contender, Stats> startUp, Map<Contender, Stats> cpu) {
        System.out.printf(Locale.ROOT, "Throughput, copying %,d records of %d bytes, median of %d interleaved rounds "
                + "(start to target holding all; start-up = start to first record on target):%n", backlog.records(),
                backlog.valueBytes(), rounds);
        System.out.printf(Locale.ROOT, "  %-48s %12s %8s %10s %12s %10s %18s %8s %12s%n", "contender", "records/s", "MB/s",
                "elapsed s", "min-max s", "start-up s", "records/s after", "CPU s", "CPU us/rec");
        for (Contender c : contenders) {
            Stats s = elapsed.get(c);
            double seconds = s.median() / 1000;
            double startUpSeconds = startUp.get(c).median() / 1000;
            // The copy rate once data flows, start-up left out: tells a slow start from a slow copy.
            System.out.printf(Locale.ROOT, "  %-48s %,12.0f %8.1f %10.2f %12s %10.2f %18s %8s %12s%n", c.name(),
                    backlog.records() / seconds, backlog.payloadBytes() / 1e6 / seconds, seconds,
                    String.format(Locale.ROOT, "%.2f-%.2f", s.min() / 1000, s.max() / 1000), startUpSeconds,
                    String.format(Locale.ROOT, "%,.0f", backlog.records() / Math.max(0.001, seconds - startUpSeconds)),
                    String.format(Locale.ROOT, "%.2f", cpu.get(c).median() / 1000),
                    String.format(Locale.ROOT, "%.2f", cpu.get(c).median() * 1000 / backlog.records()));
        }
        double mirador = elapsed.get(contenders.get(1)).median();
        for (Contender c : contenders.subList(2, contenders.size())) {
            double other = elapsed.get(c).median();
            System.out.printf(Locale.ROOT, "  Mirador (default route) / %s: %.2f%n", c.name(), other / mirador);
        }
    }
}
