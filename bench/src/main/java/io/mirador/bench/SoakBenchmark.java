package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Soak of the real {@code mirador mirror} command (the shaded jar, run as a child process, as a user runs it)
 * between two embedded clusters started once in this JVM, over a backlog of sequence-numbered records:
 * <ol>
 *   <li>(a) N full copies, each by a fresh process on a fresh state into a fresh target topic: time until the
 *       target holds every record, stalls (no progress on the target for more than S seconds while records
 *       are missing), duplicates and missing records (the target is read back);</li>
 *   <li>(b) K SIGKILLs of one {@code mirror} on one state at random points (the first within a second of the
 *       first start, before the target topic exists), each followed by a restart, then a last restart until
 *       the target holds every record: duplicates per kill, lost records, stalls (a restart after which
 *       nothing arrives for S seconds).</li>
 * </ol>
 * A stall is reported loudly when it happens, with the mirror's output and a thread dump of it; a loss too.
 * Usage: {@code java -cp bench/target/mirador-bench.jar io.mirador.bench.SoakBenchmark [N=3] [K=5]
 * [R=3000000] [S=30] [app-jar=app/target/mirador.jar]}, or the properties {@code bench.soak.copies},
 * {@code .kills}, {@code .records}, {@code .stallSeconds}; {@code bench.soak.seed} replays kill points,
 * {@code bench.soak.giveUpSeconds} (300) ends a stalled phase, {@code bench.soak.dir} keeps logs there,
 * {@code bench.soak.mirrorHeap} (e.g. {@code -Xmx512m}) sizes the child. Everything is printed, nothing asserted.
 */
public final class SoakBenchmark {

    /** What both parts share: the clusters, the backlog, the jar, the thresholds and where logs go. */
    record Setup(String source, String target, SequencedBacklog backlog, Path appJar, Path dir, long stallMs,
                 long giveUpMs) {
    }

    private static final String BANNER = "!".repeat(100);
    /** Anything printed loudly: keeps the logs directory and marks the summary. */
    private static final List<String> LOUD = new ArrayList<>();

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int copies = (int) arg(args, 0, "bench.soak.copies", 3);
        int kills = (int) arg(args, 1, "bench.soak.kills", 5);
        long records = arg(args, 2, "bench.soak.records", 3_000_000);
        long stallSeconds = arg(args, 3, "bench.soak.stallSeconds", 30);
        Path appJar = Path.of(args.length > 4 ? args[4] : "app/target/mirador.jar");
        if (!Files.isRegularFile(appJar)) {
            System.err.println("soak: " + appJar + " not found; build it with mvn -B -q -DskipTests package");
            System.exit(2);
        }
        long seed = Long.getLong("bench.soak.seed", new Random().nextLong());
        long giveUpMs = Long.getLong("bench.soak.giveUpSeconds", 300) * 1000;
        String dirProperty = System.getProperty("bench.soak.dir");
        Path dir = dirProperty != null ? Files.createDirectories(Path.of(dirProperty))
                : Files.createTempDirectory("mirador-soak-");

