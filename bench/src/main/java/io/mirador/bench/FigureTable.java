package io.mirador.bench;

import java.util.Locale;

/**
 * The closing table of a benchmark: figure, median, min–max, target, median/target and PASS/MISS, in mixed
 * units. Printed, never asserted: shared machines are noisy, the reader judges.
 */
final class FigureTable {

    /** How a unit is printed. */
    enum Unit {
        MS("%,.1f ms"), RATE("%,.0f rec/s"), MB("%,.1f MB"), PER_S("%,.1f /s"), RATIO("%.2f x"), S("%,.2f s");

        private final String format;

        Unit(String format) {
            this.format = format;
        }

        String format(double value) {
            return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
        }
    }

    private static final String LINE = "%-66s %14s %27s %16s %7s  %s%n";

    void header() {
        System.out.printf(Locale.ROOT, LINE, "Figure", "median", "min-max", "target", "/target", "result");
    }

    /** A figure without a target: context for the ones with one. */
    void row(String figure, Stats stats, Unit unit) {
        print(figure, stats, unit, "-", Double.NaN, true);
    }

    /** A figure that should be at most {@code target}. */
    void atMost(String figure, Stats stats, Unit unit, double target) {
        print(figure, stats, unit, "<= " + unit.format(target), target, true);
    }

    /** A figure that should be at least {@code target}. */
    void atLeast(String figure, Stats stats, Unit unit, double target) {
        print(figure, stats, unit, ">= " + unit.format(target), target, false);
    }

    static Stats one(double value) {
        Stats stats = new Stats();
        stats.add(value);
        return stats;
    }

    private static void print(String figure, Stats stats, Unit unit, String targetText, double target,
                              boolean atMost) {
        double median = stats.median();
        String range = stats.min() == stats.max() ? "-" : unit.format(stats.min()) + " - " + unit.format(stats.max());
        boolean hasTarget = !Double.isNaN(target);
        String ratio = hasTarget ? String.format(Locale.ROOT, "%.2f", median / target) : "";
        String result = !hasTarget ? "" : (atMost ? median <= target : median >= target) ? "PASS" : "MISS";
        System.out.printf(Locale.ROOT, LINE, figure, unit.format(median), range, targetText, ratio, result);
    }
}
