package io.mirador.replicator.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.mirador.replicator.route.RouteDefinition;

import static io.mirador.replicator.state.StoreJson.fromJson;
import static io.mirador.replicator.state.StoreJson.toJson;

/**
 * The {@code routes} table: a route's definition as JSON. The rows kept for a route in other tables need it to
 * exist; {@link #requireRoute} and {@link #names} let those tables check, within their own transaction.
 * Thread-safe.
 */
final class RouteTable {

    private final StoreConnection db;

    RouteTable(StoreConnection db) {
        this.db = db;
    }

    void put(RouteDefinition route) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(route.name(), "route name");
        String definition = toJson(route, "route " + route.name());
        long now = System.currentTimeMillis();
        db.write("save route " + route.name(), c -> {
            if (db.dialect().isServer()) {
                // One statement: another process may insert the same route between an update and an insert.
                // created_at stays the first insert's.
                try (PreparedStatement upsert = c.prepareStatement("INSERT INTO routes (name, definition,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                        + Dialect.excluded(List.of("definition", "updated_at")))) {
                    upsert.setString(1, route.name());
                    upsert.setString(2, definition);
                    upsert.setLong(3, now);
                    upsert.setLong(4, now);
                    upsert.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE routes SET definition = ?, updated_at = ? WHERE name = ?")) {
                update.setString(1, definition);
                update.setLong(2, now);
                update.setString(3, route.name());
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO routes (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, route.name());
                insert.setString(2, definition);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    Optional<RouteDefinition> get(String name) {
        Objects.requireNonNull(name, "name");
        return db.read("read route " + name, c -> query(c, name)).stream().findFirst();
    }

    List<RouteDefinition> all() {
        return db.read("read routes", c -> query(c, null));
    }

    /** Deletes the route with everything kept for it (its metric history too), but not its events. */
    boolean delete(String name) {
        Objects.requireNonNull(name, "name");
        return db.write("delete route " + name, c -> {
            try (PreparedStatement samples = c.prepareStatement("DELETE FROM metric_samples WHERE route = ?")) {
                samples.setString(1, name);
                samples.executeUpdate();
            }
            // topic_mappings, assignments and checkpoints go with the route (ON DELETE CASCADE)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM routes WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The route named {@code name}, or all of them when it is null; by name. */
    private static List<RouteDefinition> query(Connection c, String name) throws SQLException {
        String sql = "SELECT name, definition FROM routes" + (name == null ? "" : " WHERE name = ?") + " ORDER BY name";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<RouteDefinition> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(fromJson(rs.getString(2), RouteDefinition.class, "route " + rs.getString(1)));
                }
            }
            return result;
        }
    }

    /** The names of all routes, as seen by the transaction of {@code c}. */
    static Set<String> names(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM routes")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Fails, naming {@code what} could not be saved, when the transaction of {@code c} sees no such route. */
    static void requireRoute(Connection c, String route, String what) throws SQLException {
        requireRoute(c, route, what, false);
    }

    /**
     * {@link #requireRoute(Connection, String, String)}, and with {@code lock} the route's row stays locked until
     * the transaction ends, so that transactions of other processes that lock it too wait for this one (PostgreSQL's
     * {@code FOR NO KEY UPDATE}: checkpoints, whose foreign key only needs the row to stay, do not wait).
     */
    static void requireRoute(Connection c, String route, String what, boolean lock) throws SQLException {
        Objects.requireNonNull(route, "route");
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM routes WHERE name = ?"
                + (lock ? " FOR NO KEY UPDATE" : ""))) {
            ps.setString(1, route);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StateStoreException("cannot save " + what + ": route " + route
                            + " does not exist in the state store");
                }
            }
        }
    }
}
