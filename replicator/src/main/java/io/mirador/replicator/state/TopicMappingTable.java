package io.mirador.replicator.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@code topic_mappings} table: which target topic each source topic of a route goes to. Thread-safe. */
final class TopicMappingTable {

    private final StoreConnection db;

    TopicMappingTable(StoreConnection db) {
        this.db = db;
    }

    /** Saves or replaces the mapping of its source topic; fails when its route does not exist. */
    void put(TopicMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        db.write("save topic mapping " + mapping.route() + "/" + mapping.sourceTopic(), c -> {
            RouteTable.requireRoute(c, mapping.route(), "topic mapping of " + mapping.sourceTopic());
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("topic_mappings",
                    List.of("route", "source_topic"), List.of("target_topic", "source_partitions",
                            "target_partitions", "source_cluster_id", "source_topic_id", "target_cluster_id",
                            "target_topic_id")))) {
                ps.setString(1, mapping.route());
                ps.setString(2, mapping.sourceTopic());
                ps.setString(3, mapping.targetTopic());
                ps.setInt(4, mapping.sourcePartitions());
                ps.setInt(5, mapping.targetPartitions());
                Identities.set(ps, 6, mapping.identity());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The mappings of {@code route}, by source topic. */
    List<TopicMapping> of(String route) {
        Objects.requireNonNull(route, "route");
        return db.read("read topic mappings of " + route, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT source_topic, target_topic, source_partitions,"
                    + " target_partitions, source_cluster_id, source_topic_id, target_cluster_id, target_topic_id"
                    + " FROM topic_mappings WHERE route = ? ORDER BY source_topic")) {
                ps.setString(1, route);
                List<TopicMapping> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new TopicMapping(route, rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getInt(4), Identities.get(rs, 5)));
                    }
                }
                return result;
            }
        });
    }
}
