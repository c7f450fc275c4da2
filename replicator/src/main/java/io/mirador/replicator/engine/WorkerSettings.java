package io.mirador.replicator.engine;

import java.util.Map;

/**
 * What a worker needs to know about its route: where to read and write, and how. Immutable.
 *
 * @param sourceClusterId  written into the provenance header
 * @param stopOnDataLoss   the route's policy when the source deleted records before they were copied: stop the
 *                         partition, or (false) report the gap and go on from the source's first record
 */
record WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                      Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                      long checkpointIntervalMs, boolean stopOnDataLoss) {
}
