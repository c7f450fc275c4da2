package io.mirador.bench;

/**
 * When a copy last moved: fed a growing figure (records on the target, distinct records read), it knows how
 * long the figure has stood still, the longest such pause, and when a pause crosses the stall threshold, which
 * it reports once per pause (progress starts a new pause).
 */
final class ProgressClock {

    private final long stallMs;
    private long value = Long.MIN_VALUE;
    private long lastChange = System.nanoTime();
    private long longestPauseMs;
    private boolean reported;

    ProgressClock(long stallMs) {
        this.stallMs = stallMs;
    }

    /** Records the current figure; a figure larger than the last one is progress. */
    void observe(long current) {
        if (current > value) {
            value = current;
            progressed();
        }
        longestPauseMs = Math.max(longestPauseMs, pauseMs());
    }

    void progressed() {
        longestPauseMs = Math.max(longestPauseMs, pauseMs());
        lastChange = System.nanoTime();
        reported = false;
    }

    /** Milliseconds since the last progress (or since this clock was made). */
    long pauseMs() {
        return (System.nanoTime() - lastChange) / 1_000_000;
    }

    long longestPauseMs() {
        return Math.max(longestPauseMs, pauseMs());
    }

    /** True once per pause, the first time it is asked after the pause passed the stall threshold. */
    boolean stallBegins() {
        if (!reported && pauseMs() > stallMs) {
            reported = true;
            return true;
        }
        return false;
    }
}
