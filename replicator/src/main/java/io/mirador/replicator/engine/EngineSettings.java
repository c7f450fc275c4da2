package io.mirador.replicator.engine;

/**
 * Engine-wide timings. Defaults suit production; tests shorten them.
 *
 * @param discoveryIntervalMs how often each route looks for new topics and partitions (default 10 s)
 * @param checkpointIntervalMs how often workers write checkpoints; bounds duplicates after a crash (1 s)
 * @param metricsIntervalMs how often rates and latencies are computed and sampled to history (5 s)
 * @param stuckAfterMs a partition with lag and no progress for this long is moved to another worker (60 s)
 * @param overloadFactor a worker above this multiple of the mean load gives partitions away (1.5)
 * @param groupSyncIntervalMs how often consumer group positions are translated to the target (5 s)
 * @param offsetMapRetentionMs how long the offset mapping keeps a segment nobody extends (7 days): translation is
 *                             exact inside that window
 * @param transactionIntervalMs exactly-once routes: a work unit's transaction commits at most this long after its
 *                              first record (100 ms); bounds the latency a read_committed reader of the target sees
 * @param transactionMaxRecords exactly-once routes: a transaction commits once it holds this many records (5,000)
 */
public record EngineSettings(long discoveryIntervalMs, long checkpointIntervalMs, long metricsIntervalMs,
                             long stuckAfterMs, double overloadFactor, long groupSyncIntervalMs,
                             long offsetMapRetentionMs, long transactionIntervalMs, int transactionMaxRecords) {

    public static final long GROUP_SYNC_INTERVAL_MS = 5_000;
    public static final long OFFSET_MAP_RETENTION_MS = 7L * 24 * 3600 * 1000;
    public static final long TRANSACTION_INTERVAL_MS = 100;
    public static final int TRANSACTION_MAX_RECORDS = 5_000;

    public EngineSettings(long discoveryIntervalMs, long checkpointIntervalMs, long metricsIntervalMs,
                          long stuckAfterMs, double overloadFactor, long groupSyncIntervalMs,
                          long offsetMapRetentionMs) {
        this(discoveryIntervalMs, checkpointIntervalMs, metricsIntervalMs, stuckAfterMs, overloadFactor,
                groupSyncIntervalMs, offsetMapRetentionMs, TRANSACTION_INTERVAL_MS, TRANSACTION_MAX_RECORDS);
    }

    public EngineSettings(long discoveryIntervalMs, long checkpointIntervalMs, long metricsIntervalMs,
                          long stuckAfterMs, double overloadFactor) {
        this(discoveryIntervalMs, checkpointIntervalMs, metricsIntervalMs, stuckAfterMs, overloadFactor,
                GROUP_SYNC_INTERVAL_MS, OFFSET_MAP_RETENTION_MS);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(10_000, 1_000, 5_000, 60_000, 1.5);
    }

    public EngineSettings withGroupSyncIntervalMs(long ms) {
        return new EngineSettings(discoveryIntervalMs, checkpointIntervalMs, metricsIntervalMs, stuckAfterMs,
                overloadFactor, ms, offsetMapRetentionMs, transactionIntervalMs, transactionMaxRecords);
    }

    /** The same settings with exactly-once transactions committed every {@code intervalMs} or {@code maxRecords}. */
    public EngineSettings withTransactions(long intervalMs, int maxRecords) {
        return new EngineSettings(discoveryIntervalMs, checkpointIntervalMs, metricsIntervalMs, stuckAfterMs,
                overloadFactor, groupSyncIntervalMs, offsetMapRetentionMs, intervalMs, maxRecords);
    }
}
