package io.mirador.cluster.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;

import io.mirador.cluster.topic.TopicRates.Snapshot;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicRatesTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void sumsGrowthOverPartitionsPerSecond() {
        Snapshot before = new Snapshot(0, Map.of(A0, 100L, A1, 0L, B0, 7L));
        Snapshot after = new Snapshot(0, Map.of(A0, 130L, A1, 20L, B0, 7L));

        Map<String, Double> rates = TopicRates.rates(before, after, Duration.ofSeconds(5));

        assertThat(rates).containsOnlyKeys("a", "b");
        assertThat(rates.get("a")).isCloseTo(10.0, within(1e-9));
        assertThat(rates.get("b")).isZero();
    }

    @Test
    void usesSnapshotTimesByDefault() {
        Snapshot before = new Snapshot(1_000_000_000L, Map.of(A0, 0L));
        Snapshot after = new Snapshot(1_500_000_000L, Map.of(A0, 10L));

        assertThat(TopicRates.rates(before, after).get("a")).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void recreatedAndNewPartitionsDoNotSkewRates() {
        Snapshot before = new Snapshot(0, Map.of(A0, 500L));
        Snapshot after = new Snapshot(0, Map.of(A0, 3L, A1, 1000L, B0, 50L));

        Map<String, Double> rates = TopicRates.rates(before, after, Duration.ofSeconds(1));

        assertThat(rates).containsExactly(Map.entry("a", 0.0));
    }

    @Test
    void refusesNonPositiveElapsedTime() {
        Snapshot s = new Snapshot(0, Map.of());
        assertThatThrownBy(() -> TopicRates.rates(s, s, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }
}
