package io.mirador.ui.service;

import java.util.HashMap;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;

/**
 * One {@link ClusterClient} per known cluster (sandbox or saved connection), shared by the services that talk
 * to clusters. A client is replaced when its connection changes: a restarted sandbox cluster gets new ports, an
 * edited connection new settings. Thread-safe.
 */
public final class ClusterClients implements AutoCloseable {

    private final Connections connections;
    private final Map<String, ClusterClient> clients = new HashMap<>();

    public ClusterClients(Connections connections) {
        this.connections = connections;
    }

    /**
     * The client of {@code cluster}, created or replaced as needed.
     *
     * @throws ClusterException when the cluster is unknown or a sandbox cluster that is not running
     */
    public ClusterClient client(String cluster) {
        return client(connections.connection(cluster));
    }

    /**
     * The connection's settings with Mirador's read-only flag checked.
     *
     * @throws ClusterException when the cluster is read-only
     */
    public ClusterClient writableClient(String cluster) {
        ClusterConnection connection = connections.connection(cluster);
        if (connection.readOnly()) {
            throw new ClusterException("connection " + cluster + " is read-only: turn that off in Connections to change it", null);
        }
        return client(connection);
    }

    private synchronized ClusterClient client(ClusterConnection connection) {
        ClusterClient client = clients.get(connection.name());
        if (client != null && client.connection().equals(connection)) {
            return client;
        }
        if (client != null) {
            client.close();
        }
        client = new ClusterClient(connection);
        clients.put(connection.name(), client);
        return client;
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(ClusterClient::close);
        clients.clear();
    }
}
