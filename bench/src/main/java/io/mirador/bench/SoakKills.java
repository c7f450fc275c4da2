package io.mirador.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Part (b) of the soak: {@code mirror} on one {@code --state}, killed with SIGKILL K times at random points and
 * restarted each time, then run until the target holds every record. The target topic has the source's name
 * ({@code --naming identity}, the default) and does not exist before the first start.
 *
 * <p>Kill points, drawn from the seed: the first kill comes within the first second of the first start, before
 * the target topic exists; the second 1-8 s after a start (store, planner, topic creation); the others are
 * one of those two kinds (one in ten each) or, mostly, a point of the copy's progress (records on the target,
 * uniform in 5-95 % of the backlog, in increasing order). After each kill the target's end offsets are noted,
 * so the final read knows which start wrote each copy of a record, hence which kill caused each duplicate.
 */
final class SoakKills {

    enum Kind { EARLY, STARTUP, PROGRESS }

    /** One SIGKILL: where it was meant to hit, where it did, and the target's end offsets just after it. */
    record Kill(int n, Kind kind, long planned, long ageMs, long onTargetAtKill, boolean topicExisted,
                double rateAtKill, Map<Integer, Long> endOffsets) {

        String describe() {
            String when = switch (kind) {
                case EARLY, STARTUP -> String.format(Locale.ROOT, "%s, %d ms after start", kind.name().toLowerCase(Locale.ROOT), planned);
                case PROGRESS -> String.format(Locale.ROOT, "progress, at >= %,d records on the target, %d ms after start", planned, ageMs);
            };
            return when + (topicExisted ? "" : ", target topic not created yet");
        }
    }

    /** The whole part: kills, stalls, duplicates per kill ([0]: within one start), lost records, final restart's time. */
    record Result(List<Kill> kills, long[] duplicatesPerKill, int stalls, long missing, long foreign,
                  double finalMs, String aborted) {
    }

    private final SoakBenchmark.Setup setup;
    private final long seed;

    SoakKills(SoakBenchmark.Setup setup, long seed) {
        this.setup = setup;
        this.seed = seed;
    }

