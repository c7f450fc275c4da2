package io.mirador.replicator.engine;

import java.util.Map;

/**
 * What a worker needs to know about its route: where to read and write, and how. Immutable.
 *
 * @param sourceClusterId  written into the provenance header
 * @param stopOnDataLoss   the route's policy when the source deleted records before they were copied: stop the
 *                         partition, or (false) report the gap and go on from the source's first record
 * @param exactlyOnce      copy with one transactional producer per partition ({@link ExactlyOnceWorker})
 * @param transactionIntervalMs, transactionMaxRecords when an exactly-once transaction commits
 */
record WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                      Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                      long checkpointIntervalMs, boolean stopOnDataLoss, boolean exactlyOnce,
                      long transactionIntervalMs, int transactionMaxRecords) {

    /** At-least-once settings. */
    WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                   Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                   long checkpointIntervalMs, boolean stopOnDataLoss) {
        this(route, workerId, sourceClientProps, targetClientProps, sourceClusterId, provenanceHeader,
                checkpointIntervalMs, stopOnDataLoss, false, EngineSettings.TRANSACTION_INTERVAL_MS,
                EngineSettings.TRANSACTION_MAX_RECORDS);
    }
}
