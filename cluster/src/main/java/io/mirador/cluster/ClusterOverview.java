package io.mirador.cluster;

import java.util.List;

/** What a cluster says about itself: its id, current controller and live brokers, sorted by id. */
public record ClusterOverview(String clusterId, int controllerId, List<BrokerNode> brokers) {

    public ClusterOverview {
        brokers = List.copyOf(brokers);
    }
}
