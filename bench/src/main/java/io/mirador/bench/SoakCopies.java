package io.mirador.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Part (a) of the soak: one full copy of the backlog by a fresh {@code mirror} process on a fresh state into a
 * fresh target topic ({@code --naming prefix --alias soak-a<run>}), timed until the target holds every record,
 * watched for stalls, then read back to count duplicates and lost records while the mirror still runs.
 */
final class SoakCopies {

    /** One copy: its time (NaN when it never completed), stalls, longest pause, duplicates and missing records. */
    record Copy(int run, double copyMs, int stalls, long longestPauseMs, long duplicates, long missing, long foreign,
                int exitCode) {
    }

    private final SoakBenchmark.Setup setup;
    private final TargetWatch watch;

    SoakCopies(SoakBenchmark.Setup setup, TargetWatch watch) {
        this.setup = setup;
        this.watch = watch;
    }

    Copy copy(int run) throws Exception {
        String alias = "soak-a" + run;
        String targetTopic = alias + "." + setup.backlog().topic();
        Path dir = setup.dir().resolve("a" + run);
        long records = setup.backlog().records();
        MirrorChild child = MirrorChild.start(setup.appJar(), setup.source(), setup.target(), setup.backlog().topic(),
                dir.resolve("state"), dir.resolve("mirror.log"), List.of("--naming", "prefix", "--alias", alias));
        long start = System.nanoTime();
        int stalls = 0;
        ProgressClock clock = new ProgressClock(setup.stallMs());
        String label = "copy " + run;
        boolean gaveUp = false;

        // Until the target's end offsets hold the whole backlog: cheap, and what a user watching would see.
        long onTarget = 0;
        while (onTarget < records) {
            onTarget = watch.count(targetTopic);
            clock.observe(onTarget);
            if (onTarget >= records) {
                break;
            }
            if (!child.isAlive()) {
                SoakBenchmark.loud(label + ": mirror exited with code " + child.exitCode() + " after " + onTarget
                        + " of " + records + " records", child, null);
                gaveUp = true;
                break;
            }
            if (clock.stallBegins()) {
                stalls++;
                SoakBenchmark.stall(child, dir, label, "no new record on " + targetTopic + " for "
                        + clock.pauseMs() / 1000 + " s, " + onTarget + " of " + records + " there");
            }
            if (clock.pauseMs() > setup.giveUpMs()) {
                SoakBenchmark.loud(label + ": gave up after " + clock.pauseMs() / 1000 + " s without progress", child, null);
                gaveUp = true;
                break;
            }
            Thread.sleep(100);
        }
        double endOffsetsMs = (System.nanoTime() - start) / 1e6;
        // Taken now: the clock would go on counting the read below as a pause.
        long longestPauseMs = clock.longestPauseMs();

        // Read it back while the mirror runs on: end offsets count duplicates too, so only a read proves that
        // every record is there; if some are still missing, the mirror gets time to bring them (or stalls).
        double copyMs = gaveUp ? Double.NaN : endOffsetsMs;
        long duplicates;
        long missing;
        long foreign;
        try (TargetLedger ledger = new TargetLedger(setup.target(), targetTopic, records)) {
            ProgressClock reading = new ProgressClock(setup.stallMs());
            while (!gaveUp && !ledger.complete()) {
                if (ledger.readSome(Duration.ofMillis(200))) {
                    reading.progressed();
                }
                if (!child.isAlive()) {
                    SoakBenchmark.loud(label + ": mirror exited with code " + child.exitCode() + " while "
                            + ledger.missing() + " records were missing on the target", child, null);
                    break;
                }
                if (reading.stallBegins()) {
                    stalls++;
                    SoakBenchmark.stall(child, dir, label, ledger.missing() + " records missing on " + targetTopic
                            + " (end offsets say " + watch.count(targetTopic) + "), none arrived for "
                            + reading.pauseMs() / 1000 + " s");
                }
                if (reading.pauseMs() > setup.giveUpMs()) {
                    break;
                }
            }
            if (ledger.complete() && ledger.copies() > onTarget) {
                // Records were still missing when the end offsets reached the backlog's size: the copy ended
                // when the read found the last one (an upper bound).
                copyMs = (System.nanoTime() - start) / 1e6;
            } else if (!ledger.complete()) {
                copyMs = Double.NaN;
            }
            // What the target holds beyond the distinct records is duplicates, read or not.
            duplicates = watch.count(targetTopic) - ledger.distinct() - ledger.foreign();
            missing = ledger.missing();
            foreign = ledger.foreign();
            if (ledger.missing() > 0) {
                SoakBenchmark.loud(label + ": " + ledger.missing() + " RECORDS MISSING on " + targetTopic
                        + ", first sequence numbers " + ledger.firstMissing(10), child, null);
            }
            if (ledger.foreign() > 0) {
                SoakBenchmark.loud(label + ": " + ledger.foreign() + " records on " + targetTopic
                        + " that are not the backlog's (corrupt copies?)", child, null);
            }
        }
        int exit = child.isAlive() ? child.stop() : child.exitCode();
        if (exit != 0) {
            SoakBenchmark.loud(label + ": mirror stopped by SIGTERM exited with " + exit, child, null);
        }
        System.out.printf(Locale.ROOT, "  copy %d: %s, %,d duplicates, %,d missing, longest pause %.1f s%s; %s%n", run,
                Double.isNaN(copyMs) ? "NOT COMPLETE" : String.format(Locale.ROOT, "%.2f s (%,.0f records/s)",
                        copyMs / 1000, records / (copyMs / 1000)),
                duplicates, missing, longestPauseMs / 1000.0,
                stalls > 0 ? ", " + stalls + " STALL(S)" : "", child.tail(1).isEmpty() ? "" : child.tail(1).get(0));
        watch.delete(targetTopic);
        return new Copy(run, copyMs, stalls, longestPauseMs, duplicates, missing, foreign, exit);
    }
}
