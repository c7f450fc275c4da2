package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(0, 0);
        assertThat(limiter.unlimited()).isTrue();
        for (int i = 0; i < 1_000_000; i++) {
            limiter.acquire(100);
        }
    }

    @Test
    void recordLimitSpreadsRecordsOverTime() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1_000, 0);
        long start = System.nanoTime();
        for (int i = 0; i < 1_500; i++) {
            limiter.acquire(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // A full bucket (1,000) passes at once; the other 500 need about half a second.
        assertThat(seconds).isGreaterThan(0.4);
    }

    @Test
    void byteLimitCountsBytes() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(0, 10_000);
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            limiter.acquire(1_000);
        }
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(1.5);
    }
}
