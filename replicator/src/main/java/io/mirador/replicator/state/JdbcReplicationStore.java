package io.mirador.replicator.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link ReplicationStore} in an H2 database, normally an embedded file ({@code <path>.mv.db}), or in a PostgreSQL
 * database that several processes may share ({@code jdbc:postgresql://...}; see {@code Dialect} for the SQL that
 * differs, and the README's "State in PostgreSQL" for what sharing is safe). The schema is
 * created and upgraded by the Flyway migrations in {@code db/migration}; a database that is damaged (empty,
 * truncated, overwritten, incomplete), belongs to another application, was written by a newer Mirador, is locked by
 * another process, or whose secrets the key file cannot read, is refused with a {@link StateStoreException}, never
 * reset, baselined or cleaned, and an embedded file is then left byte for byte as it was. A new embedded state is
 * created only where no file exists; the last good copy of one is kept beside it as {@code <name>.mv.db.bak}.
 *
 * <p>One JDBC connection guarded by a lock serves every call; each call is one transaction, committed (and, for
 * an embedded file, synced to disk) before it returns. Rows kept for a route (topic mappings, assignments,
 * checkpoints) need the route to exist: {@link #putTopicMapping} and {@link #replaceAssignments} fail for an
 * unknown route, {@link #saveCheckpoints} skips (and logs) checkpoints of unknown routes, e.g. a route deleted
 * while its last checkpoints were being flushed, so that they cannot resurface if a route of that name is
 * created again.
 *
 * <p>This class only delegates: {@code StoreOpener} opens the database and refuses one that is not a usable
 * state store, {@code StoreConnection} holds the connection and its lock (so it is what makes this class
 * thread-safe), and one class per kind of data runs the SQL, each call in a transaction of its own.
 */
public final class JdbcReplicationStore implements ReplicationStore {

    private final StoreConnection db;
    private final ClusterTable clusters;
    private final RouteTable routes;
    private final TopicMappingTable topicMappings;
    private final AssignmentTable assignments;
    private final CheckpointTable checkpoints;
    private final MetricHistory metrics;
    private final EventLog events;

    private JdbcReplicationStore(StoreConnection db, SecretCipher cipher) {
        this.db = db;
        this.clusters = new ClusterTable(db, cipher);
        this.routes = new RouteTable(db);
        this.topicMappings = new TopicMappingTable(db);
        this.assignments = new AssignmentTable(db);
        this.checkpoints = new CheckpointTable(db);
        this.metrics = new MetricHistory(db);
        this.events = new EventLog(db);
    }

    /**
     * Opens (creating or upgrading when needed) the state store at {@code pathOrJdbcUrl}: either a JDBC URL
     * (anything starting with {@code jdbc:}, H2 or PostgreSQL), used as is, or the path of an embedded H2 database without its
     * {@code .mv.db} extension, e.g. {@code ~/.mirador/state}. An unnamed {@code jdbc:h2:mem:} database gets a
     * unique name so that the schema migration and the store see the same database.
     *
     * @throws StateStoreException when the database cannot be opened or is not a usable Mirador state store; the
     *         message is one line that names the file and what to do
     */
    public static JdbcReplicationStore open(String pathOrJdbcUrl) {
        StoreOpener.Opened opened = StoreOpener.open(pathOrJdbcUrl);
        return new JdbcReplicationStore(opened.db(), opened.cipher());
    }

    @Override
    public void putCluster(ClusterConnection cluster) {
        clusters.put(cluster);
    }

    @Override
    public Optional<ClusterConnection> cluster(String name) {
        return clusters.get(name);
    }

    @Override
    public List<ClusterConnection> clusters() {
        return clusters.all();
    }

    @Override
    public boolean deleteCluster(String name) {
        return clusters.delete(name);
    }

    @Override
    public void putRoute(RouteDefinition route) {
        routes.put(route);
    }

    @Override
    public Optional<RouteDefinition> route(String name) {
        return routes.get(name);
    }

    @Override
    public List<RouteDefinition> routes() {
        return routes.all();
    }

    @Override
    public boolean deleteRoute(String name) {
        return routes.delete(name);
    }

    @Override
    public void putTopicMapping(TopicMapping mapping) {
        topicMappings.put(mapping);
    }

    @Override
    public List<TopicMapping> topicMappings(String route) {
        return topicMappings.of(route);
    }

    @Override
    public void replaceAssignments(String route, Collection<Assignment> assignments) {
        this.assignments.replace(route, assignments);
    }

    @Override
    public List<Assignment> assignments(String route) {
        return assignments.of(route);
    }

    @Override
    public void saveCheckpoints(Collection<Checkpoint> checkpoints) {
        this.checkpoints.save(checkpoints);
    }

    @Override
    public Map<TopicPartition, Checkpoint> checkpoints(String route) {
        return checkpoints.of(route);
    }

    @Override
    public void addSamples(Collection<MetricSample> samples) {
        metrics.add(samples);
    }

    @Override
    public List<MetricSample> samples(String route, String metric, String scope, long fromMs, long toMs) {
        return metrics.read(route, metric, scope, fromMs, toMs);
    }

    /**
     * Drops points older than a week, then replaces the raw points of every complete minute older than an hour
     * by their average, then the points of every complete ten minutes older than a day by their average (weighted
     * by the raw points each stands for, so it is the average of the raw points). Running it again with the same
     * {@code nowMs} changes nothing.
     */
    @Override
    public void downsample(long nowMs) {
        metrics.downsample(nowMs);
    }

    @Override
    public ReplicationEvent addEvent(ReplicationEvent event) {
        return events.add(event);
    }

    @Override
    public List<ReplicationEvent> events(String route, int limit) {
        return events.newest(route, limit);
    }

    @Override
    public void close() {
        db.close();
    }

    /** Where the state lives, as messages should show it: the file, or the JDBC URL with its password masked. */
    public String description() {
        return db.description();
    }

    @Override
    public String toString() {
        return "JdbcReplicationStore[" + db.description() + "]";
    }
}
