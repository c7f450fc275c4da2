package io.mirador.replicator.engine;

import java.util.List;

/**
 * A route's state (STARTING, RUNNING, PAUSED, STOPPED, FAILED), totals over its partitions, and the partitions.
 * Latencies are of the last metrics window, NaN when nothing was copied in it. {@code lostRecords}: source
 * records deleted before they could be copied; {@code stalls}: times the watchdog found a partition or target
 * topic stalled; both since the route started in this process.
 */
public record RouteStatus(String route, String state, String error, long lag, double recordsPerSecond,
                          double bytesPerSecond, double latencyP50Ms, double latencyP99Ms, long copiedRecords,
                          List<PartitionStatus> partitions, long lostRecords, long stalls) {

    public RouteStatus(String route, String state, String error, long lag, double recordsPerSecond,
                       double bytesPerSecond, double latencyP50Ms, double latencyP99Ms, long copiedRecords,
                       List<PartitionStatus> partitions) {
        this(route, state, error, lag, recordsPerSecond, bytesPerSecond, latencyP50Ms, latencyP99Ms, copiedRecords,
                partitions, 0, 0);
    }
}
