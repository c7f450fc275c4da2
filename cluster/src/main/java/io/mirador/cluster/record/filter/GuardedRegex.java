package io.mirador.cluster.record.filter;

import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A regex compiled once, matched with a step budget. java.util.regex backtracks, so a pattern such as
 * {@code (a+)+b} takes exponential time on some inputs; a search over millions of records must not hang on
 * one of them. The matcher reads the input only through {@link CharSequence#charAt}, so counting those
 * reads bounds the work. A match that runs out of budget (or out of stack, which deep backtracking can also
 * do) counts as "no match" and is tallied in {@code abandoned} so a UI can warn that results may be missing.
 */
final class GuardedRegex {

    /** Reads allowed per character of input, plus a floor: ample for ordinary patterns, which read a few. */
    static final long READS_PER_CHAR = 200;
    static final long MIN_READS = 100_000;

    private final Pattern pattern;
    private final LongAdder abandoned;

    GuardedRegex(Pattern pattern, LongAdder abandoned) {
        this.pattern = pattern;
        this.abandoned = abandoned;
    }

    /** find() semantics, like grep: anchor with ^ and $ for a whole match. */
    boolean find(String text) {
        try {
            return pattern.matcher(new Budgeted(text, MIN_READS + READS_PER_CHAR * text.length())).find();
        } catch (BudgetExceeded | StackOverflowError runaway) {
            abandoned.increment();
            return false;
        }
    }

    /** Thrown on the matcher's thread only and caught just above; preallocated, no stack trace to fill. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final BudgetExceeded INSTANCE = new BudgetExceeded();

        private BudgetExceeded() {
            super("regex step budget exceeded", null, false, false);
        }
    }

    private static final class Budgeted implements CharSequence {
        private final String text;
        private long budget;

        Budgeted(String text, long budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw BudgetExceeded.INSTANCE;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
