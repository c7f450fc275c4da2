package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.broker.BrokerConfigs;
import io.mirador.cluster.broker.LogDirUsage;
import io.mirador.cluster.topic.ConfigValue;

/**
 * Broker configs and log dirs through the shared {@link ClusterClient}s. Reads use the plain client; writes the
 * writable one, so a read-only connection refuses them here too, whatever the page allowed. Thread-safe.
 */
public final class KafkaBrokerSource implements BrokerSource {

    private final ClusterClients clients;

    public KafkaBrokerSource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public List<LogDirUsage> logDirs(String cluster) {
        return LogDirUsage.load(clients.client(cluster));
    }

    @Override
    public List<ConfigValue> configs(String cluster, int brokerId) {
        return new BrokerConfigs(clients.client(cluster)).list(brokerId);
    }

    @Override
    public void alterConfig(String cluster, int brokerId, String name, String value) {
        new BrokerConfigs(clients.writableClient(cluster)).alter(brokerId, name, value);
    }

    @Override
    public void resetConfig(String cluster, int brokerId, String name) {
        new BrokerConfigs(clients.writableClient(cluster)).reset(brokerId, name);
    }
}
