package io.mirador.ui.service;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.NoAuthorizerException;
import io.mirador.cluster.acl.QuotaEntity;

/**
 * ACLs and client quotas of a cluster. Blocking: call from worker threads only. ACL calls throw
 * {@link NoAuthorizerException} on a cluster without authorizer; quota calls work on every cluster.
 */
public interface SecuritySource {

    /** Every ACL of {@code cluster}, sorted by resource, then principal. */
    List<AclEntry> acls(String cluster);

    void createAcl(String cluster, AclEntry entry);

    /** Deletes exactly these bindings; returns how many existed and were deleted. */
    int deleteAcls(String cluster, Collection<AclEntry> entries);

    /** Every user and client-id quota of {@code cluster}, sorted by user, then client id. */
    List<ClientQuota> quotas(String cluster);

    /** Sets {@code limits} and removes the keys in {@code removed}; other keys of the entity stay. */
    void alterQuota(String cluster, QuotaEntity entity, Map<String, Double> limits, Collection<String> removed);

    /** Removes every limit of the entity. */
    void deleteQuota(String cluster, QuotaEntity entity);
}
