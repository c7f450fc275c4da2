package io.mirador.cluster.acl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * Whom a client quota applies to: a user, a client id, or both. {@code null} means that part is not used;
 * {@link #DEFAULT} means the default for every user (or client id) without a quota of its own.
 */
public record QuotaEntity(String user, String clientId) {

    /** Stands for Kafka's default entity ({@code --entity-default} in kafka-configs). */
    public static final String DEFAULT = "<default>";

    public QuotaEntity {
        if (user == null && clientId == null) {
            throw new IllegalArgumentException("a quota applies to a user, a client id or both: name at least one");
        }
        if ((user != null && user.isEmpty()) || (clientId != null && clientId.isEmpty())) {
            throw new IllegalArgumentException("a quota's user or client id cannot be empty: use QuotaEntity.DEFAULT"
                    + " for the default");
        }
    }

    public static QuotaEntity user(String user) {
        return new QuotaEntity(user, null);
    }

    public static QuotaEntity clientId(String clientId) {
        return new QuotaEntity(null, clientId);
    }

    public static QuotaEntity userAndClientId(String user, String clientId) {
        return new QuotaEntity(user, clientId);
    }

    ClientQuotaEntity toKafka() {
        Map<String, String> entries = new LinkedHashMap<>();
        if (user != null) {
            entries.put(ClientQuotaEntity.USER, DEFAULT.equals(user) ? null : user);
        }
        if (clientId != null) {
            entries.put(ClientQuotaEntity.CLIENT_ID, DEFAULT.equals(clientId) ? null : clientId);
        }
        return new ClientQuotaEntity(entries);
    }

    /** The entity of a Kafka quota, or null when it names something other than users and client ids (an IP). */
    static QuotaEntity fromKafka(ClientQuotaEntity entity) {
        Map<String, String> entries = entity.entries();
        for (String type : entries.keySet()) {
            if (!type.equals(ClientQuotaEntity.USER) && !type.equals(ClientQuotaEntity.CLIENT_ID)) {
                return null;
            }
        }
        String user = entries.containsKey(ClientQuotaEntity.USER) ? orDefault(entries.get(ClientQuotaEntity.USER)) : null;
        String clientId = entries.containsKey(ClientQuotaEntity.CLIENT_ID)
                ? orDefault(entries.get(ClientQuotaEntity.CLIENT_ID)) : null;
        return user == null && clientId == null ? null : new QuotaEntity(user, clientId);
    }

    private static String orDefault(String name) {
        return name == null ? DEFAULT : name;
    }

    /** For people, e.g. {@code user alice, client id reporting}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (user != null) {
            b.append(DEFAULT.equals(user) ? "default user" : "user " + user);
        }
        if (clientId != null) {
            b.append(b.length() == 0 ? "" : ", ").append(DEFAULT.equals(clientId) ? "default client id" : "client id " + clientId);
        }
        return b.toString();
    }
}
