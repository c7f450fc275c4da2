package io.mirador.ui.service;

import java.util.List;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.group.ConsumerGroups;
import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupSummary;

/** Consumer groups of sandbox clusters through the shared {@link ClusterClient}s. Thread-safe. */
public final class KafkaGroupSource implements GroupSource {

    private final ClusterClients clients;

    public KafkaGroupSource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public List<GroupSummary> groups(String cluster) {
        return new ConsumerGroups(clients.client(cluster)).list();
    }

    @Override
    public GroupDetail group(String cluster, String groupId) {
        return new ConsumerGroups(clients.client(cluster)).describe(groupId);
    }
}
