package io.mirador.cluster.broker;

import java.util.List;

/**
 * The Overview page: brokers sorted by id and cluster-wide counts. Counts include internal topics
 * ({@code internalTopics} of the {@code topics}), because their partitions can be under-replicated too.
 * {@code controllerId} is the active KRaft controller (the metadata quorum's leader) when the cluster says,
 * else what DescribeCluster reports.
 * A partition is offline when it has no leader, under-replicated when its ISR is smaller than its replicas.
 */
public record ClusterSummary(String clusterId, int controllerId, List<BrokerSummary> brokers, int topics,
                             int internalTopics, int partitions, int underReplicatedPartitions,
                             int offlinePartitions, KafkaVersion version) {

    public ClusterSummary {
        brokers = List.copyOf(brokers);
    }
}
