package io.mirador.ui.page.security;

import java.util.List;

import io.mirador.cluster.acl.AclEntry;
import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.NoAuthorizerException;
import io.mirador.ui.service.SecuritySource;
import io.mirador.ui.task.Messages;

/**
 * One load of the ACLs & quotas page. The two halves fail independently: quotas work on clusters whose ACLs
 * cannot be read (no authorizer, not authorised), so each half carries its own failure text (empty when it
 * loaded). Immutable.
 */
record SecuritySnapshot(List<AclEntry> acls, boolean noAuthorizer, String aclFailure, List<ClientQuota> quotas,
                        String quotaFailure) {

    SecuritySnapshot {
        acls = List.copyOf(acls);
        quotas = List.copyOf(quotas);
    }

    /** Worker thread: loads both halves, each failing on its own; throws only when both fail. */
    static SecuritySnapshot load(SecuritySource source, String cluster) {
        List<AclEntry> aclList = List.of();
        boolean none = false;
        RuntimeException aclFailure = null;
        try {
            aclList = source.acls(cluster);
        } catch (NoAuthorizerException e) {
            none = true;
        } catch (RuntimeException e) {
            aclFailure = e;
        }
        List<ClientQuota> quotaList = List.of();
        RuntimeException quotaFailure = null;
        try {
            quotaList = source.quotas(cluster);
        } catch (RuntimeException e) {
            quotaFailure = e;
        }
        if (aclFailure != null && quotaFailure != null) {
            throw aclFailure;
        }
        return new SecuritySnapshot(aclList, none, aclFailure == null ? "" : Messages.oneLine(aclFailure),
                quotaList, quotaFailure == null ? "" : Messages.oneLine(quotaFailure));
    }
}
