package io.mirador.cluster.acl;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Lists, creates and deletes ACLs through a {@link ClusterClient}'s Admin. Blocking, within the client's timeout;
 * run off the UI thread. On a cluster without authorizer every call throws {@link NoAuthorizerException}.
 * Brokers learn new ACLs through the metadata log, so a listing right after a change may lag briefly.
 */
public final class AclAdmin {

    private static final Comparator<AclEntry> ORDER = Comparator
            .comparing((AclEntry e) -> e.resourceType().name())
            .thenComparing(AclEntry::resourceName)
            .thenComparing(e -> e.patternType().name())
            .thenComparing(AclEntry::principal)
            .thenComparing(AclEntry::host)
            .thenComparing(e -> e.operation().name())
            .thenComparing(e -> e.permission().name());

    private final ClusterClient client;

    public AclAdmin(ClusterClient client) {
        this.client = client;
    }

    /** Every ACL of the cluster, sorted by resource, then principal. */
    public List<AclEntry> list() {
        return list(AclBindingFilter.ANY);
    }

    /** The ACLs matching {@code filter}, sorted by resource, then principal. */
    public List<AclEntry> list(AclBindingFilter filter) {
        Collection<AclBinding> bindings = AdminCalls.await(client, client.admin().describeAcls(filter).values(),
                "list ACLs", "DESCRIBE on the cluster");
        return bindings.stream().map(AclEntry::from).sorted(ORDER).toList();
    }

    public void create(AclEntry entry) {
        create(List.of(entry));
    }

    /** Creates every entry (creating an existing one is harmless). */
    public void create(Collection<AclEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<AclBinding> bindings = entries.stream().map(AclEntry::toBinding).toList();
        AdminCalls.await(client, client.admin().createAcls(bindings).all(),
                entries.size() == 1 ? "create ACL " + entries.iterator().next().describe() : "create " + entries.size() + " ACLs",
                "ALTER on the cluster");
    }

    /**
     * Deletes exactly this binding (a literal name matches only itself, not prefixes or wildcards).
     *
     * @return how many ACLs were deleted: 1, or 0 when it did not exist
     */
    public int delete(AclEntry entry) {
        DeleteAclsResult result = client.admin().deleteAcls(List.of(entry.toBinding().toFilter()));
        Collection<AclBinding> deleted = AdminCalls.await(client, result.all(), "delete ACL " + entry.describe(),
                "ALTER on the cluster");
        return deleted.size();
    }
}
