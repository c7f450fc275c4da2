package io.mirador.replicator.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The {@code assignments} table: which worker copies each source partition of a route. Thread-safe. */
final class AssignmentTable {

    private final StoreConnection db;

    AssignmentTable(StoreConnection db) {
        this.db = db;
    }

    /**
     * Replaces all the assignments of {@code route} in one transaction; fails when the route does not exist or
     * an assignment is another route's.
     */
    void replace(String route, Collection<Assignment> assignments) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(assignments, "assignments");
        for (Assignment a : assignments) {
            if (!route.equals(a.route())) {
                throw new IllegalArgumentException("assignment " + a + " is not one of route " + route);
            }
        }
        db.write("save assignments of " + route, c -> {
            // On a shared server, two processes replacing the same route's assignments would each delete the old
            // rows and then insert over each other's: the second waits for the first, then replaces its rows.
            RouteTable.requireRoute(c, route, "assignments", db.dialect().isServer());
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM assignments WHERE route = ?")) {
                delete.setString(1, route);
                delete.executeUpdate();
            }
            if (!assignments.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO assignments (route, topic, source_partition, worker) VALUES (?, ?, ?, ?)")) {
                    for (Assignment a : assignments) {
                        ps.setString(1, route);
                        ps.setString(2, a.topic());
                        ps.setInt(3, a.partition());
                        ps.setInt(4, a.worker());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** The assignments of {@code route}, by topic and partition. */
    List<Assignment> of(String route) {
        Objects.requireNonNull(route, "route");
        return db.read("read assignments of " + route, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT topic, source_partition, worker FROM assignments"
                    + " WHERE route = ? ORDER BY topic, source_partition")) {
                ps.setString(1, route);
                List<Assignment> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new Assignment(route, rs.getString(1), rs.getInt(2), rs.getInt(3)));
                    }
                }
                return result;
            }
        });
    }
}
