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
    public static final String PARTITION_STUCK = "partition-stuck";
    public static final String ERROR = "error";

    public static ReplicationEvent info(String route, String kind, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, kind, "INFO", message);
    }

    public static ReplicationEvent warn(String route, String kind, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, kind, "WARN", message);
    }

    public static ReplicationEvent error(String route, String message) {
        return new ReplicationEvent(0, System.currentTimeMillis(), route, ERROR, "ERROR", message);
    }
}
