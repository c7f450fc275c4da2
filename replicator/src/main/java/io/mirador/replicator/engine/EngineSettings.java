package io.mirador.replicator.engine;

/**
 * Engine-wide timings. Defaults suit production; tests shorten them.
 *
 * @param discoveryIntervalMs how often each route looks for new topics and partitions (default 10 s)
 * @param checkpointIntervalMs how often workers write checkpoints; bounds duplicates after a crash (1 s)
 * @param metricsIntervalMs how often rates and latencies are computed and sampled to history (5 s)
 * @param stuckAfterMs a partition with lag and no progress for this long is moved to another worker (60 s)
 * @param overloadFactor a worker above this multiple of the mean load gives partitions away (1.5)
 */
public record EngineSettings(long discoveryIntervalMs, long checkpointIntervalMs, long metricsIntervalMs,
                             long stuckAfterMs, double overloadFactor) {

    public static EngineSettings defaults() {
        return new EngineSettings(10_000, 1_000, 5_000, 60_000, 1.5);
    }
}
