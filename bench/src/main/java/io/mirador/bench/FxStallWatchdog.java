package io.mirador.bench;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps events waiting: a daemon thread posts a {@link Platform#runLater} every
 * {@value #PERIOD_MS} ms and records the delay between posting and running. A post made while the FX thread is
 * busy waits until it is free, so the delays are what an input event arriving at that moment would wait, and the
 * longest is the longest stall (to within one period). Posting goes on whether or not earlier posts ran, so a long
 * stall also shows in the high percentiles, as it would for a user moving the mouse.
 *
 * <p>Recording is on only between {@link #start()} and {@link #stop()}, so the figures cover one phase.
 */
final class FxStallWatchdog implements AutoCloseable {

    static final long PERIOD_MS = 5;

    /** The longest delay and the 99th percentile, in milliseconds, and how many posts they are over. */
    record Stall(double maxMs, double p99Ms, int samples) {
    }

    /** The posts of one phase: when each was made and how long it waited. */
    static final class Phase {
        private long[] postedNanos = new long[1024];
        private long[] delayMicros = new long[1024];
        private int size;

        private synchronized void add(long posted, long micros) {
            if (size == postedNanos.length) {
                postedNanos = Arrays.copyOf(postedNanos, size * 2);
                delayMicros = Arrays.copyOf(delayMicros, size * 2);
            }
            postedNanos[size] = posted;
            delayMicros[size++] = micros;
        }

        Stall stall() {
            return stallSince(Long.MIN_VALUE);
        }

        /** Over the posts made at or after {@code nanos} ({@link System#nanoTime()}), e.g. after a known busy turn. */
        synchronized Stall stallSince(long nanos) {
            Percentiles delays = new Percentiles();
            addSince(nanos, delays);
            return new Stall(delays.percentile(100) / 1000.0, delays.percentile(99) / 1000.0, delays.size());
        }

        /** Adds the delays (microseconds) of the posts made at or after {@code nanos} to {@code pool}. */
        synchronized void addSince(long nanos, Percentiles pool) {
            for (int i = 0; i < size; i++) {
                if (nanos == Long.MIN_VALUE || postedNanos[i] - nanos >= 0) { // nanoTime may be negative
                    pool.add(delayMicros[i]);
                }
            }
        }
    }

    private final Thread poster = new Thread(this::post, "fx-stall-watchdog");
    /** Null while not recording; each post records into the phase it was made in. */
    private volatile Phase current;
    private volatile boolean closed;

    FxStallWatchdog() {
        poster.setDaemon(true);
        poster.start();
    }

    void start() {
        current = new Phase();
    }

    /** Stops recording once every post made so far has run (runLater keeps order), then returns the phase. */
    Phase stop() throws InterruptedException {
        Phase phase = current;
        current = null;
        CountDownLatch drained = new CountDownLatch(1);
        Platform.runLater(drained::countDown);
        if (!drained.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the FX thread did not answer for 2 minutes");
        }
        return phase;
    }

    private void post() {
        while (!closed) {
            Phase phase = current;
            if (phase != null) {
                long posted = System.nanoTime();
                Platform.runLater(() -> phase.add(posted, (System.nanoTime() - posted) / 1000));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
