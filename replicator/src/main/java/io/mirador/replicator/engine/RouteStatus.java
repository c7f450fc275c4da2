package io.mirador.replicator.engine;

import java.util.List;

/**
 * A route's state (STARTING, RUNNING, PAUSED, STOPPED, FAILED), totals over its partitions, and the partitions.
 * Latencies are of the last metrics window, NaN when nothing was copied in it.
 */
public record RouteStatus(String route, String state, String error, long lag, double recordsPerSecond,
                          double bytesPerSecond, double latencyP50Ms, double latencyP99Ms, long copiedRecords,
                          List<PartitionStatus> partitions) {
}
