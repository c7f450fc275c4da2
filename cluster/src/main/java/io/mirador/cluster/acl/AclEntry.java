package io.mirador.cluster.acl;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One ACL as people read it: who ({@code principal}, e.g. {@code User:alice}, from {@code host} or {@code *}) is
 * allowed or denied which {@code operation} on which resource (type, name, and whether the name is literal or a
 * prefix). Validated so that it always names one exact binding Kafka can store.
 */
public record AclEntry(String principal, String host, AclOperation operation, AclPermissionType permission,
                       ResourceType resourceType, String resourceName, PatternType patternType) {

    public static final String ANY_HOST = "*";
    /** The name of the single cluster resource Kafka's ACLs use. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    public AclEntry {
        if (principal == null || principal.indexOf(':') <= 0 || principal.endsWith(":")) {
            throw new IllegalArgumentException("invalid principal '" + principal
                    + "': use Type:name, for example User:alice (User:* for everyone)");
        }
        host = host == null || host.isBlank() ? ANY_HOST : host.trim();
        require(operation, "operation", operation != AclOperation.ANY && operation != AclOperation.UNKNOWN);
        require(permission, "permission", permission == AclPermissionType.ALLOW || permission == AclPermissionType.DENY);
        require(resourceType, "resource type", resourceType != ResourceType.ANY && resourceType != ResourceType.UNKNOWN);
        require(patternType, "pattern type", patternType == PatternType.LITERAL || patternType == PatternType.PREFIXED);
        if (resourceName == null || resourceName.isEmpty()) {
            throw new IllegalArgumentException("an ACL needs a resource name (" + CLUSTER_NAME
                    + " for the cluster, * for every resource of a type)");
        }
    }

    /** An ALLOW entry from any host on a literal resource name. */
    public static AclEntry allow(String principal, AclOperation operation, ResourceType type, String name) {
        return new AclEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW, type, name, PatternType.LITERAL);
    }

    public static AclEntry from(AclBinding binding) {
        AccessControlEntry e = binding.entry();
        ResourcePattern p = binding.pattern();
        return new AclEntry(e.principal(), e.host(), e.operation(), e.permissionType(), p.resourceType(), p.name(),
                p.patternType());
    }

    public AclBinding toBinding() {
        return new AclBinding(new ResourcePattern(resourceType, resourceName, patternType),
                new AccessControlEntry(principal, host, operation, permission));
    }

    /** One line, e.g. {@code ALLOW User:alice from * to READ TOPIC orders (LITERAL)}. */
    public String describe() {
        return permission + " " + principal + " from " + host + " to " + operation + " " + resourceType + " "
                + resourceName + " (" + patternType + ")";
    }

    private static void require(Object value, String what, boolean valid) {
        if (value == null || !valid) {
            throw new IllegalArgumentException("invalid " + what + " " + value + " for an ACL");
        }
    }
}
