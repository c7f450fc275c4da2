package io.mirador.ui.page.security;

import java.util.List;
import java.util.Objects;

import io.mirador.cluster.acl.AclEntry;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The fields of a new ACL while someone fills them in, and whether they make one (validation is
 * {@link AclEntry}'s own, so the form and Kafka agree). UI thread only; holds no Node.
 */
public final class AclDraft {

    /** Choices that make sense in a form: the ANY, UNKNOWN and MATCH values only exist for filters. */
    public static final List<ResourceType> RESOURCE_TYPES = List.of(ResourceType.TOPIC, ResourceType.GROUP,
            ResourceType.CLUSTER, ResourceType.TRANSACTIONAL_ID, ResourceType.DELEGATION_TOKEN, ResourceType.USER);
    public static final List<PatternType> PATTERN_TYPES = List.of(PatternType.LITERAL, PatternType.PREFIXED);
    public static final List<AclOperation> OPERATIONS = List.of(AclOperation.ALL, AclOperation.READ,
            AclOperation.WRITE, AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER, AclOperation.DESCRIBE,
            AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
            AclOperation.IDEMPOTENT_WRITE, AclOperation.CREATE_TOKENS, AclOperation.DESCRIBE_TOKENS,
            AclOperation.TWO_PHASE_COMMIT);
    public static final List<AclPermissionType> PERMISSIONS = List.of(AclPermissionType.ALLOW, AclPermissionType.DENY);

    private final StringProperty principal = new SimpleStringProperty(this, "principal", "User:");
    private final StringProperty host = new SimpleStringProperty(this, "host", AclEntry.ANY_HOST);
    private final ObjectProperty<ResourceType> resourceType =
            new SimpleObjectProperty<>(this, "resourceType", ResourceType.TOPIC);
    private final StringProperty resourceName = new SimpleStringProperty(this, "resourceName", "");
    private final ObjectProperty<PatternType> patternType =
            new SimpleObjectProperty<>(this, "patternType", PatternType.LITERAL);
    private final ObjectProperty<AclOperation> operation =
            new SimpleObjectProperty<>(this, "operation", AclOperation.READ);
    private final ObjectProperty<AclPermissionType> permission =
            new SimpleObjectProperty<>(this, "permission", AclPermissionType.ALLOW);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    public AclDraft() {
        for (Observable field : List.of(principal, host, resourceType, resourceName, patternType, operation,
                permission)) {
            field.addListener(o -> validate());
        }
        // The cluster resource has exactly one name; choosing the type fills it in.
        resourceType.addListener((obs, old, now) -> {
            if (now == ResourceType.CLUSTER) {
                resourceName.set(AclEntry.CLUSTER_NAME);
            } else if (AclEntry.CLUSTER_NAME.equals(resourceName.get())) {
                resourceName.set("");
            }
        });
        validate();
    }

    public StringProperty principalProperty() {
        return principal;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public ObjectProperty<ResourceType> resourceTypeProperty() {
        return resourceType;
    }

    public StringProperty resourceNameProperty() {
        return resourceName;
    }

    public ObjectProperty<PatternType> patternTypeProperty() {
        return patternType;
    }

    public ObjectProperty<AclOperation> operationProperty() {
        return operation;
    }

    public ObjectProperty<AclPermissionType> permissionProperty() {
        return permission;
    }

    /** Why these fields make no ACL, in a sentence; empty when they do. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * The ACL these fields describe.
     *
     * @throws IllegalArgumentException with the reason when they describe none
     */
    public AclEntry toEntry() {
        return new AclEntry(trim(principal.get()), trim(host.get()), operation.get(), permission.get(),
                resourceType.get(), trim(resourceName.get()), patternType.get());
    }

    private void validate() {
        try {
            toEntry();
            problem.set("");
        } catch (IllegalArgumentException e) {
            String message = Objects.requireNonNullElse(e.getMessage(), "invalid ACL");
            problem.set(Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
