package io.mirador.ui.service.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mirador.cluster.ClusterException;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.Test;

/** The sampler's bookkeeping, without Kafka: clusters that fail, downsampling's pace, the route key. */
class ClusterSamplerUnitTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Long> downsamples = new ArrayList<>();
    private final ReplicationStore store = (ReplicationStore) Proxy.newProxyInstance(
            ReplicationStore.class.getClassLoader(), new Class<?>[] {ReplicationStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("downsample")) {
                    downsamples.add((Long) args[0]);
                }
                return null;
            });

    @Test
    void aClusterThatFailsIsSkippedAndCounted() {
        ClusterSampler sampler = new ClusterSampler(() -> List.of("a", "b"), name -> {
            throw new ClusterException("cluster " + name + " is not running", null);
        }, () -> store, Duration.ofSeconds(10), clock);

        SamplerRound round = sampler.sampleOnce();

        assertThat(round.clusters()).isEqualTo(2);
        assertThat(round.failedClusters()).isEqualTo(2);
        assertThat(round.samples()).isZero();
        assertThat(round.adminRequests()).isZero();
    }

    @Test
    void downsamplesAtMostOnceAMinute() {
        ClusterSampler sampler = new ClusterSampler(List::of, name -> null, () -> store, Duration.ofSeconds(10), clock);
        long start = clock.millis();

        sampler.sampleOnce();
        clock.millis += 10_000;
        sampler.sampleOnce();
        clock.millis += 49_999;
        sampler.sampleOnce();
        clock.millis += 1;
        sampler.sampleOnce();

        assertThat(downsamples).containsExactly(start, start + 60_000);
    }

    @Test
    void aStoreThatFailsDoesNotFailTheRound() {
        ClusterSampler sampler = new ClusterSampler(List::of, name -> null, () -> {
            throw new IllegalStateException("disk full");
        }, Duration.ofSeconds(10), clock);

        assertThat(sampler.sampleOnce().clusters()).isZero();
    }

    @Test
    void pointsOfAClusterLiveUnderItsOwnRouteKey() {
        assertThat(ClusterSampler.route("local-a")).isEqualTo("cluster:local-a");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new ClusterSampler(List::of, name -> null, () -> store, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClusterSampler(List::of, name -> null, () -> store).interval())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void closeBeforeStartIsHarmlessAndStartAfterCloseDoesNothing() {
        ClusterSampler sampler = new ClusterSampler(List::of, name -> null, () -> store, Duration.ofSeconds(10), clock);
        sampler.close();
        sampler.start();
        assertThat(sampler.isRunning()).isFalse();
    }
}
