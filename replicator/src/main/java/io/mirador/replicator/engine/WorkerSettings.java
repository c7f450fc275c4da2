package io.mirador.replicator.engine;

import java.util.Map;

/**
 * What a worker needs to know about its route: where to read and write, and how. Immutable.
 *
 * @param sourceClusterId written into the provenance header
 */
record WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                      Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                      long checkpointIntervalMs) {
}
