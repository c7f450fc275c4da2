package io.mirador.replicator.state;

/**
 * An entry of the event log. {@code id} is assigned by the store (0 before saving); {@code route} may be null
 * for engine-wide events. Kinds are the constants below; {@code level} is INFO, WARN or ERROR.
 */
public record ReplicationEvent(long id, long timestampMs, String route, String kind, String level, String message) {

    public static final String ROUTE_STARTED = "route-started";
    public static final String ROUTE_STOPPED = "route-stopped";
    public static final String ROUTE_PAUSED = "route-paused";
    public static final String ROUTE_RESUMED = "route-resumed";
    public static final String TOPIC_ADDED = "topic-added";
    public static final String TOPIC_CREATED = "topic-created";
    public static final String PARTITIONS_ADDED = "partitions-added";
    public static final String CONFIG_SYNCED = "config-synced";
    public static final String PARTITION_MOVED = "partition-moved";
    /** A partition with lag made no progress for {@code stuck.after.ms}; its worker is rebuilt from its checkpoints. */
    public static final String PARTITION_STALLED = "partition-stalled";
    /** Source records were deleted (retention, deleteRecords) before they could be copied: a reported gap. */
    public static final String DATA_LOSS = "data-loss";
    /** The source log was truncated below records already copied (an unclean leader election, say). */
    public static final String SOURCE_TRUNCATED = "source-truncated";
    /** A stored checkpoint was not applied: it belongs to another cluster or to an earlier topic of that name. */
    public static final String CHECKPOINT_IGNORED = "checkpoint-ignored";
    /** A topic was deleted and recreated under the same name while the route ran. */
    public static final String TOPIC_RECREATED = "topic-recreated";
    /** The route stopped for good on an error it cannot work around (a state store that cannot be written). */
    public static final String ROUTE_FAILED = "route-failed";
    /** A failover or failback of the route. */
    public static final String FAILOVER = "failover";
    public static final String ERROR = "error";

    public static ReplicationEvent info(String route, String kind, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, kind, "INFO", message);
    }

    public static ReplicationEvent warn(String route, String kind, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, kind, "WARN", message);
    }

    public static ReplicationEvent error(String route, String kind, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, kind, "ERROR", message);
    }

    public static ReplicationEvent error(String route, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, ERROR, "ERROR", message);
    }
}
