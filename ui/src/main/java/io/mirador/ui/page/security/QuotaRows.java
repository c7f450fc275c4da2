package io.mirador.ui.page.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.cluster.acl.ClientQuota;
import io.mirador.cluster.acl.QuotaAdmin;
import io.mirador.cluster.acl.QuotaEntity;

/** Applies a saved quota change to the shown rows, so the table shows it before the next poll. */
final class QuotaRows {

    private QuotaRows() {
    }

    /** Sets {@code set} and removes {@code removed} in the entity's row; adds the row or drops it when empty. */
    static void apply(List<ClientQuota> rows, QuotaEntity entity, Map<String, Double> set, List<String> removed) {
        int index = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).entity().equals(entity)) {
                index = i;
            }
        }
        Map<String, Double> next = new TreeMap<>(index < 0 ? Map.of() : rows.get(index).limits());
        next.putAll(set);
        removed.forEach(next::remove);
        if (next.isEmpty()) {
            if (index >= 0) {
                rows.remove(index);
            }
        } else if (index >= 0) {
            rows.set(index, new ClientQuota(entity, next));
        } else {
            rows.add(new ClientQuota(entity, next));
        }
    }

    /** A short column title for a quota key; unknown keys keep their Kafka name. */
    static String title(String key) {
        return switch (key) {
            case QuotaAdmin.PRODUCER_BYTE_RATE -> "Produce rate";
            case QuotaAdmin.CONSUMER_BYTE_RATE -> "Fetch rate";
            case QuotaAdmin.REQUEST_PERCENTAGE -> "Request time";
            case QuotaAdmin.CONTROLLER_MUTATION_RATE -> "Mutations/s";
            default -> key;
        };
    }

    /** A limit for people: byte rates in bytes per second, percentages with a sign, others as numbers. */
    static String limit(String key, Double value) {
        if (value == null) {
            return "";
        }
        String unit = key.endsWith("_byte_rate") ? " B/s" : key.endsWith("percentage") ? " %" : "";
        return QuotaDraft.number(value) + unit;
    }
}
