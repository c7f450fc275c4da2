package io.mirador.cluster.acl;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The quota limits set for one {@link QuotaEntity}, by Kafka key (e.g. {@code producer_byte_rate}). */
public record ClientQuota(QuotaEntity entity, Map<String, Double> limits) {

    public ClientQuota {
        Objects.requireNonNull(entity, "entity");
        limits = java.util.Collections.unmodifiableMap(new TreeMap<>(limits));
    }
}
