package io.mirador.replicator.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@code events} table: what happened to routes, kept when the route is deleted. Thread-safe. */
final class EventLog {

    private final StoreConnection db;

    EventLog(StoreConnection db) {
        this.db = db;
    }

    /** Appends {@code event}; returns it with the id the database gave it. */
    ReplicationEvent add(ReplicationEvent event) {
        Objects.requireNonNull(event, "event");
        return db.write("save event", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO events (ts, route, kind, level, message) VALUES (?, ?, ?, ?, ?)",
                    new String[] {db.dialect().generatedKey("id")})) {
                ps.setLong(1, event.timestampMs());
                ps.setString(2, event.route());
                ps.setString(3, event.kind());
                ps.setString(4, event.level());
                ps.setString(5, event.message());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("no id generated for the event");
                    }
                    return new ReplicationEvent(keys.getLong(1), event.timestampMs(), event.route(), event.kind(),
                            event.level(), event.message());
                }
            }
        });
    }

    /** The newest {@code limit} events, of {@code route} or of all when it is null, newest first. */
    List<ReplicationEvent> newest(String route, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return db.read("read events", c -> {
            String sql = "SELECT id, ts, route, kind, level, message FROM events"
                    + (route == null ? "" : " WHERE route = ?") + " ORDER BY ts DESC, id DESC FETCH FIRST ? ROWS ONLY";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (route != null) {
                    ps.setString(i++, route);
                }
                ps.setInt(i, limit);
                List<ReplicationEvent> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new ReplicationEvent(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
                    }
                }
                return result;
            }
        });
    }
}
