package io.mirador.ui.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.topic.TopicListing;
import io.mirador.cluster.TopicSummary;

/**
 * Topics of sandbox clusters through {@link ClusterClient}. Keeps one client per cluster, replaced when the
 * cluster's address changes (a restarted sandbox cluster gets new ports). Thread-safe.
 */
public final class KafkaTopicSource implements TopicSource, AutoCloseable {

    private final SandboxService sandbox;
    private final Map<String, ClusterClient> clients = new HashMap<>();

    public KafkaTopicSource(SandboxService sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public List<TopicSummary> topics(String cluster) {
        String bootstrap = sandbox.bootstrapServers(cluster)
                .orElseThrow(() -> new ClusterException("cluster " + cluster + " is not running", null));
        return TopicListing.list(client(cluster, bootstrap), true);
    }

    private synchronized ClusterClient client(String cluster, String bootstrap) {
        ClusterClient client = clients.get(cluster);
        if (client != null && client.connection().bootstrapServers().equals(bootstrap)) {
            return client;
        }
        if (client != null) {
            client.close();
        }
        client = new ClusterClient(new ClusterConnection(cluster, bootstrap));
        clients.put(cluster, client);
        return client;
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(ClusterClient::close);
        clients.clear();
    }
}
