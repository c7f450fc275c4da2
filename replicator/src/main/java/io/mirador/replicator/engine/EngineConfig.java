package io.mirador.replicator.engine;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Engine-wide settings from a properties file ({@code mirador replicator --config FILE}), Kafka style: each key a
 * constant with doc and default, validated once; unknown keys are refused so that typos do not pass silently.
 */
public final class EngineConfig extends AbstractConfig {

    public static final String DISCOVERY_INTERVAL_MS = "discovery.interval.ms";
    public static final String DISCOVERY_INTERVAL_MS_DOC = "How often each route looks for new topics and partitions.";
    public static final String CHECKPOINT_INTERVAL_MS = "checkpoint.interval.ms";
    public static final String CHECKPOINT_INTERVAL_MS_DOC = "How often workers write checkpoints; bounds duplicates after a crash.";
    public static final String METRICS_INTERVAL_MS = "metrics.interval.ms";
    public static final String METRICS_INTERVAL_MS_DOC = "Length of a metrics window: rates and latency percentiles are computed and sampled to history.";
    public static final String STUCK_AFTER_MS = "stuck.after.ms";
    public static final String STUCK_AFTER_MS_DOC = "A partition with lag and no progress for this long is moved to another worker.";
    public static final String OVERLOAD_FACTOR = "overload.factor";
    public static final String OVERLOAD_FACTOR_DOC = "A worker carrying more than this multiple of the mean load gives partitions away.";

    public static final String GROUP_SYNC_INTERVAL_MS = "group.sync.interval.ms";
    public static final String GROUP_SYNC_INTERVAL_MS_DOC = "How often consumer group positions on mirrored topics are translated and written to the target.";
    public static final String OFFSET_MAP_RETENTION_MS = "offset.map.retention.ms";
    public static final String OFFSET_MAP_RETENTION_MS_DOC = "Retention of the offset-mapping topic on each target: translation is exact for positions inside it.";

    public static final String TRANSACTION_INTERVAL_MS = "exactly.once.commit.interval.ms";
    public static final String TRANSACTION_INTERVAL_MS_DOC = "Exactly-once routes: a work unit (one source partition) commits its"
            + " transaction at most this long after the transaction's first record. Records become visible to read_committed"
            + " readers of the target only at the commit, so this bounds the latency the mode adds.";
    public static final String TRANSACTION_MAX_RECORDS = "exactly.once.commit.max.records";
    public static final String TRANSACTION_MAX_RECORDS_DOC = "Exactly-once routes: a work unit commits its transaction as soon"
            + " as it holds this many records, whichever of this and " + TRANSACTION_INTERVAL_MS + " comes first.";

    private static final EngineSettings DEFAULTS = EngineSettings.defaults();
    static final ConfigDef DEF = new ConfigDef()
            .define(DISCOVERY_INTERVAL_MS, Type.LONG, DEFAULTS.discoveryIntervalMs(), Range.atLeast(100), Importance.MEDIUM, DISCOVERY_INTERVAL_MS_DOC)
            .define(CHECKPOINT_INTERVAL_MS, Type.LONG, DEFAULTS.checkpointIntervalMs(), Range.atLeast(10), Importance.MEDIUM, CHECKPOINT_INTERVAL_MS_DOC)
            .define(METRICS_INTERVAL_MS, Type.LONG, DEFAULTS.metricsIntervalMs(), Range.atLeast(100), Importance.LOW, METRICS_INTERVAL_MS_DOC)
            .define(STUCK_AFTER_MS, Type.LONG, DEFAULTS.stuckAfterMs(), Range.atLeast(1000), Importance.LOW, STUCK_AFTER_MS_DOC)
            .define(OVERLOAD_FACTOR, Type.DOUBLE, DEFAULTS.overloadFactor(), Range.atLeast(1.0), Importance.LOW, OVERLOAD_FACTOR_DOC)
            .define(GROUP_SYNC_INTERVAL_MS, Type.LONG, DEFAULTS.groupSyncIntervalMs(), Range.between(100, 5_000), Importance.LOW, GROUP_SYNC_INTERVAL_MS_DOC)
            .define(OFFSET_MAP_RETENTION_MS, Type.LONG, DEFAULTS.offsetMapRetentionMs(), Range.atLeast(60_000), Importance.LOW, OFFSET_MAP_RETENTION_MS_DOC)
            .define(TRANSACTION_INTERVAL_MS, Type.LONG, DEFAULTS.transactionIntervalMs(), Range.between(1, 60_000), Importance.LOW, TRANSACTION_INTERVAL_MS_DOC)
            .define(TRANSACTION_MAX_RECORDS, Type.INT, DEFAULTS.transactionMaxRecords(), Range.between(1, 1_000_000), Importance.LOW, TRANSACTION_MAX_RECORDS_DOC);

    public EngineConfig(Map<?, ?> props) {
        super(DEF, props, false);
        for (Object key : props.keySet()) {
            if (!DEF.names().contains(String.valueOf(key))) {
                throw new org.apache.kafka.common.config.ConfigException(String.valueOf(key), props.get(key),
                        "unknown setting; known: " + DEF.names());
            }
        }
    }

    public EngineSettings settings() {
        return new EngineSettings(getLong(DISCOVERY_INTERVAL_MS), getLong(CHECKPOINT_INTERVAL_MS),
                getLong(METRICS_INTERVAL_MS), getLong(STUCK_AFTER_MS), getDouble(OVERLOAD_FACTOR),
                getLong(GROUP_SYNC_INTERVAL_MS), getLong(OFFSET_MAP_RETENTION_MS), getLong(TRANSACTION_INTERVAL_MS),
                getInt(TRANSACTION_MAX_RECORDS));
    }
}
