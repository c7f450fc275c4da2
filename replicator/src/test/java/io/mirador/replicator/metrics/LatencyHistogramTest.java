package io.mirador.replicator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i);
        }
        LatencyHistogram.Snapshot s = h.snapshotAndReset();
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.percentile(0.5)).isCloseTo(500, within(25.0));
        assertThat(s.percentile(0.99)).isCloseTo(990, within(45.0));
        assertThat(h.snapshotAndReset().count()).as("a new window starts empty").isZero();
    }

    @Test
    void emptyWindowHasNoPercentile() {
        assertThat(new LatencyHistogram().snapshotAndReset().percentile(0.99)).isNaN();
    }

    @Test
    void zeroAndNegativeLatenciesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0);
        h.record(-5);
        assertThat(h.snapshotAndReset().percentile(1.0)).isZero();
    }
}
