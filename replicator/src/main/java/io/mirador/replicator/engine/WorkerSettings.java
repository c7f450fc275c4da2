package io.mirador.replicator.engine;

import java.util.Map;

/**
 * What a worker needs to know about its route: where to read and write, and how. Immutable.
 *
 * @param sourceClusterId  written into the provenance header
 * @param stopOnDataLoss   the route's policy when the source deleted records before they were copied: stop the
 *                         partition, or (false) report the gap and go on from the source's first record
 * @param targetClusterId  with the target topic, the hop a record must not have been in to be copied
 * @param directRoutes     whether another route copies records of a given origin cluster (hash) and topic
 *                         straight into this route's target: such records are that route's to copy (a mesh)
 * @param exactlyOnce      copy with one transactional producer per partition ({@link ExactlyOnceWorker})
 * @param transactionIntervalMs, transactionMaxRecords when an exactly-once transaction commits
 */
record WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                      Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                      long checkpointIntervalMs, boolean stopOnDataLoss, String targetClusterId,
                      DirectRoutes directRoutes, boolean exactlyOnce, long transactionIntervalMs,
                      int transactionMaxRecords) {

    /** At-least-once settings without a loop guard's target (tests). */
    WorkerSettings(String route, int workerId, Map<String, Object> sourceClientProps,
                   Map<String, Object> targetClientProps, String sourceClusterId, boolean provenanceHeader,
                   long checkpointIntervalMs, boolean stopOnDataLoss) {
        this(route, workerId, sourceClientProps, targetClientProps, sourceClusterId, provenanceHeader,
                checkpointIntervalMs, stopOnDataLoss, null, DirectRoutes.NONE, false,
                EngineSettings.TRANSACTION_INTERVAL_MS, EngineSettings.TRANSACTION_MAX_RECORDS);
    }

    /** Whether a route copies records from the origin cluster (murmur2 hash of its id) of a topic into the target. */
    interface DirectRoutes {
        DirectRoutes NONE = (originCluster, topic) -> false;

        boolean exists(int originCluster, String topic);
    }
}
