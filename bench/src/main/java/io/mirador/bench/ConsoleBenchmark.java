package io.mirador.bench;

import java.util.List;
import java.util.Locale;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;

/**
 * The console on a big sandbox cluster (default 2,000 topics of 10 partitions, 300 consumer groups, one broker in
 * this JVM, as the desktop app runs its sandbox): the real Topics page in a 1100×720 stage, measured side by side
 * in one run:
 * <ol>
 *   <li>opening the page (new view-model and page, {@code shown()}) until the table holds every topic and a pulse
 *       has laid it out (target ≤ 2 s); for context, one listing alone on a worker thread, the cluster's share;</li>
 *   <li>filter response: one change of the filter box (plain text, regex, cleared) until the next pulse after
 *       the rows changed (target ≤ 100 ms), and the CSS + layout part done in the same FX turn;</li>
 *   <li>the longest FX-thread stall while loading (target ≤ 100 ms), from {@link FxStallWatchdog}, and its p99;
 *       also during a reload of the filled page, which the page does every 5 seconds while shown.</li>
 * </ol>
 * The first open (run 0) pays class loading and JIT; it is printed on its own line, as a user's first open of the
 * page, and left out of the medians of the {@code runs} runs that follow. Medians, because machines are noisy.
 *
 * <p>Display: a real one ({@code DISPLAY=:91} under Xvfb, GTK), or headless Monocle with
 * {@code -Dmirador.bench.headless=true}. Usage: {@code java -cp bench/target/mirador-bench.jar
 * io.mirador.bench.ConsoleBenchmark [runs=5] [topics=2000] [partitions=10] [groups=300]}. A broker keeps one
 * file open per partition: when the process's open-file limit cannot hold them all, the partitions per topic are
 * reduced (topics stay as asked) and the output says so.
 */
public final class ConsoleBenchmark {

    private static final double LOAD_TARGET_MS = 2000;
    private static final double FILTER_TARGET_MS = 100;
    private static final double STALL_TARGET_MS = 100;
    /** topic-0100 to topic-0199. */
    private static final String PLAIN = "topic-01";
    /** topic-1200 to topic-1499 ending in 0 or 5. */
    private static final String REGEX = "^topic-1[2-4]\\d[05]$";

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int topics = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int wanted = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int groups = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        boolean headless = Boolean.getBoolean("mirador.bench.headless");
        if (headless) {
            // Read once when the toolkit starts, so they must be set before Platform.startup.
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("java.awt.headless", "true");
        }
        int partitions = ConsoleCluster.partitionsThatFit(topics, wanted);
        System.out.printf(Locale.ROOT, "Console benchmark: %,d topics x %d partitions, %,d consumer groups, 1 broker; "
                        + "%d measured runs after a cold one; %d cores; display %s%n", topics, partitions, groups, runs,
                Runtime.getRuntime().availableProcessors(),
                headless ? "Monocle headless (sw)" : "DISPLAY=" + System.getenv("DISPLAY"));
        if (partitions < wanted) {
            System.out.printf(Locale.ROOT, "NOTE: the open-file limit (%,d) cannot hold %,d partition logs besides this "
                            + "JVM's own files; using %d partitions per topic (%,d partitions). The page's listing "
                            + "reads offsets per partition, so its cluster share grows about linearly with them.%n",
                    ConsoleCluster.maxFiles(), (long) topics * wanted, partitions, (long) topics * partitions);
        }

