package io.mirador.replicator.engine;

/**
 * A token bucket shared by the workers of one route, over records and bytes per second. A limit of 0 means
 * none. Waiting blocks the calling worker thread only, which is the point: it slows the route's consumers.
 */
final class RateLimiter {

    private final long recordsPerSecond;
    private final long bytesPerSecond;
    private double recordTokens;
    private double byteTokens;
    private long lastRefillNanos = System.nanoTime();

    RateLimiter(long recordsPerSecond, long bytesPerSecond) {
        this.recordsPerSecond = recordsPerSecond;
        this.bytesPerSecond = bytesPerSecond;
        this.recordTokens = recordsPerSecond;
        this.byteTokens = bytesPerSecond;
    }

    boolean unlimited() {
        return recordsPerSecond == 0 && bytesPerSecond == 0;
    }

    /** Takes one record of {@code bytes}, waiting until the bucket allows it. */
    void acquire(int bytes) throws InterruptedException {
        if (unlimited()) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            refill();
            recordTokens -= 1;
            byteTokens -= bytes;
            double recordDebt = recordsPerSecond == 0 ? 0 : Math.max(0, -recordTokens) / recordsPerSecond;
            double byteDebt = bytesPerSecond == 0 ? 0 : Math.max(0, -byteTokens) / bytesPerSecond;
            waitNanos = (long) (Math.max(recordDebt, byteDebt) * 1e9);
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    private void refill() {
        long now = System.nanoTime();
        double seconds = (now - lastRefillNanos) / 1e9;
        lastRefillNanos = now;
        // Burst of at most one second's worth, so a quiet route cannot save up an unbounded burst.
        if (recordsPerSecond > 0) {
            recordTokens = Math.min(recordsPerSecond, recordTokens + seconds * recordsPerSecond);
        }
        if (bytesPerSecond > 0) {
            byteTokens = Math.min(bytesPerSecond, byteTokens + seconds * bytesPerSecond);
        }
    }
}
