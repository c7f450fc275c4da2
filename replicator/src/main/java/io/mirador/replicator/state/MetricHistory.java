package io.mirador.replicator.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code metric_samples} table: a week of metric history per route, metric and scope. A row's
 * {@code resolution} is 0 for a raw point, else the length of the bucket it averages, and its {@code weight} the
 * number of raw points it stands for. Thread-safe.
 */
final class MetricHistory {

    // Logged under the façade's name, as before it was split, so that log settings and filters keep working.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    static final long MINUTE_MS = 60_000L;
    static final long TEN_MINUTES_MS = 10 * MINUTE_MS;
    static final long HOUR_MS = 60 * MINUTE_MS;
    static final long DAY_MS = 24 * HOUR_MS;
    static final long WEEK_MS = 7 * DAY_MS;

    private final StoreConnection db;

    MetricHistory(StoreConnection db) {
        this.db = db;
    }

    /** Adds raw points; a point at the timestamp of one already kept replaces it. */
    void add(Collection<MetricSample> samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.isEmpty()) {
            return;
        }
        db.write("save " + samples.size() + " metric samples", c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().upsert("metric_samples",
                    List.of("route", "metric", "scope", "ts", "resolution"), List.of("val", "weight")))) {
                for (MetricSample s : samples) {
                    ps.setString(1, s.route());
                    ps.setString(2, s.metric());
                    ps.setString(3, s.scope());
                    ps.setLong(4, s.timestampMs());
                    ps.setLong(5, 0); // a raw point
                    ps.setDouble(6, s.value());
                    ps.setLong(7, 1);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The points from {@code fromMs} to {@code toMs}, both included, oldest first. */
    List<MetricSample> read(String route, String metric, String scope, long fromMs, long toMs) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(scope, "scope");
        return db.read("read samples of " + route + "/" + metric, c -> {
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
     * {@link JdbcReplicationStore#downsample}, in one transaction: drops points older than a week, averages
     * complete minutes older than an hour, then complete ten minutes older than a day.
     */
    void downsample(long nowMs) {
        db.write("downsample metric history", c -> {
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
}
