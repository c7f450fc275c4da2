package io.mirador.ui.service;

import java.util.HashMap;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;

/**
 * One {@link ClusterClient} per running sandbox cluster, shared by the services that talk to clusters. A
 * client is replaced when its cluster's address changes (a restarted sandbox cluster gets new ports).
 * Thread-safe.
 */
public final class ClusterClients implements AutoCloseable {

    private final SandboxService sandbox;
    private final Map<String, ClusterClient> clients = new HashMap<>();

    public ClusterClients(SandboxService sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * The client of {@code cluster}, created or replaced as needed.
     *
     * @throws ClusterException when the cluster is not running
     */
    public ClusterClient client(String cluster) {
        String bootstrap = sandbox.bootstrapServers(cluster)
                .orElseThrow(() -> new ClusterException("cluster " + cluster + " is not running", null));
        return client(cluster, bootstrap);
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
