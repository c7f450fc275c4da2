package io.mirador.replicator.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Replication latencies in milliseconds, in log-spaced buckets (about 4 % wide), lock-free for recording from
 * producer callback threads. Percentiles come from a snapshot of one window; {@link #snapshotAndReset()}
 * starts the next window so that figures describe recent traffic, not all time.
 */
public final class LatencyHistogram {

    private static final int BUCKETS = 512;
    private static final double GROWTH = 1.04;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    private volatile AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void record(long millis) {
        counts.incrementAndGet(bucket(Math.max(0, millis)));
    }

    /** The counts of the finished window; recording continues into a fresh one. */
    public Snapshot snapshotAndReset() {
        AtomicLongArray finished = counts;
        counts = new AtomicLongArray(BUCKETS);
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = finished.get(i);
        }
        return new Snapshot(copy);
    }

    static int bucket(long millis) {
        if (millis < 1) {
            return 0;
        }
        return Math.min(BUCKETS - 1, 1 + (int) (Math.log(millis) / LOG_GROWTH));
    }

    static double upperBound(int bucket) {
        return bucket == 0 ? 0 : Math.pow(GROWTH, bucket);
    }

    /** An immutable window of latencies. */
    public static final class Snapshot {
        private final long[] counts;
        private final long total;

        Snapshot(long[] counts) {
            this.counts = counts;
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            this.total = sum;
        }

        public static Snapshot empty() {
            return new Snapshot(new long[BUCKETS]);
        }

        public long count() {
            return total;
        }

        /** The latency below which {@code quantile} (0..1) of the window lies, or NaN when empty. */
        public double percentile(double quantile) {
            if (total == 0) {
                return Double.NaN;
            }
            long rank = (long) Math.ceil(quantile * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return upperBound(i);
                }
            }
            return upperBound(counts.length - 1);
        }

        public Snapshot merge(Snapshot other) {
            long[] merged = new long[BUCKETS];
            for (int i = 0; i < BUCKETS; i++) {
                merged[i] = counts[i] + other.counts[i];
            }
            return new Snapshot(merged);
        }
    }
}