        try (Sandbox sandbox = new Sandbox(new SandboxSpec(List.of(TopicsPageRig.CLUSTER), 1, null, 0, false, 0))) {
            long t0 = System.nanoTime();
            sandbox.start();
            System.out.printf("Setup:%n  sandbox cluster started in %,d ms%n", (System.nanoTime() - t0) / 1_000_000);
            new ConsoleCluster(sandbox.cluster(TopicsPageRig.CLUSTER).orElseThrow().bootstrapServers())
                    .populate(topics, partitions, groups);
            try (TopicsPageRig rig = TopicsPageRig.start(sandbox);
                 FxStallWatchdog watchdog = new FxStallWatchdog()) {
                measure(rig, watchdog, runs, topics);
            }
        }
        // Kafka and JavaFX may leave non-daemon threads behind; the figures are printed, so exit.
        System.exit(0);
    }

    private static void measure(TopicsPageRig rig, FxStallWatchdog watchdog, int runs, int topics) throws Exception {
        Figures f = new Figures();
        System.out.println();
        System.out.println("Runs (ms; run 0 is the cold first open):");
        for (int run = 0; run <= runs; run++) {
            boolean cold = run == 0;
            watchdog.start();
            TopicsPageRig.LoadTimes load = rig.open(topics);
            FxStallWatchdog.Phase loading = watchdog.stop();
            FxStallWatchdog.Stall loadStall = loading.stall();
            // Posts made after the page's first layout wait only for the data's work: rows, sorting, their layout.
            FxStallWatchdog.Stall dataStall = loading.stallSince(load.firstLayoutNanos());
            rig.pause();

            TopicsPageRig.FilterTimes plain = rig.filter(PLAIN, false);
            TopicsPageRig.FilterTimes cleared = rig.filter("", false);
            TopicsPageRig.FilterTimes regex = rig.filter(REGEX, true);
            rig.filter("", false); // back to the full list for the reload below; not a figure

            watchdog.start();
            double refresh = rig.refresh();
            FxStallWatchdog.Phase reloading = watchdog.stop();
            FxStallWatchdog.Stall refreshStall = reloading.stall();
            rig.pause();
            double listing = rig.listingMs();

            System.out.printf(Locale.ROOT, "  run %d: open %6.0f (building turn %4.0f, first layout %4.0f, rows in %6.0f), listing alone"
                            + " %6.0f; stall max %5.0f, p99 %5.0f over %d posts, max after the first layout %5.0f%n", run,
                    load.laidOutMs(), load.turnMs(), load.firstLayoutMs(), load.filledMs(), listing, loadStall.maxMs(), loadStall.p99Ms(),
                    loadStall.samples(), dataStall.maxMs());
            System.out.printf(Locale.ROOT, "         filter %5.1f, regex %5.1f, clear %5.1f; reload %6.0f, its stall max %5.0f%n",
                    plain.nextPulseMs(), regex.nextPulseMs(), cleared.nextPulseMs(), refresh, refreshStall.maxMs());
            checkRows(plain, 100, topics);
            checkRows(cleared, topics, topics);
            if (cold) {
                f.coldLoad = load.laidOutMs();
                f.coldStall = loadStall.maxMs();
                f.coldDataStall = dataStall.maxMs();
                continue;
            }
            loading.addSince(Long.MIN_VALUE, f.loadPool);
            reloading.addSince(Long.MIN_VALUE, f.refreshPool);
            f.load.add(load.laidOutMs());
            f.turn.add(load.turnMs());
            f.firstLayout.add(load.firstLayoutMs());
            f.listing.add(listing);
            f.plain.add(plain.nextPulseMs());
            f.plainTurn.add(plain.sameTurnMs());
            f.regex.add(regex.nextPulseMs());
            f.regexTurn.add(regex.sameTurnMs());
            f.clear.add(cleared.nextPulseMs());
            f.clearTurn.add(cleared.sameTurnMs());
            f.loadStall.add(loadStall.maxMs());
            f.dataStall.add(dataStall.maxMs());
            f.refresh.add(refresh);
            f.refreshStall.add(refreshStall.maxMs());
            f.regexRows = regex.rows();
            f.plainRows = plain.rows();
        }
        print(f, topics);
    }

    /** A filter that shows the wrong rows would time the wrong work; the named topics make the counts known. */
    private static void checkRows(TopicsPageRig.FilterTimes filter, int expected, int topics) {
        if (topics >= 2000 && filter.rows() != expected) {
            throw new IllegalStateException("filter showed " + filter.rows() + " rows, expected " + expected);
        }
    }

    private static void print(Figures f, int topics) {
        System.out.println();
        System.out.printf("%-58s %9s %17s %9s %7s  %s%n", "Figure", "median", "min-max", "target", "/target", "result");
        row("Open Topics page -> table filled + laid out, 1st (cold)", one(f.coldLoad), LOAD_TARGET_MS);
        row("Open Topics page -> table filled + laid out", f.load, LOAD_TARGET_MS);
        row("  of which the FX turn that builds and shows the page", f.turn, Double.NaN);
        row("  of which until the empty page's first layout is done", f.firstLayout, Double.NaN);
        row("  listing alone on a worker thread (the cluster's share)", f.listing, Double.NaN);
        row("Filter \"" + PLAIN + "\" -> next pulse (" + f.plainRows + " rows)", f.plain, FILTER_TARGET_MS);
        row("  set text + CSS + layout, same FX turn", f.plainTurn, Double.NaN);
        row("Regex filter -> next pulse (" + f.regexRows + " rows)", f.regex, FILTER_TARGET_MS);
        row("  set text + CSS + layout, same FX turn", f.regexTurn, Double.NaN);
        row(String.format(Locale.ROOT, "Clear filter -> next pulse (%,d rows)", topics), f.clear, FILTER_TARGET_MS);
        row("  set text + CSS + layout, same FX turn", f.clearTurn, Double.NaN);
        row("Longest FX stall while loading, 1st (cold)", one(f.coldStall), STALL_TARGET_MS);
        row("  after the page's first layout (the data's part), 1st", one(f.coldDataStall), STALL_TARGET_MS);
        row("Longest FX stall while loading", f.loadStall, STALL_TARGET_MS);
        row("  after the page's first layout (the data's part)", f.dataStall, STALL_TARGET_MS);
        pooled(String.format("FX stall p99 while loading (%,d posts pooled)", f.loadPool.size()), f.loadPool);
        row("Reload of the filled page (auto-refresh) -> laid out", f.refresh, Double.NaN);
        row("Longest FX stall during that reload", f.refreshStall, STALL_TARGET_MS);
        pooled(String.format("FX stall p99 during reloads (%,d posts pooled)", f.refreshPool.size()), f.refreshPool);
        System.out.println("Regex: " + REGEX + ". Stalls: a runLater posted every " + FxStallWatchdog.PERIOD_MS
                + " ms, delay from posting to running. Cold rows are single values; the rest are medians of the runs.");
    }

    private static void row(String figure, Stats stats, double target) {
        boolean hasTarget = !Double.isNaN(target);
        double median = stats.median();
        String range = stats.min() == stats.max() ? "-"
                : String.format(Locale.ROOT, "%.1f-%.1f ms", stats.min(), stats.max());
        System.out.printf(Locale.ROOT, "%-58s %6.1f ms %17s %9s %7s  %s%n", figure, median, range, hasTarget ? String.format(Locale.ROOT, "<=%.0f ms", target) : "-",
                hasTarget ? String.format(Locale.ROOT, "%.2f", median / target) : "",
                hasTarget ? (median <= target ? "PASS" : "MISS") : "");
    }

    private static void pooled(String figure, Percentiles delays) {
        System.out.printf(Locale.ROOT, "%-58s %6.1f ms %17s %9s %7s%n", figure, delays.percentile(99) / 1000.0,
                String.format(Locale.ROOT, "(max %.1f ms)", delays.percentile(100) / 1000.0), "-", "");
    }

    private static Stats one(double value) {
        Stats stats = new Stats();
        stats.add(value);
        return stats;
    }

    /** What the measured runs collect. */
    private static final class Figures {
        final Stats load = new Stats();
        final Stats turn = new Stats();
        final Stats firstLayout = new Stats();
        final Stats listing = new Stats();
        final Stats plain = new Stats();
        final Stats plainTurn = new Stats();
        final Stats regex = new Stats();
        final Stats regexTurn = new Stats();
        final Stats clear = new Stats();
        final Stats clearTurn = new Stats();
        final Stats loadStall = new Stats();
        final Stats dataStall = new Stats();
        final Stats refresh = new Stats();
        final Stats refreshStall = new Stats();
        final Percentiles loadPool = new Percentiles();
        final Percentiles refreshPool = new Percentiles();
        double coldLoad;
        double coldStall;
        double coldDataStall;
        int plainRows;
        int regexRows;
    }
}
