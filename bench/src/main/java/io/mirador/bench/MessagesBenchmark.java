package io.mirador.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.cluster.record.StartAt;
import io.mirador.cluster.record.StopAt;
import io.mirador.cluster.record.filter.Filter;

import static io.mirador.bench.FigureTable.one;

/**
 * The Messages page on big topics, one broker in this JVM (as the desktop app runs its sandbox), side by side in
 * one run:
 * <ol>
 *   <li>the latest 1,000 records of a 10,000,000-record topic (8 partitions, ~100 B records): from pressing Read
 *       (start "Latest − N", which is per partition, so N = 125) to 1,000 rows in the table, laid out (target
 *       ≤ 1 s); and the same read through {@link RecordScan} alone, the engine's share. Run 0 is cold (class
 *       loading, JIT), printed apart; medians of the runs after it;</li>
 *   <li>a full search of 1,000,000 JSON records of ~1 KB (4 partitions) with {@value #FILTER} (1% match): records/s
 *       scanned through RecordScan and the filter, and through the page (Read, stop at the end; the rate its
 *       status line shows, from ScanProgress, and read → done), target ≥ 100,000 records/s on 2 cores; a plain
 *       {@code KafkaConsumer<byte[], byte[]>} reading the same records without parsing as the practical limit,
 *       and the ratio; the heap (target ≤ 512 MB for the whole JVM, broker included) and the size of the page's
 *       result spool. Median of 3;</li>
 *   <li>a live tail while a producer sends 20,000 records/s of ~1 KB: the longest FX-thread stall (target
 *       ≤ 100 ms, {@link FxStallWatchdog}) and its p99, table updates per second, records/s that reached the
 *       table and how old they were then. Three windows of 20 s of one tail; medians.</li>
 * </ol>
 *
 * <p>Run with the heap: {@code java -Xmx512m -cp bench/target/mirador-bench.jar
 * io.mirador.bench.MessagesBenchmark [runs=5] [records=10000000] [searchRecords=1000000] [tailRate=20000]
 * [tailSeconds=20]}; a display ({@code DISPLAY=:91} under Xvfb) or {@code -Dmirador.bench.headless=true}
 * (Monocle). Records are produced once per run, with a tuned producer (printed: how long it took); smaller
 * counts are for quick checks and the output says so. The topics live in the sandbox's temporary directory
 * (a few GB on disk with the defaults), deleted at the end.
 */
public final class MessagesBenchmark {

    static final String FILTER = "value.user.id == 42";
    private static final String LATEST_TOPIC = "latest";
    private static final String SEARCH_TOPIC = "search";
    private static final String TAIL_TOPIC = "tail";
    private static final int LATEST_PARTITIONS = 8;
    private static final int SEARCH_PARTITIONS = 4;
    private static final int TAIL_PARTITIONS = 4;
    private static final int SHOWN = 1_000;
    private static final int SEARCH_RUNS = 3;
    private static final int TAIL_WINDOWS = 3;
    private static final double SHOW_TARGET_MS = 1000;
    private static final double SCAN_TARGET = 100_000;
    private static final double HEAP_TARGET_MB = 512;
    private static final double STALL_TARGET_MS = 100;
    private static final Pattern SCANNED = Pattern.compile("([\\d,]+) scanned");

