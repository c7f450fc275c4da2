package io.mirador.replicator.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code checkpoints} table: how far each source partition of a route has been copied. Thread-safe. */
final class CheckpointTable {

    // Logged under the façade's name, as before it was split, so that log settings and filters keep working.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    private final StoreConnection db;

    CheckpointTable(StoreConnection db) {
        this.db = db;
    }

    /**
     * Saves the checkpoints in one transaction, skipping (and logging) those of unknown routes, e.g. a route
     * deleted while its last checkpoints were being flushed, so that they cannot resurface if a route of that
     * name is created again.
     */
    void save(Collection<Checkpoint> checkpoints) {
        Objects.requireNonNull(checkpoints, "checkpoints");
        if (checkpoints.isEmpty()) {
            return;
        }
        db.write("save " + checkpoints.size() + " checkpoints", c -> {
            Set<String> known = RouteTable.names(c);
            Set<String> unknown = new TreeSet<>();
            int skipped = 0;
            int saved = 0;
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("checkpoints",
                    List.of("route", "topic", "source_partition"), List.of("source_offset", "target_partition",
                            "target_offset", "updated_at", "source_cluster_id", "source_topic_id", "target_cluster_id",
                            "target_topic_id")))) {
                for (Checkpoint cp : checkpoints) {
                    if (!known.contains(cp.route())) {
                        unknown.add(String.valueOf(cp.route()));
                        skipped++;
                        continue;
                    }
                    ps.setString(1, cp.route());
                    ps.setString(2, cp.topic());
                    ps.setInt(3, cp.partition());
                    ps.setLong(4, cp.sourceOffset());
                    ps.setInt(5, cp.targetPartition());
                    ps.setLong(6, cp.targetOffset());
                    ps.setLong(7, cp.updatedAtMs());
                    Identities.set(ps, 8, cp.identity());
                    ps.addBatch();
                    saved++;
                }
                if (saved > 0) {
                    ps.executeBatch();
                }
            }
            if (skipped > 0) {
                LOG.warn("Ignored {} checkpoint(s) of route(s) {}: no such route in the state store", skipped, unknown);
            }
            return null;
        });
    }

    /** The checkpoints of {@code route} by partition, in topic and partition order. */
    Map<TopicPartition, Checkpoint> of(String route) {
        Objects.requireNonNull(route, "route");
        return db.read("read checkpoints of " + route, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT topic, source_partition, source_offset,"
                    + " target_partition, target_offset, updated_at, source_cluster_id, source_topic_id, target_cluster_id,"
                    + " target_topic_id FROM checkpoints WHERE route = ?"
                    + " ORDER BY topic, source_partition")) {
                ps.setString(1, route);
                Map<TopicPartition, Checkpoint> result = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Checkpoint cp = new Checkpoint(route, rs.getString(1), rs.getInt(2), rs.getLong(3),
                                rs.getInt(4), rs.getLong(5), rs.getLong(6), Identities.get(rs, 7));
                        result.put(new TopicPartition(cp.topic(), cp.partition()), cp);
                    }
                }
                return result;
            }
        });
    }
}
