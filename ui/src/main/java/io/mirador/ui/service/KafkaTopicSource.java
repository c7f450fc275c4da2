package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.TopicSummary;
import io.mirador.cluster.topic.TopicListing;

/** Topics of sandbox clusters through the shared {@link ClusterClient}s. Thread-safe. */
public final class KafkaTopicSource implements TopicSource {

    private final ClusterClients clients;

    public KafkaTopicSource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public List<TopicSummary> topics(String cluster) {
        return TopicListing.list(clients.client(cluster), true);
    }
}