    private MessagesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long records = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        long searchRecords = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000L;
        int tailRate = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int tailSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        boolean headless = Boolean.getBoolean("mirador.bench.headless");
        if (headless) {
            // Read once when the toolkit starts, so they must be set before Platform.startup.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("java.awt.headless", "true");
        }
        System.out.printf(Locale.ROOT, "Messages benchmark: latest %,d of %,d records (%d partitions, ~100 B); search "
                        + "of %,d JSON records of ~1 KB (%d partitions) for %s; live tail at %,d records/s, %d windows "
                        + "of %d s; 1 broker in this JVM; %d cores; display %s%n", SHOWN, records, LATEST_PARTITIONS,
                searchRecords, SEARCH_PARTITIONS, FILTER, tailRate, TAIL_WINDOWS, tailSeconds,
                Runtime.getRuntime().availableProcessors(), headless ? "Monocle headless (sw)" : "DISPLAY="
                        + System.getenv("DISPLAY"));
        System.out.printf(Locale.ROOT, "Heap: max %,.0f MB for the whole JVM (broker, producer, page). Run as: java "
                + "-Xmx512m -cp bench/target/mirador-bench.jar io.mirador.bench.MessagesBenchmark%n", HeapWatch.maxHeapMb());
        if (HeapWatch.maxHeapMb() > HEAP_TARGET_MB * 1.01) {
            System.out.println("NOTE: not run with -Xmx512m: the heap figures do not show the issue's budget.");
        }
        if (records != 10_000_000L || searchRecords != 1_000_000L || tailRate != 20_000 || runs < 5) {
            System.out.println("NOTE: not the issue's numbers (10,000,000; 1,000,000; 20,000/s; 5 runs): a quick check.");
        }

        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(LATEST_TOPIC, LATEST_PARTITIONS);
        topics.put(SEARCH_TOPIC, SEARCH_PARTITIONS);
        topics.put(TAIL_TOPIC, TAIL_PARTITIONS);
        Figures f = new Figures();
        try (HeapWatch heap = new HeapWatch();
             Sandbox sandbox = new Sandbox(new SandboxSpec(List.of(MessagesPageRig.CLUSTER), 1, null, 0, false, 0))) {
            long t0 = System.nanoTime();
            sandbox.start();
            System.out.printf("Setup:%n  sandbox cluster started in %,d ms%n", (System.nanoTime() - t0) / 1_000_000);
            MessagesData data = new MessagesData(sandbox.cluster(MessagesPageRig.CLUSTER).orElseThrow().bootstrapServers());
            data.createTopics(topics);
            produce("~100 B", records, () -> data.produceSmall(LATEST_TOPIC, LATEST_PARTITIONS, records));
            produce("~1 KB JSON", searchRecords, () -> data.produceJson(SEARCH_TOPIC, SEARCH_PARTITIONS, searchRecords));
            HeapWatch.Phase run = heap.begin();
            try (MessagesPageRig rig = MessagesPageRig.start(sandbox);
                 FxStallWatchdog watchdog = new FxStallWatchdog()) {
                latest(rig, runs, f);
                search(rig, heap, searchRecords, f);
                tail(rig, data, watchdog, tailRate, tailSeconds, f);
            }
            f.runPeak = run.end();
        }
        print(f, records, searchRecords, tailRate);
        // Kafka and JavaFX may leave non-daemon threads behind; the figures are printed, so exit.
        System.exit(0);
    }

    private static void produce(String what, long count, Runnable producing) {
        long t0 = System.nanoTime();
        producing.run();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "  %,d records of %s produced in %.1f s (%,.0f records/s)%n", count, what, s,
                count / s);
    }

    private static void latest(MessagesPageRig rig, int runs, Figures f) throws Exception {
        long perPartition = SHOWN / LATEST_PARTITIONS; // "Latest − N" counts back from the end of each partition
        rig.chooseTopic(LATEST_TOPIC);
        rig.seek(perPartition, "");
        ReadSpec spec = new ReadSpec(LATEST_TOPIC, Set.of(), StartAt.latest(perPartition), StopAt.end(), null,
                Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%n1. Latest %,d (Latest − N with N = %d per partition x %d), ms; run 0 is cold:%n",
                SHOWN, perPartition, LATEST_PARTITIONS);
        for (int run = 0; run <= runs; run++) {
            MessagesPageRig.ReadTimes page = rig.read(SHOWN);
            long t0 = System.nanoTime();
            AtomicLong got = new AtomicLong();
            long[] allIn = {0};
            new RecordScan(rig.connection(), spec, batch -> {
                if (got.addAndGet(batch.size()) >= SHOWN && allIn[0] == 0) {
                    allIn[0] = System.nanoTime();
                }
            }).run();
            // The comparable figure is the last record handed over: run() then also closes its consumer, which
            // the page does after its rows are shown.
            double scanMs = MessagesPageRig.ms(t0, allIn[0]);
            double closedMs = MessagesPageRig.ms(t0, System.nanoTime());
            System.out.printf(Locale.ROOT, "  run %d: Read -> rows in %6.1f, laid out %6.1f (%,d rows), Done %6.1f; "
                    + "RecordScan alone: records in %6.1f, run() returned (consumer closed) %6.1f (%,d records)%n", run,
                    page.rowsMs(), page.laidOutMs(), page.rows(), page.doneMs(), scanMs, closedMs, got.get());
            if (page.rows() != SHOWN || got.get() != SHOWN) {
                throw new IllegalStateException("expected " + SHOWN + " records, the page showed " + page.rows()
                        + " and the scan read " + got.get());
            }
            if (run == 0) {
                f.coldShow = page.laidOutMs();
                f.coldScan = scanMs;
            } else {
                f.showScanClosed.add(closedMs);
                f.showDone.add(page.doneMs());
                f.show.add(page.laidOutMs());
                f.showRows.add(page.rowsMs());
                f.showScan.add(scanMs);
            }
        }
    }

    private static void search(MessagesPageRig rig, HeapWatch heap, long count, Figures f) throws Exception {
        rig.chooseTopic(SEARCH_TOPIC);
        rig.seek(-1, FILTER);
        System.out.printf(Locale.ROOT, "%n2. Search of %,d records for %s (records/s; heap of the whole JVM):%n", count,
                FILTER);
        for (int run = 1; run <= SEARCH_RUNS; run++) {
            HeapWatch.Phase engine = heap.begin();
            Filter filter = Filter.compile(FILTER);
            AtomicLong matches = new AtomicLong();
            ScanListener counting = batch -> matches.addAndGet(batch.size());
            long t0 = System.nanoTime();
            ScanProgress scan = new RecordScan(rig.connection(), ReadSpec.wholeTopic(SEARCH_TOPIC).withFilter(filter::test),
                    counting).run();
            double scanWall = count / ((System.nanoTime() - t0) / 1e9);
            double[] raw = RawScan.read(rig.connection(), SEARCH_TOPIC);

            Set<Path> spoolsBefore = spools();
            HeapWatch.Peak before = engine.end();
            HeapWatch.Phase pagePhase = heap.begin();
            MessagesPageRig.SearchTimes page = rig.search();
            HeapWatch.Peak pagePeak = pagePhase.end();
            long spoolBytes = spoolBytes(spoolsBefore);
            long scanned = scanned(page.status());
            double pageWall = scanned / (page.wallMs() / 1000);
            System.out.printf(Locale.ROOT, "  run %d: RecordScan %,.0f (ScanProgress; %,.0f wall), %,d matches; raw consumer "
                            + "%,.0f (%,d records); page %,.0f shown, %,.0f read -> done in %.1f s, first match shown "
                            + "after %.0f ms, %,d rows, spool %.1f MB, heap peak %.0f MB (after GC %.0f MB, %d GCs)%n",
                    run, scan.recordsPerSecond(), scanWall, matches.get(), raw[0], (long) raw[1], page.shownRate(),
                    pageWall, page.wallMs() / 1000, page.firstRowMs(), page.rows(), spoolBytes / 1e6,
                    pagePeak.usedMb(), pagePeak.afterGcMb(), pagePeak.collections());
            System.out.println("         status: " + page.status());
            if (scan.scanned() != count || scanned != count) {
                throw new IllegalStateException("expected " + count + " records scanned, RecordScan scanned "
                        + scan.scanned() + " and the page " + scanned);
            }
            f.scanRate.add(scan.recordsPerSecond());
            f.scanWall.add(scanWall);
            f.rawRate.add(raw[0]);
            f.ratio.add(scan.recordsPerSecond() / raw[0]);
            f.pageShown.add(page.shownRate());
            f.pageWall.add(pageWall);
            f.pageRatio.add(pageWall / raw[0]);
            f.firstMatch.add(page.firstRowMs());
            f.spoolMb.add(spoolBytes / 1e6);
            f.searchPeak.add(Math.max(before.usedMb(), pagePeak.usedMb()));
            f.searchAfterGc.add(Math.max(nanToZero(before.afterGcMb()), nanToZero(pagePeak.afterGcMb())));
        }
    }

    private static void tail(MessagesPageRig rig, MessagesData data, FxStallWatchdog watchdog, int rate, int seconds,
                             Figures f) throws Exception {
        rig.chooseTopic(TAIL_TOPIC);
        System.out.printf(Locale.ROOT, "%n3. Live tail while %,d records/s of ~1 KB are produced (after 3 s of warm-up):%n",
                rate);
        TailCounter counter = new TailCounter(TAIL_PARTITIONS);
        rig.startTail(counter);
        try (MessagesData.RateProducer producer = data.rateProducer(TAIL_TOPIC, TAIL_PARTITIONS, rate).start()) {
            Thread.sleep(3_000); // warm-up, not measured: the producer's first batches, JIT of the tail path
            MessagesPageRig.fx(counter::take);
            for (int w = 1; w <= TAIL_WINDOWS; w++) {
                long sent0 = producer.sent();
                long t0 = System.nanoTime();
                watchdog.start();
                Thread.sleep(seconds * 1000L); // the window: the page runs on its own meanwhile
                FxStallWatchdog.Stall stall = watchdog.stop().stall();
                TailCounter.Window window = MessagesPageRig.fx(counter::take);
                double s = (System.nanoTime() - t0) / 1e9;
                double produced = (producer.sent() - sent0) / s;
                System.out.printf(Locale.ROOT, "  window %d: FX stall max %.1f ms, p99 %.1f ms (%,d posts); %.1f table "
                                + "updates/s; %,.0f records/s shown of %,.0f produced; produce -> table p50 %.0f ms, p99 "
                                + "%.0f ms%n", w, stall.maxMs(), stall.p99Ms(), stall.samples(), window.updates() / s,
                        window.shown() / s, produced, window.ageMs().percentile(50), window.ageMs().percentile(99));
                f.stall.add(stall.maxMs());
                f.stallP99.add(stall.p99Ms());
                f.updates.add(window.updates() / s);
                f.shown.add(window.shown() / s);
                f.produced.add(produced);
                f.ageP50.add(window.ageMs().percentile(50));
                f.ageP99.add(window.ageMs().percentile(99));
            }
        }
        System.out.println("  status: " + rig.status());
        rig.stopTail(counter);
    }

    private static void print(Figures f, long records, long searchRecords, int tailRate) {
        FigureTable t = new FigureTable();
        System.out.println();
        t.header();
        String latest = String.format(Locale.ROOT, "Latest %,d of %,d: Read -> rows laid out", SHOWN, records);
        t.atMost(latest + ", 1st (cold)", one(f.coldShow), FigureTable.Unit.MS, SHOW_TARGET_MS);
        t.atMost(latest, f.show, FigureTable.Unit.MS, SHOW_TARGET_MS);
        t.row("  of which until the rows were in the table", f.showRows, FigureTable.Unit.MS);
        t.row("  Read -> status Done (the read's consumer closed)", f.showDone, FigureTable.Unit.MS);
        t.row("  RecordScan alone, no UI: records in (1st, cold: " + FigureTable.Unit.MS.format(f.coldScan) + ")",
                f.showScan, FigureTable.Unit.MS);
        t.row("  RecordScan alone: run() returned, consumer closed", f.showScanClosed, FigureTable.Unit.MS);
        String search = String.format(Locale.ROOT, "Search %,d x 1 KB JSON", searchRecords);
        t.atLeast(search + ": RecordScan + filter (ScanProgress)", f.scanRate, FigureTable.Unit.RATE, SCAN_TARGET);
        t.row("  same, wall clock until run() returned (consumer closed)", f.scanWall, FigureTable.Unit.RATE);
        t.atLeast(search + ": page, rate its status shows", f.pageShown, FigureTable.Unit.RATE, SCAN_TARGET);
        t.atLeast(search + ": page, Read -> done", f.pageWall, FigureTable.Unit.RATE, SCAN_TARGET);
        t.row("  raw KafkaConsumer<byte[], byte[]>, no parsing (the limit)", f.rawRate, FigureTable.Unit.RATE);
        t.row("  ratio RecordScan + filter / raw", f.ratio, FigureTable.Unit.RATIO);
        t.row("  ratio page (Read -> done) / raw", f.pageRatio, FigureTable.Unit.RATIO);
        t.row("  first match on screen after Read", f.firstMatch, FigureTable.Unit.MS);
        t.atMost("Heap used during the searches, peak (whole JVM)", f.searchPeak, FigureTable.Unit.MB, HEAP_TARGET_MB);
        t.atMost("  heap after GC during the searches, peak", f.searchAfterGc, FigureTable.Unit.MB, HEAP_TARGET_MB);
        t.atMost("Heap used, whole run after produce (page, broker, tail)", one(f.runPeak.usedMb()),
                FigureTable.Unit.MB, HEAP_TARGET_MB);
        t.row("  heap after GC, whole run, peak", one(f.runPeak.afterGcMb()), FigureTable.Unit.MB);
        t.row("Search result spool file on disk", f.spoolMb, FigureTable.Unit.MB);
        String tail = String.format(Locale.ROOT, "Live tail at %,d records/s: longest FX stall", tailRate);
        t.atMost(tail, f.stall, FigureTable.Unit.MS, STALL_TARGET_MS);
        t.row("  FX stall p99", f.stallP99, FigureTable.Unit.MS);
        t.row("  table updates per second", f.updates, FigureTable.Unit.PER_S);
        t.row("  records/s shown in the table", f.shown, FigureTable.Unit.RATE);
        t.row("  records/s produced", f.produced, FigureTable.Unit.RATE);
        t.row("  produce -> in the table, p50", f.ageP50, FigureTable.Unit.MS);
        t.row("  produce -> in the table, p99", f.ageP99, FigureTable.Unit.MS);
        System.out.println("Medians: latest over the warm runs, search over " + SEARCH_RUNS + " runs, tail over "
                + TAIL_WINDOWS + " windows. Heap: used sampled every " + HeapWatch.PERIOD_MS + " ms and just before "
                + "each GC; after GC from GC notifications. Stalls: a runLater every " + FxStallWatchdog.PERIOD_MS
                + " ms, delay from posting to running.");
    }

    /** The page's spool files that appeared since {@code before}, summed (a search writes one). */
    private static long spoolBytes(Set<Path> before) throws IOException {
        long bytes = 0;
        for (Path p : spools()) {
            if (!before.contains(p)) {
                bytes += Files.size(p);
            }
        }
        return bytes;
    }

    private static Set<Path> spools() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("mirador-search-") && name.endsWith(".spool");
            }).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static long scanned(String status) {
        Matcher m = SCANNED.matcher(status);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : -1;
    }

    private static double nanToZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    /** What the runs collect. */
    private static final class Figures {
        final Stats show = new Stats();
        final Stats showRows = new Stats();
        final Stats showScan = new Stats();
        final Stats showScanClosed = new Stats();
        final Stats showDone = new Stats();
        final Stats scanRate = new Stats();
        final Stats scanWall = new Stats();
        final Stats rawRate = new Stats();
        final Stats ratio = new Stats();
        final Stats pageShown = new Stats();
        final Stats pageWall = new Stats();
        final Stats pageRatio = new Stats();
        final Stats firstMatch = new Stats();
        final Stats spoolMb = new Stats();
        final Stats searchPeak = new Stats();
        final Stats searchAfterGc = new Stats();
        final Stats stall = new Stats();
        final Stats stallP99 = new Stats();
        final Stats updates = new Stats();
        final Stats shown = new Stats();
        final Stats produced = new Stats();
        final Stats ageP50 = new Stats();
        final Stats ageP99 = new Stats();
        double coldShow;
        double coldScan;
        HeapWatch.Peak runPeak;
    }
}
