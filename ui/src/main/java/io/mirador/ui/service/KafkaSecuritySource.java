package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.acl.AclAdmin;
import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.QuotaAdmin;
import io.mirador.cluster.acl.QuotaEntity;

/**
 * ACLs and quotas through the shared {@link ClusterClient}s. Reads use the plain client; writes the writable one,
 * so a read-only connection refuses them here too, whatever the page allowed. Thread-safe.
 */
public final class KafkaSecuritySource implements SecuritySource {

    private final ClusterClients clients;

    public KafkaSecuritySource(ClusterClients clients) {
        this.clients = clients;
    }

    @Override
    public List<AclEntry> acls(String cluster) {
        return new AclAdmin(clients.client(cluster)).list();
    }

    @Override
    public void createAcl(String cluster, AclEntry entry) {
        new AclAdmin(clients.writableClient(cluster)).create(entry);
    }

    @Override
    public int deleteAcls(String cluster, Collection<AclEntry> entries) {
        AclAdmin admin = new AclAdmin(clients.writableClient(cluster));
        int deleted = 0;
        for (AclEntry entry : entries) {
            deleted += admin.delete(entry);
        }
        return deleted;
    }

    @Override
    public List<ClientQuota> quotas(String cluster) {
        return new QuotaAdmin(clients.client(cluster)).list();
    }

    @Override
    public void alterQuota(String cluster, QuotaEntity entity, Map<String, Double> limits, Collection<String> removed) {
        QuotaAdmin admin = new QuotaAdmin(clients.writableClient(cluster));
        admin.alter(entity, limits);
        admin.delete(entity, removed);
    }

    @Override
    public void deleteQuota(String cluster, QuotaEntity entity) {
        new QuotaAdmin(clients.writableClient(cluster)).delete(entity);
    }
}