        try (BenchClusters clusters = new BenchClusters().start();
             TargetWatch watch = new TargetWatch(clusters.target())) {
            SequencedBacklog backlog = new SequencedBacklog("soak", records);
            double produceMs = backlog.produce(clusters.source());
            Setup setup = new Setup(clusters.source(), clusters.target(), backlog, appJar.toAbsolutePath(), dir,
                    stallSeconds * 1000, giveUpMs);
            System.out.printf(Locale.ROOT, "Soak of `mirador mirror` (%s): %d cores, backlog %s produced in %.1f s;"
                            + " %d copies, %d kills, stall = no progress for > %d s; seed %d; logs in %s%n",
                    appJar, Runtime.getRuntime().availableProcessors(), backlog, produceMs / 1000, copies, kills,
                    stallSeconds, seed, dir);

            List<SoakCopies.Copy> copyResults = new ArrayList<>();
            if (copies > 0) {
                System.out.println("(a) full copies, each a fresh process, state and target topic:");
                SoakCopies part = new SoakCopies(setup, watch);
                for (int run = 1; run <= copies; run++) {
                    System.gc();
                    copyResults.add(part.copy(run));
                }
            }
            SoakKills.Result killResult = null;
            if (kills > 0) {
                System.out.println("(b) SIGKILL and restart on one state, then a restart until every record is there:");
                killResult = new SoakKills(setup, seed).run(kills);
            }
            summary(setup, seed, copyResults, killResult);
        }
        if (LOUD.isEmpty() && dirProperty == null) {
            MiradorRunner.deleteQuietly(dir);
        } else {
            System.out.println("logs, states and thread dumps kept in " + dir);
        }
        // Kafka leaves non-daemon threads behind on some paths; the figures are printed, so exit.
        System.exit(0);
    }

    private static long arg(String[] args, int index, String property, long fallback) {
        try {
            return args.length > index ? Long.parseLong(args[index]) : Long.getLong(property, fallback);
        } catch (NumberFormatException e) {
            System.err.println("soak: argument " + (index + 1) + " must be a whole number, not " + args[index]
                    + "; usage: SoakBenchmark [copies] [kills] [records] [stall-seconds] [app-jar]");
            System.exit(2);
            return fallback;
        }
    }

    /** Prints {@code message} between banners, with the mirror's last output lines when there is a mirror. */
    static void loud(String message, MirrorChild child, String extra) {
        LOUD.add(message);
        System.out.println(BANNER);
        System.out.println("!!! " + message);
        if (child != null) {
            System.out.println("!!! mirror pid " + child.pid() + ", output " + child.log() + ", last lines:");
            child.tail(15).forEach(l -> System.out.println("!!!   " + l));
            List<String> errors = child.errorLines();
            if (!errors.isEmpty()) {
                System.out.println("!!! lines naming an error (" + errors.size() + "), first and last:");
                System.out.println("!!!   " + errors.get(0));
                if (errors.size() > 1) {
                    System.out.println("!!!   " + errors.get(errors.size() - 1));
                }
            }
        }
        if (extra != null) {
            System.out.println("!!! " + extra);
        }
        System.out.println(BANNER);
    }

    /** A stall: a thread dump of the mirror next to its output, then everything loudly. */
    static void stall(MirrorChild child, Path dir, String label, String what) {
        Path dump = dir.resolve(label.replace(' ', '-') + "-stall-" + System.currentTimeMillis() + ".jstack");
        String failed = child.isAlive() ? child.jstack(dump) : "the process is gone";
        loud("STALL (" + label + "): " + what, child, failed == null ? "thread dump: " + dump : "no thread dump: " + failed);
    }

    private static void summary(Setup setup, long seed, List<SoakCopies.Copy> copies, SoakKills.Result kills) {
        long records = setup.backlog().records();
        int copyStalls = copies.stream().mapToInt(SoakCopies.Copy::stalls).sum();
        int killStalls = kills == null ? 0 : kills.stalls();
        long copyMissing = copies.stream().mapToLong(SoakCopies.Copy::missing).sum();
        long killMissing = kills == null ? 0 : kills.missing();
        String line = "  %-34s %s%n";
        System.out.printf(Locale.ROOT, "Soak summary (%,d records; stall = no progress on the target for > %d s"
                + " while records are missing):%n", records, setup.stallMs() / 1000);
        System.out.printf(Locale.ROOT, line, "runs", copies.size() + " copies, " + (kills == null ? 0 : kills.kills().size())
                + " kills + 1 final restart");
        System.out.printf(Locale.ROOT, line, "stalls", (copyStalls + killStalls == 0 ? "0" : (copyStalls + killStalls) + "  <<< STALL")
                + "  (copies " + copyStalls + ", kill/restart " + killStalls + ")");
        if (!copies.isEmpty()) {
            Stats times = new Stats();
            copies.stream().filter(c -> !Double.isNaN(c.copyMs())).forEach(c -> times.add(c.copyMs() / 1000));
            long incomplete = copies.stream().filter(c -> Double.isNaN(c.copyMs())).count();
            String timesText = incomplete == copies.size() ? "none completed" : String.format(Locale.ROOT,
                    "%.2f s / %.2f s  (fastest %.2f s; %s)", times.max(), times.median(), times.min(),
                    copies.stream().map(c -> Double.isNaN(c.copyMs()) ? "incomplete"
                            : String.format(Locale.ROOT, "%.2f", c.copyMs() / 1000)).collect(Collectors.joining(" ", "runs: ", " s")));
            System.out.printf(Locale.ROOT, line, "copy time slowest / median", timesText
                    + (incomplete > 0 ? "  <<< " + incomplete + " INCOMPLETE" : ""));
            System.out.printf(Locale.ROOT, line, "longest pause in a copy", String.format(Locale.ROOT, "%.1f s",
                    copies.stream().mapToLong(SoakCopies.Copy::longestPauseMs).max().orElse(0) / 1000.0));
            System.out.printf(Locale.ROOT, line, "duplicates in copies (no kill)",
                    copies.stream().map(c -> String.format(Locale.ROOT, "%,d", c.duplicates())).collect(Collectors.joining(" / ")));
        }
        if (kills != null) {
            long[] dups = kills.duplicatesPerKill();
            List<String> perKill = new ArrayList<>();
            Stats dupStats = new Stats();
            // Only a kill with records already on the target can cause duplicates: their median on its own.
            Stats duringCopy = new Stats();
            int duringCopyCount = 0;
            for (int i = 1; i < dups.length; i++) {
                double rate = kills.kills().get(i - 1).rateAtKill();
                // Weighed by the copy rate just before the kill: seconds of traffic copied twice, to hold
                // against the checkpoint interval (1 s) that should bound them.
                perKill.add(String.format(Locale.ROOT, "k%d %,d", i, dups[i]) + (Double.isNaN(rate) || rate <= 0 || dups[i] == 0
                        ? "" : String.format(Locale.ROOT, " (%.2f s at %,.0f/s)", dups[i] / rate, rate)));
                dupStats.add(dups[i]);
                if (kills.kills().get(i - 1).onTargetAtKill() > 0) {
                    duringCopy.add(dups[i]);
                    duringCopyCount++;
                }
            }
            System.out.printf(Locale.ROOT, line, "duplicates per kill", perKill.isEmpty() ? "-" : String.join(", ", perKill)
                    + String.format(Locale.ROOT, "; median %,.0f, max %,.0f (%.2f %% of the backlog)", dupStats.median(),
                    dupStats.max(), 100.0 * dupStats.max() / records)
                    + (duringCopyCount == 0 ? "" : String.format(Locale.ROOT, "; median of the %d kills with records on the target %,.0f",
                    duringCopyCount, duringCopy.median())));
            System.out.printf(Locale.ROOT, line, "duplicates without a kill between", String.format(Locale.ROOT, "%,d", dups[0]));
            System.out.printf(Locale.ROOT, line, "kill points", kills.kills().stream()
                    .map(k -> "k" + k.n() + " " + k.describe()).collect(Collectors.joining("; ")));
            System.out.printf(Locale.ROOT, line, "final restart to complete", Double.isNaN(kills.finalMs()) ? "NOT COMPLETE"
                    : String.format(Locale.ROOT, "%.2f s", kills.finalMs() / 1000));
            if (kills.aborted() != null) {
                System.out.printf(Locale.ROOT, line, "kill part ABORTED", kills.aborted());
            }
        }
        long foreign = copies.stream().mapToLong(SoakCopies.Copy::foreign).sum() + (kills == null ? 0 : kills.foreign());
        System.out.printf(Locale.ROOT, line, "lost records", (copyMissing + killMissing == 0 ? "0" : (copyMissing + killMissing)
                + "  <<< LOSS (or never copied)") + "  (copies " + copyMissing + ", kills " + killMissing + ")"
                + (foreign > 0 ? "; " + foreign + " FOREIGN records on the target" : ""));
        System.out.printf(Locale.ROOT, line, "seed of the random kill points", seed + "  (-Dbench.soak.seed=" + seed
                + " replays them)");
        if (!LOUD.isEmpty()) {
            System.out.println(BANNER);
            System.out.println("!!! " + LOUD.size() + " problem(s) above:");
            LOUD.forEach(m -> System.out.println("!!!   " + m));
            System.out.println(BANNER);
        }
    }
}