    static List<Kind> plan(int kills, Random random) {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            double r = random.nextDouble();
            kinds.add(i == 0 ? Kind.EARLY : i == 1 ? Kind.STARTUP : r < 0.1 ? Kind.EARLY : r < 0.2 ? Kind.STARTUP : Kind.PROGRESS);
        }
        return kinds;
    }

    Result run(int kills) throws Exception {
        Random random = new Random(seed);
        List<Kind> kinds = plan(kills, random);
        long records = setup.backlog().records();
        List<Long> points = new ArrayList<>();
        kinds.stream().filter(k -> k == Kind.PROGRESS)
                .forEach(k -> points.add((long) (records * (0.05 + 0.9 * random.nextDouble()))));
        points.sort(Long::compare);
        Path dir = setup.dir().resolve("kills");
        Path state = dir.resolve("state");
        String topic = setup.backlog().topic();
        List<Kill> done = new ArrayList<>();
        int stalls = 0;
        int nextPoint = 0;

        try (TargetLedger ledger = new TargetLedger(setup.target(), topic, records)) {
            for (int n = 1; n <= kills; n++) {
                Kind kind = kinds.get(n - 1);
                String label = "kill " + n;
                MirrorChild child = start(dir, state, "start-" + n);
                long planned;
                double rate = Double.NaN;
                if (kind == Kind.PROGRESS) {
                    long atStart = TargetLedger.total(ledger.endOffsets());
                    // A point already passed (earlier kills got further) is taken as "as soon as it copies", and
                    // as "now" when duplicates already filled the target up to the backlog's size.
                    planned = Math.min(records, Math.max(points.get(nextPoint++), atStart + 1));
                    ProgressClock clock = new ProgressClock(setup.stallMs());
                    long onTarget = atStart;
                    // Samples of the last second or so since this start began to copy (the last sample before
                    // that is the base): the copy rate at the kill, to weigh its duplicates. Unknown (NaN) when
                    // the start had copied for less than half a second.
                    Deque<long[]> recent = new ArrayDeque<>();
                    while (onTarget < planned && child.isAlive() && clock.pauseMs() <= setup.giveUpMs()) {
                        onTarget = TargetLedger.total(ledger.endOffsets());
                        clock.observe(onTarget);
                        long now = System.nanoTime();
                        if (onTarget == atStart) {
                            recent.clear();
                        }
                        recent.addLast(new long[] {now, onTarget});
                        while (recent.size() > 2 && now - recent.peekFirst()[0] > 1_000_000_000L) {
                            recent.removeFirst();
                        }
                        long[] oldest = recent.peekFirst();
                        rate = now - oldest[0] >= 500_000_000L ? (onTarget - oldest[1]) * 1e9 / (now - oldest[0]) : Double.NaN;
                        if (clock.stallBegins() && onTarget < records) {
                            stalls++;
                            SoakBenchmark.stall(child, dir, "start-" + n, "restart " + (n - 1) + " made no progress for "
                                    + clock.pauseMs() / 1000 + " s: " + onTarget + " of " + records
                                    + " records on the target (the kill was due at " + planned + ")");
                        }
                        Thread.sleep(20);
                    }
                } else {
                    planned = kind == Kind.EARLY ? random.nextInt(1000) : 1000 + random.nextInt(7000);
                    while (child.ageMs() < planned && child.isAlive()) {
                        Thread.sleep(Math.min(5, Math.max(1, planned - child.ageMs())));
                    }
                }
                if (!child.isAlive()) {
                    String why = label + ": mirror exited with code " + child.exitCode() + " before the kill ("
                            + kind + ", " + child.ageMs() + " ms after start): the state cannot be restarted on";
                    SoakBenchmark.loud(why, child, null);
                    return finish(ledger, done, stalls, Double.NaN, why);
                }
                boolean existed = !ledger.endOffsets().isEmpty();
                long age = child.ageMs();
                child.kill9();
                Map<Integer, Long> ends = settled(ledger);
                Kill kill = new Kill(n, kind, planned, age, TargetLedger.total(ends), existed, rate, ends);
                done.add(kill);
                System.out.printf(Locale.ROOT, "  kill %d (%s): %,d records on the target%s%n", n, kill.describe(),
                        kill.onTargetAtKill(), Double.isNaN(rate) ? ""
                                : String.format(Locale.ROOT, ", copying at %,.0f records/s", rate));
            }

            // The last restart runs until every record has been read back from the target.
            MirrorChild child = start(dir, state, "final");
            long start = System.nanoTime();
            ProgressClock clock = new ProgressClock(setup.stallMs());
            while (!ledger.complete() && clock.pauseMs() <= setup.giveUpMs()) {
                if (ledger.readSome(Duration.ofMillis(200))) {
                    clock.progressed();
                }
                if (!child.isAlive()) {
                    String why = "final restart: mirror exited with code " + child.exitCode() + " while "
                            + ledger.missing() + " records were missing";
                    SoakBenchmark.loud(why, child, null);
                    return finish(ledger, done, stalls, Double.NaN, why);
                }
                if (clock.stallBegins()) {
                    stalls++;
                    SoakBenchmark.stall(child, dir, "final", "the restart after kill " + kills + " brought no missing record for "
                            + clock.pauseMs() / 1000 + " s: " + ledger.missing() + " of " + records
                            + " still missing, end offsets " + ledger.endOffsets());
                }
            }
            double finalMs = ledger.complete() ? (System.nanoTime() - start) / 1e6 : Double.NaN;
            int exit = child.stop();
            if (exit != 0) {
                SoakBenchmark.loud("final restart: mirror stopped by SIGTERM exited with " + exit, child, null);
            }
            System.out.printf(Locale.ROOT, "  final restart: %s; %s%n", ledger.complete()
                            ? String.format(Locale.ROOT, "every record on the target after %.2f s", finalMs / 1000)
                            : ledger.missing() + " RECORDS MISSING",
                    child.tail(1).isEmpty() ? "" : child.tail(1).get(0));
            return finish(ledger, done, stalls, finalMs, null);
        }
    }

    private Result finish(TargetLedger ledger, List<Kill> kills, int stalls, double finalMs, String aborted) {
        long[] dups = ledger.duplicatesPerKill(kills.stream().map(Kill::endOffsets).toList());
        if (aborted == null && ledger.missing() > 0) {
            SoakBenchmark.loud("kills: " + ledger.missing() + " RECORDS LOST on " + setup.backlog().topic()
                    + ", first sequence numbers " + ledger.firstMissing(10), null, null);
        }
        if (ledger.foreign() > 0) {
            SoakBenchmark.loud("kills: " + ledger.foreign() + " records on the target that are not the backlog's", null, null);
        }
        return new Result(kills, dups, stalls, ledger.missing(), ledger.foreign(), finalMs, aborted);
    }

    private MirrorChild start(Path dir, Path state, String name) throws Exception {
        return MirrorChild.start(setup.appJar(), setup.source(), setup.target(), setup.backlog().topic(), state,
                dir.resolve(name + ".log"), List.of());
    }

    /**
     * The target's end offsets once a killed process's last requests have landed: a produce request the broker
     * had already read still completes after the sender died. Stable over 300 ms, or after 5 s.
     */
    private static Map<Integer, Long> settled(TargetLedger ledger) throws InterruptedException {
        Map<Integer, Long> last = ledger.endOffsets();
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            Map<Integer, Long> now = ledger.endOffsets();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
