package io.mirador.replicator.state;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ReplicationStore} in an H2 database, normally an embedded file ({@code <path>.mv.db}). The schema is
 * created and upgraded by the Flyway migrations in {@code db/migration}; a database that is corrupt, belongs to
 * another application, was written by a newer Mirador or is locked by another process is refused with a
 * {@link StateStoreException}, never reset, baselined or cleaned.
 *
 * <p>One JDBC connection guarded by a lock serves every call; each call is one transaction, committed (and, for
 * an embedded file, synced to disk) before it returns. Rows kept for a route (topic mappings, assignments,
 * checkpoints) need the route to exist: {@link #putTopicMapping} and {@link #replaceAssignments} fail for an
 * unknown route, {@link #saveCheckpoints} skips (and logs) checkpoints of unknown routes, e.g. a route deleted
 * while its last checkpoints were being flushed, so that they cannot resurface if a route of that name is
 * created again.
 */
public final class JdbcReplicationStore implements ReplicationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    static final String MIGRATIONS = "classpath:db/migration";
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** The script of version 1 in the Flyway history tells a Mirador state store from another application's. */
    static final String FIRST_SCRIPT = "V1__state.sql";

    static final long MINUTE_MS = 60_000L;
    static final long TEN_MINUTES_MS = 10 * MINUTE_MS;
    static final long HOUR_MS = 60 * MINUTE_MS;
    static final long DAY_MS = 24 * HOUR_MS;
    static final long WEEK_MS = 7 * DAY_MS;

    /**
     * Settings of an embedded file database: we close it ourselves; no trace file (it could hold SQL parameters).
     * None of them is persistent, so that opening a database we then refuse does not change a byte of it; the
     * persistent {@code WRITE_DELAY 0} (a commit is written to the file before it returns) is set once the
     * database is known to be ours.
     */
    private static final String FILE_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|pwd)=[^;]*");
    private static final Pattern H2_ERROR_SUFFIX = Pattern.compile("\\s*\\[[0-9][^\\]]*]\\s*$");
    private static final Pattern UNNAMED_MEM = Pattern.compile("(?i)^jdbc:h2:mem:(;.*)?$");
    private static final int MAX_TABLES_SHOWN = 10;
    /** An H2 MVStore file starts with two 4 KiB header blocks. */
    private static final long MIN_H2_FILE_BYTES = 8192;

    /** Database files open in this process (H2 would silently share them between two stores). */
    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            // RouteDefinition.isPaused() is a helper, not a property: the record component paused() is.
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final Target target;
    private final Connection connection;
    private final Path claimedFile;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private JdbcReplicationStore(Target target, Connection connection, Path claimedFile) {
        this.target = target;
        this.connection = connection;
        this.claimedFile = claimedFile;
    }

    /**
     * Opens (creating or upgrading when needed) the state store at {@code pathOrJdbcUrl}: either a JDBC URL
     * (anything starting with {@code jdbc:}), used as is, or the path of an embedded H2 database without its
     * {@code .mv.db} extension, e.g. {@code ~/.mirador/state}. An unnamed {@code jdbc:h2:mem:} database gets a
     * unique name so that the schema migration and the store see the same database.
     *
     * @throws StateStoreException when the database cannot be opened or is not a usable Mirador state store
     */
    public static JdbcReplicationStore open(String pathOrJdbcUrl) {
        Target target = Target.parse(pathOrJdbcUrl);
        Path claimed = null;
        if (target.file() != null) {
            claimed = claim(target);
        } else if (target.claimKey() != null) {
            claimed = claimKey(target.claimKey(), target);
        }
        Connection connection = null;
        try {
            connection = connect(target, target.url());
            try {
                verifyExisting(target, connection);
            } catch (StateStoreException refused) {
                if (target.file() != null) {
                    // closing normally would write to the file; we have changed nothing, so nothing is lost
                    shutdownImmediately(connection);
                }
                throw refused;
            }
            if (target.file() != null) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET WRITE_DELAY 0");
                }
            }
            migrate(target);
            connection.setAutoCommit(false);
            JdbcReplicationStore store = new JdbcReplicationStore(target, connection, claimed);
            LOG.info("Opened state store {}", target.description());
            return store;
        } catch (SQLException e) {
            closeQuietly(connection);
            release(claimed);
            throw new StateStoreException("cannot open state database " + target.description() + ": " + reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            release(claimed);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------- clusters

    @Override
    public void putCluster(ClusterConnection cluster) {
        Objects.requireNonNull(cluster, "cluster");
        String properties = toJson(cluster.properties(), "properties of cluster " + cluster.name());
        write("save cluster " + cluster.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO clusters (name, bootstrap_servers, properties) KEY (name) VALUES (?, ?, ?)")) {
                ps.setString(1, cluster.name());
                ps.setString(2, cluster.bootstrapServers());
                ps.setString(3, properties);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ClusterConnection> cluster(String name) {
        Objects.requireNonNull(name, "name");
        List<ClusterConnection> found = read("read cluster " + name, c -> queryClusters(c, name));
        return found.stream().findFirst();
    }

    @Override
    public List<ClusterConnection> clusters() {
        return read("read clusters", c -> queryClusters(c, null));
    }

    private static List<ClusterConnection> queryClusters(Connection c, String name) throws SQLException {
        String sql = "SELECT name, bootstrap_servers, properties FROM clusters"
                + (name == null ? "" : " WHERE name = ?") + " ORDER BY name";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (name != null) {
                ps.setString(1, name);
            }
            List<ClusterConnection> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String clusterName = rs.getString(1);
                    Map<String, String> properties = fromJson(rs.getString(3), STRING_MAP,
                            "properties of cluster " + clusterName);
                    result.add(new ClusterConnection(clusterName, rs.getString(2), properties));
                }
            }
            return result;
        }
    }

    @Override
    public boolean deleteCluster(String name) {
        Objects.requireNonNull(name, "name");
        return write("delete cluster " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM clusters WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ routes

    @Override
    public void putRoute(RouteDefinition route) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(route.name(), "route name");
        String definition = toJson(route, "route " + route.name());
        long now = System.currentTimeMillis();
        write("save route " + route.name(), c -> {
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

    @Override
    public Optional<RouteDefinition> route(String name) {
        Objects.requireNonNull(name, "name");
        return read("read route " + name, c -> queryRoutes(c, name)).stream().findFirst();
    }

    @Override
    public List<RouteDefinition> routes() {
        return read("read routes", c -> queryRoutes(c, null));
    }

    private static List<RouteDefinition> queryRoutes(Connection c, String name) throws SQLException {
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

    @Override
    public boolean deleteRoute(String name) {
        Objects.requireNonNull(name, "name");
        return write("delete route " + name, c -> {
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

    // ---------------------------------------------------------------------------------------- topic mappings

    @Override
    public void putTopicMapping(TopicMapping mapping) {
        Objects.requireNonNull(mapping, "mapping");
        write("save topic mapping " + mapping.route() + "/" + mapping.sourceTopic(), c -> {
            requireRoute(c, mapping.route(), "topic mapping of " + mapping.sourceTopic());
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO topic_mappings"
                    + " (route, source_topic, target_topic, source_partitions, target_partitions)"
                    + " KEY (route, source_topic) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, mapping.route());
                ps.setString(2, mapping.sourceTopic());
                ps.setString(3, mapping.targetTopic());
                ps.setInt(4, mapping.sourcePartitions());
                ps.setInt(5, mapping.targetPartitions());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<TopicMapping> topicMappings(String route) {
        Objects.requireNonNull(route, "route");
        return read("read topic mappings of " + route, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT source_topic, target_topic, source_partitions,"
                    + " target_partitions FROM topic_mappings WHERE route = ? ORDER BY source_topic")) {
                ps.setString(1, route);
                List<TopicMapping> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new TopicMapping(route, rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getInt(4)));
                    }
                }
                return result;
            }
        });
    }

    // ------------------------------------------------------------------------------------------- assignments

    @Override
    public void replaceAssignments(String route, Collection<Assignment> assignments) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(assignments, "assignments");
        for (Assignment a : assignments) {
            if (!route.equals(a.route())) {
                throw new IllegalArgumentException("assignment " + a + " is not one of route " + route);
            }
        }
        write("save assignments of " + route, c -> {
            requireRoute(c, route, "assignments");
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

    @Override
    public List<Assignment> assignments(String route) {
        Objects.requireNonNull(route, "route");
        return read("read assignments of " + route, c -> {
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

    // ------------------------------------------------------------------------------------------- checkpoints

    @Override
    public void saveCheckpoints(Collection<Checkpoint> checkpoints) {
        Objects.requireNonNull(checkpoints, "checkpoints");
        if (checkpoints.isEmpty()) {
            return;
        }
        write("save " + checkpoints.size() + " checkpoints", c -> {
            Set<String> known = routeNames(c);
            Set<String> unknown = new TreeSet<>();
            int skipped = 0;
            int saved = 0;
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO checkpoints (route, topic, source_partition,"
                    + " source_offset, target_partition, target_offset, updated_at)"
                    + " KEY (route, topic, source_partition) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
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

    @Override
    public Map<TopicPartition, Checkpoint> checkpoints(String route) {
        Objects.requireNonNull(route, "route");
        return read("read checkpoints of " + route, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT topic, source_partition, source_offset,"
                    + " target_partition, target_offset, updated_at FROM checkpoints WHERE route = ?"
                    + " ORDER BY topic, source_partition")) {
                ps.setString(1, route);
                Map<TopicPartition, Checkpoint> result = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Checkpoint cp = new Checkpoint(route, rs.getString(1), rs.getInt(2), rs.getLong(3),
                                rs.getInt(4), rs.getLong(5), rs.getLong(6));
                        result.put(new TopicPartition(cp.topic(), cp.partition()), cp);
                    }
                }
                return result;
            }
        });
    }

    // ---------------------------------------------------------------------------------------- metric history

    @Override
    public void addSamples(Collection<MetricSample> samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.isEmpty()) {
            return;
        }
        write("save " + samples.size() + " metric samples", c -> {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO metric_samples"
                    + " (route, metric, scope, ts, resolution, val, weight)"
                    + " KEY (route, metric, scope, ts, resolution) VALUES (?, ?, ?, ?, 0, ?, 1)")) {
                for (MetricSample s : samples) {
                    ps.setString(1, s.route());
                    ps.setString(2, s.metric());
                    ps.setString(3, s.scope());
                    ps.setLong(4, s.timestampMs());
                    ps.setDouble(5, s.value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<MetricSample> samples(String route, String metric, String scope, long fromMs, long toMs) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        return read("read samples of " + route + "/" + metric, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, val FROM metric_samples"
                    + " WHERE route = ? AND metric = ? AND scope = ? AND ts >= ? AND ts <= ?"
                    + " ORDER BY ts, resolution")) {
                ps.setString(1, route);
                ps.setString(2, metric);
                ps.setString(3, scope);
                ps.setLong(4, fromMs);
                ps.setLong(5, toMs);
                List<MetricSample> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new MetricSample(route, metric, scope, rs.getLong(1), rs.getDouble(2)));
                    }
                }
                return result;
            }
        });
    }

    /**
     * Drops points older than a week, then replaces the raw points of every complete minute older than an hour
     * by their average, then the points of every complete ten minutes older than a day by their average (weighted
     * by the raw points each stands for, so it is the average of the raw points). Running it again with the same
     * {@code nowMs} changes nothing.
     */
    @Override
    public void downsample(long nowMs) {
        write("downsample metric history", c -> {
            int dropped;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_samples WHERE ts < ?")) {
                ps.setLong(1, nowMs - WEEK_MS);
                dropped = ps.executeUpdate();
            }
            int perMinute = aggregate(c, MINUTE_MS, floor(nowMs - HOUR_MS, MINUTE_MS));
            int perTenMinutes = aggregate(c, TEN_MINUTES_MS, floor(nowMs - DAY_MS, TEN_MINUTES_MS));
            LOG.debug("Downsampled metric history: {} points dropped, {} minute and {} ten-minute averages written",
                    dropped, perMinute, perTenMinutes);
            return null;
        });
    }

    /**
     * Replaces the points finer than or equal to {@code bucketMs} before {@code cutoff} (a multiple of
     * {@code bucketMs}) by one weighted average per bucket, where a bucket has more than one point or finer ones.
     * The new points are first written with resolution {@code -bucketMs} to tell them from the points they replace.
     */
    private static int aggregate(Connection c, long bucketMs, long cutoff) throws SQLException {
        String bucket = "((ts / " + bucketMs + ") * " + bucketMs + ")";
        int written;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_samples"
                + " (route, metric, scope, ts, resolution, val, weight)"
                + " SELECT route, metric, scope, " + bucket + ", " + (-bucketMs)
                + ", SUM(val * weight) / SUM(weight), SUM(weight) FROM metric_samples"
                + " WHERE ts < ? AND resolution >= 0 AND resolution <= " + bucketMs
                + " GROUP BY route, metric, scope, " + bucket
                + " HAVING COUNT(*) > 1 OR MAX(resolution) < " + bucketMs)) {
            ps.setLong(1, cutoff);
            written = ps.executeUpdate();
        }
        if (written == 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_samples s"
                + " WHERE s.ts < ? AND s.resolution >= 0 AND s.resolution <= " + bucketMs
                + " AND EXISTS (SELECT 1 FROM metric_samples a WHERE a.resolution = " + (-bucketMs)
                + " AND a.route = s.route AND a.metric = s.metric AND a.scope = s.scope"
                + " AND a.ts = ((s.ts / " + bucketMs + ") * " + bucketMs + "))")) {
            ps.setLong(1, cutoff);
            ps.executeUpdate();
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE metric_samples SET resolution = " + bucketMs
                    + " WHERE resolution = " + (-bucketMs));
        }
        return written;
    }

    private static long floor(long ms, long unit) {
        return Math.floorDiv(ms, unit) * unit;
    }

    // ------------------------------------------------------------------------------------------------ events

    @Override
    public ReplicationEvent addEvent(ReplicationEvent event) {
        Objects.requireNonNull(event, "event");
        return write("save event", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO events (ts, route, kind, level, message) VALUES (?, ?, ?, ?, ?)",
                    new String[] {"ID"})) {
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

    @Override
    public List<ReplicationEvent> events(String route, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return read("read events", c -> {
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

    // ------------------------------------------------------------------------------------------------- close

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
                LOG.info("Closed state store {}", target.description());
            } catch (SQLException e) {
                throw new StateStoreException("cannot close state database " + target.description() + ": "
                        + reason(e), e);
            } finally {
                release(claimedFile);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "JdbcReplicationStore[" + target.description() + "]";
    }

    // --------------------------------------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        return inTransaction(what, work, false);
    }

    private <T> T write(String what, Work<T> work) {
        return inTransaction(what, work, true);
    }

    private <T> T inTransaction(String what, Work<T> work, boolean write) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("state store " + target.description() + " is closed");
            }
            try {
                T result = work.run(connection);
                connection.commit();
                if (write && target.file() != null) {
                    try (Statement st = connection.createStatement()) {
                        st.execute("CHECKPOINT SYNC");
                    }
                }
                return result;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StateStoreException("cannot " + what + " in state database " + target.description()
                        + ": " + reason(e), e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed on state database {}: {}", target.description(), reason(e));
        }
    }

    private static Set<String> routeNames(Connection c) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM routes")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void requireRoute(Connection c, String route, String what) throws SQLException {
        Objects.requireNonNull(route, "route");
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM routes WHERE name = ?")) {
            ps.setString(1, route);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StateStoreException("cannot save " + what + ": route " + route
                            + " does not exist in the state store");
                }
            }
        }
    }

    private static String toJson(Object value, String what) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StateStoreException("cannot write " + what + " as JSON: " + reason(e), e);
        }
    }

    private static <T> T fromJson(String json, Class<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateStoreException("unreadable " + what + " in the state store: " + reason(e), e);
        }
    }

    private static <T> T fromJson(String json, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateStoreException("unreadable " + what + " in the state store: " + reason(e), e);
        }
    }

    // ---------------------------------------------------------------------------------- opening and checks

    private static Path claim(Target target) {
        Path file = target.file();
        Path oldFormat = file.resolveSibling(target.baseName() + ".h2.db");
        if (!Files.exists(file) && Files.exists(oldFormat)) {
            throw new StateStoreException("state file " + oldFormat + " was written by H2 1.x, which this Mirador"
                    + " cannot read; export it with H2 1.4 and import it, or use another state path");
        }
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            return claimKey(dir.toRealPath().resolve(file.getFileName()), target);
        } catch (IOException e) {
            throw new StateStoreException("cannot create state directory " + dir + ": " + e.getClass().getSimpleName()
                    + " " + reason(e), e);
        }
    }

    private static Path claimKey(Path key, Target target) {
        if (!OPEN_FILES.add(key)) {
            throw new StateStoreException("state database " + target.description()
                    + " is already open in this process: another Mirador state store is using it");
        }
        return key;
    }

    private static void release(Path claimed) {
        if (claimed != null) {
            OPEN_FILES.remove(claimed);
        }
    }

    private static Connection connect(Target target, String url) {
        try {
            return target.user() == null
                    ? DriverManager.getConnection(url)
                    : DriverManager.getConnection(url, target.user(), target.password());
        } catch (SQLException e) {
            throw openError(target, e);
        }
    }

    private static StateStoreException openError(Target target, SQLException e) {
        String where = target.description();
        switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1:
                return new StateStoreException("state database " + where + " is locked by another process:"
                        + " another Mirador may be using it (stop it or choose another state path)", e);
            case ErrorCode.FILE_CORRUPTED_1:
            case ErrorCode.FILE_VERSION_ERROR_1:
            case ErrorCode.FILE_ENCRYPTION_ERROR_1:
                return corrupt(target, e);
            case ErrorCode.IO_EXCEPTION_1:
            case ErrorCode.IO_EXCEPTION_2:
                if (hasCause(e, org.h2.mvstore.MVStoreException.class) || !hasCause(e, IOException.class)) {
                    return corrupt(target, e);
                }
                return new StateStoreException("cannot read state database " + where + ": " + reason(e), e);
            case ErrorCode.WRONG_USER_OR_PASSWORD:
                return new StateStoreException(target.file() != null
                        ? "state database " + where + " is not a Mirador state store (it needs another user name"
                        + " or password)"
                        : "cannot log in to state database " + where + ": wrong user name or password", e);
            default:
                return new StateStoreException("cannot open state database " + where + ": " + reason(e), e);
        }
    }

    private static StateStoreException corrupt(Target target, SQLException e) {
        String what = target.file() != null ? "state file " + target.file() : "state database " + target.description();
        return new StateStoreException(what + " is corrupt or not an H2 database: " + corruptReason(target, e), e);
    }

    /** H2's innermost explanation, without the file name (already in our message) and object ids. */
    private static String corruptReason(Target target, SQLException e) {
        if (target.file() != null) {
            try {
                long size = Files.size(target.file());
                if (size < MIN_H2_FILE_BYTES) {
                    return "only " + size + " bytes long, too short for an H2 database";
                }
            } catch (IOException ignored) {
                // H2's reason below
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = firstLine(root);
        if (target.file() != null) {
            reason = reason.replace("\"" + target.file() + "\"", "").replace(": " + target.file(), "")
                    .replace(target.file().toString(), "");
        }
        reason = reason.replaceAll("\\S+@[0-9a-f]+ ", "").replaceAll("\\s+", " ").strip();
        return reason.isEmpty() ? firstLine(e) : reason;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a database that is not a Mirador state store or was written by a newer Mirador. Only reads. */
    private static void verifyExisting(Target target, Connection c) {
        String where = target.description();
        boolean ours;
        try {
            String schema = c.getSchema();
            List<String> tables = new ArrayList<>();
            String history = null;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME"
                    + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'"
                    + " ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
                while (rs.next()) {
                    String tableSchema = rs.getString(1);
                    String table = rs.getString(2);
                    boolean inSchema = tableSchema.equals(schema);
                    if (inSchema && table.equalsIgnoreCase(HISTORY_TABLE)) {
                        history = table;
                    }
                    tables.add(inSchema ? table : tableSchema + "." + table);
                }
            }
            if (tables.isEmpty()) {
                return; // a new database
            }
            if (history == null) {
                throw foreign(target, tables);
            }
            int rows = 0;
            ours = false;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"version\", \"script\""
                    + " FROM " + quote(schema) + "." + quote(history))) {
                while (rs.next()) {
                    rows++;
                    ours |= "1".equals(rs.getString(1)) && FIRST_SCRIPT.equals(rs.getString(2));
                }
            } catch (SQLException e) {
                throw foreign(target, tables); // a table of that name, but not Flyway's
            }
            if (!ours) {
                if (rows == 0 && tables.size() == 1) {
                    return; // Flyway created its table but applied nothing yet: migrate will
                }
                throw foreign(target, tables);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read state database " + where + ": " + reason(e), e);
        }
        MigrationInfoService info;
        try {
            info = flyway(target, target.url()).info();
        } catch (FlywayException e) {
            throw new StateStoreException("cannot read the schema history of state database " + where + ": "
                    + reason(e), e);
        }
        MigrationVersion newest = null;
        MigrationVersion known = null;
        for (MigrationInfo m : info.all()) {
            if (m.getVersion() == null) {
                continue;
            }
            MigrationState state = m.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                newest = m.getVersion();
            } else if (state.isResolved()) {
                known = m.getVersion();
            }
        }
        if (newest != null) {
            throw new StateStoreException("state database " + where + " was written by a newer Mirador (schema version "
                    + newest + ", this Mirador knows up to " + known + "); upgrade Mirador or use another state path");
        }
    }

    private static StateStoreException foreign(Target target, List<String> tables) {
        String shown = String.join(", ", tables.subList(0, Math.min(tables.size(), MAX_TABLES_SHOWN)));
        if (tables.size() > MAX_TABLES_SHOWN) {
            shown += ", ... (" + tables.size() + " tables)";
        }
        return new StateStoreException("state database " + target.description()
                + " is not a Mirador state store (found tables: " + shown + ")");
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void migrate(Target target) {
        try {
            flyway(target, target.url()).migrate();
        } catch (FlywayException e) {
            throw new StateStoreException("cannot create or upgrade the schema of state database "
                    + target.description() + ": " + reason(e), e);
        }
    }

    private static Flyway flyway(Target target, String url) {
        return Flyway.configure(JdbcReplicationStore.class.getClassLoader())
                .dataSource(url, target.user(), target.password())
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .baselineOnMigrate(false)
                .validateOnMigrate(true)
                .load();
    }

    private static void shutdownImmediately(Connection connection) {
        try (Statement st = connection.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            LOG.debug("Immediate shutdown of a refused state database failed", e);
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a state database connection failed", e);
            }
        }
    }

    /** One line: the message without H2's error code suffix, plus the cause's when it adds something. */
    static String reason(Throwable e) {
        String message = firstLine(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            String causeMessage = firstLine(cause);
            if (!message.contains(causeMessage)) {
                message += " (" + causeMessage + ")";
            }
        }
        return message;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        message = message.strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        return H2_ERROR_SUFFIX.matcher(message).replaceFirst("");
    }

    /**
     * Where the store lives. {@code file} (the {@code .mv.db} file) is set for an embedded database opened from a
     * path; {@code claimKey} for a {@code jdbc:h2:file:} URL; {@code user} is null when the URL names the user or
     * the password.
     */
    private record Target(String url, String user, String password, Path file, String baseName,
                          Path claimKey, String description) {

        static Target parse(String pathOrUrl) {
            Objects.requireNonNull(pathOrUrl, "pathOrJdbcUrl");
            String s = pathOrUrl.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("state store path or JDBC URL is empty");
            }
            if (s.regionMatches(true, 0, "jdbc:", 0, 5)) {
                return forUrl(s);
            }
            if (s.contains(";")) {
                throw new IllegalArgumentException("state store path must not contain ';': " + s);
            }
            if (s.equals("~") || s.startsWith("~/") || s.startsWith("~" + File.separator)) {
                s = System.getProperty("user.home") + s.substring(1);
            }
            if (s.endsWith(".mv.db")) {
                s = s.substring(0, s.length() - ".mv.db".length());
            }
            Path base = Path.of(s).toAbsolutePath().normalize();
            if (base.getFileName() == null) {
                throw new IllegalArgumentException("state store path names no file: " + pathOrUrl);
            }
            String baseName = base.getFileName().toString();
            Path file = base.resolveSibling(baseName + ".mv.db");
            return new Target("jdbc:h2:file:" + base + FILE_SETTINGS, "sa", "", file, baseName, null, file.toString());
        }

        private static Target forUrl(String url) {
            Matcher unnamed = UNNAMED_MEM.matcher(url);
            if (unnamed.matches()) {
                // every connection to "jdbc:h2:mem:" is a database of its own; Flyway needs to see ours
                url = "jdbc:h2:mem:mirador-state-" + UUID.randomUUID()
                        + (unnamed.group(1) == null ? "" : unnamed.group(1));
            }
            String upper = url.toUpperCase(Locale.ROOT);
            boolean namesUser = upper.contains(";USER=") || upper.contains(";PASSWORD=");
            Path claimKey = null;
            if (upper.startsWith("JDBC:H2:FILE:")) {
                int end = url.indexOf(';');
                String path = url.substring("jdbc:h2:file:".length(), end < 0 ? url.length() : end);
                try {
                    claimKey = Path.of(path + ".mv.db").toAbsolutePath().normalize();
                } catch (RuntimeException e) {
                    claimKey = null; // not a path we understand (e.g. ~ or a prefix): H2 will judge it
                }
            }
            return new Target(url, namesUser ? null : "sa", namesUser ? null : "", null, null, claimKey,
                    URL_SECRET.matcher(url).replaceAll("$1=******"));
        }
    }
}
