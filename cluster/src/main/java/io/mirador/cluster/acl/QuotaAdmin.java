package io.mirador.cluster.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.mirador.cluster.ClusterClient;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/**
 * Lists, sets and removes client quotas of users and client ids through a {@link ClusterClient}'s Admin.
 * Blocking, within the client's timeout. Brokers learn changes through the metadata log, so a listing right
 * after a change may lag briefly.
 */
public final class QuotaAdmin {

    public static final String PRODUCER_BYTE_RATE = "producer_byte_rate";
    public static final String CONSUMER_BYTE_RATE = "consumer_byte_rate";
    public static final String REQUEST_PERCENTAGE = "request_percentage";
    public static final String CONTROLLER_MUTATION_RATE = "controller_mutation_rate";
    /** The quota keys that apply to users and client ids. */
    public static final Set<String> KEYS = Set.of(PRODUCER_BYTE_RATE, CONSUMER_BYTE_RATE, REQUEST_PERCENTAGE,
            CONTROLLER_MUTATION_RATE);

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<ClientQuota> ORDER = Comparator
            .comparing((ClientQuota q) -> q.entity().user(), NULLS_FIRST)
            .thenComparing(q -> q.entity().clientId(), NULLS_FIRST);

    private final ClusterClient client;

    public QuotaAdmin(ClusterClient client) {
        this.client = client;
    }

    /** Every user and client-id quota of the cluster, sorted by user, then client id (IP quotas are left out). */
    public List<ClientQuota> list() {
        Map<ClientQuotaEntity, Map<String, Double>> all = AdminCalls.await(client,
                client.admin().describeClientQuotas(ClientQuotaFilter.all()).entities(), "list client quotas",
                "DESCRIBE_CONFIGS on the cluster");
        List<ClientQuota> quotas = new ArrayList<>();
        all.forEach((entity, limits) -> {
            QuotaEntity e = QuotaEntity.fromKafka(entity);
            if (e != null && !limits.isEmpty()) {
                quotas.add(new ClientQuota(e, limits));
            }
        });
        quotas.sort(ORDER);
        return quotas;
    }

    /** The quota of exactly this entity, if any. */
    public Optional<ClientQuota> get(QuotaEntity entity) {
        return list().stream().filter(q -> q.entity().equals(entity)).findFirst();
    }

    /** Sets these limits (other keys of the entity stay as they are). Values must be positive. */
    public void alter(QuotaEntity entity, Map<String, Double> limits) {
        if (limits.isEmpty()) {
            return;
        }
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        limits.forEach((key, value) -> {
            requireKey(key);
            if (value == null || !(value > 0) || value.isInfinite()) {
                throw new IllegalArgumentException("invalid " + key + " " + value + " for " + entity.describe()
                        + ": use a positive number");
            }
            if (REQUEST_PERCENTAGE.equals(key) && value > 100_000) {
                throw new IllegalArgumentException("invalid " + key + " " + value + ": it is a percentage of one "
                        + "request thread per thread (at most 100 per thread)");
            }
            ops.add(new ClientQuotaAlteration.Op(key, value));
        });
        apply(entity, ops, "set quotas of " + entity.describe());
    }

    /** Removes these keys from the entity's quota. */
    public void delete(QuotaEntity entity, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        for (String key : keys) {
            requireKey(key);
            ops.add(new ClientQuotaAlteration.Op(key, null));
        }
        apply(entity, ops, "remove quotas of " + entity.describe());
    }

    /** Removes every key of the entity's quota; nothing happens when it has none. */
    public void delete(QuotaEntity entity) {
        delete(entity, get(entity).map(q -> q.limits().keySet()).orElse(Set.of()));
    }

    private void apply(QuotaEntity entity, List<ClientQuotaAlteration.Op> ops, String what) {
        ClientQuotaAlteration alteration = new ClientQuotaAlteration(entity.toKafka(), ops);
        AdminCalls.await(client, client.admin().alterClientQuotas(List.of(alteration)).all(), what,
                "ALTER_CONFIGS on the cluster");
    }

    private static void requireKey(String key) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown quota " + key + ": use one of " + new java.util.TreeSet<>(KEYS));
        }
    }
}
