package io.mirador.ui.service;

import java.util.List;

import io.mirador.broker.BrokerInfo;
import io.mirador.broker.ClusterState;

/**
 * An immutable snapshot of one sandbox cluster, taken when its state changed. {@code failure} is null unless
 * FAILED; {@code clusterId} is null before the first start; {@code bootstrapServers} is empty unless RUNNING.
 * {@code temporaryData}: the data lives in a temporary directory deleted when the cluster stops (not on restart).
 */
public record ClusterInfo(String name, ClusterState state, String failure, String clusterId, int controllerId,
                          List<BrokerInfo> brokers, String bootstrapServers, boolean temporaryData) {

    public ClusterInfo {
        brokers = List.copyOf(brokers);
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers;
    }

    public boolean running() {
        return state == ClusterState.RUNNING;
    }
}
