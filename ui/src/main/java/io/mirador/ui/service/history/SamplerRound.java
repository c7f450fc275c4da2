package io.mirador.ui.service.history;

/**
 * What one {@link ClusterSampler} round did, summed over clusters; the benchmark prints it, tests check it.
 *
 * @param clusters       clusters asked for (available when the round began)
 * @param failedClusters clusters skipped because a call failed
 * @param topics         topics read
 * @param partitions     partitions whose latest offset was read
 * @param groups         consumer groups read
 * @param adminRequests  requests the Admin clients sent during the round (their {@code request-total} metric,
 *                       so a client shared with pages also counts the pages' requests)
 * @param samples        metric samples written
 * @param elapsedMs      wall time of the round, store writes included
 */
public record SamplerRound(int clusters, int failedClusters, int topics, int partitions, int groups,
                           long adminRequests, int samples, long elapsedMs) {
}
