package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.group.ConsumerGroups;
import io.mirador.cluster.group.GroupDetail;
import io.mirador.cluster.group.GroupSummary;
import io.mirador.cluster.group.OffsetChange;
import io.mirador.cluster.group.ResetSpec;

/**
 * Consumer groups of known clusters through the shared {@link ClusterClient}s. Reads use
 * {@link ClusterClients#client}; every operation of the reset/delete family uses
 * {@link ClusterClients#writableClient}, so a read-only connection is refused here even if a page forgot to
 * disable the action. Thread-safe.
 */
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

    @Override
    public List<OffsetChange> previewReset(String cluster, String groupId, Collection<String> topics, ResetSpec spec) {
        return writable(cluster).previewReset(groupId, topics, spec);
    }

    @Override
    public void applyReset(String cluster, String groupId, List<OffsetChange> preview) {
        writable(cluster).applyReset(groupId, preview);
    }

    @Override
    public void deleteGroup(String cluster, String groupId) {
        writable(cluster).delete(groupId);
    }

    @Override
    public int deleteOffsets(String cluster, String groupId, String topic) {
        return writable(cluster).deleteOffsets(groupId, topic);
    }

    private ConsumerGroups writable(String cluster) {
        return new ConsumerGroups(clients.writableClient(cluster));
    }
}
