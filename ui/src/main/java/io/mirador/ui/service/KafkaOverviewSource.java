package io.mirador.ui.service;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.broker.ClusterSummary;
import io.mirador.cluster.broker.ClusterSummaryLoader;

/** Cluster summaries of sandbox clusters through the shared {@link ClusterClient}s. Thread-safe. */
public final class KafkaOverviewSource implements OverviewSource {

    private final ClusterClients clients;

    public KafkaOverviewSource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public ClusterSummary summary(String cluster) {
        return new ClusterSummaryLoader(clients.client(cluster)).load();
    }
}
