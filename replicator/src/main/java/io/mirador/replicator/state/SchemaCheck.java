package io.mirador.replicator.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * The schema of a state database: refuses one that belongs to another application or was written by a newer
 * Mirador, then creates or upgrades it with the Flyway migrations in {@code db/migration}. Flyway is set up never
 * to clean, baseline or skip validation, so a database we do not understand is refused, never reset.
 */
final class SchemaCheck {

    static final String MIGRATIONS = "classpath:db/migration";
    static final String HISTORY_TABLE = "flyway_schema_history";
    /** The script of version 1 in the Flyway history tells a Mirador state store from another application's. */
    static final String FIRST_SCRIPT = "V1__state.sql";

    private static final int MAX_TABLES_SHOWN = 10;
    /**
     * Tables without which a state is not complete: what it is for (connections, routes, where copying resumes).
     * Kept to these so that later migrations may reshape the others.
     */
    private static final List<String> REQUIRED_TABLES = List.of("CLUSTERS", "ROUTES", "CHECKPOINTS");

    private SchemaCheck() {
    }

    /**
     * Refuses a database that is not a Mirador state store or was written by a newer Mirador. Only reads. With
     * {@code complete} (an existing state file, see {@link StateFileCheck}) a database without tables, with an
     * empty schema history or without the {@link #REQUIRED_TABLES} is refused as damaged; otherwise (a JDBC URL)
     * such a database is new and {@link #migrate} creates the schema.
     *
     * @return whether the database holds a Mirador schema
     */
    static boolean verifyExisting(Target target, Connection c, boolean complete) {
        String where = target.description();
        boolean ours;
        try {
            String schema = c.getSchema();
            if (schema == null) {
                // PostgreSQL: no schema of the search path exists (e.g. currentSchema names one not created yet)
                throw new StateStoreException("state database " + where + " has no current schema: create the"
                        + " schema its search path names, or name an existing one (currentSchema=...)");
            }
            List<String> tables = new ArrayList<>();
            String history = null;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(tablesQuery(target, c))) {
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
                if (complete) {
                    throw OpenErrors.damaged(target, "an H2 database without any table: no Mirador state is left in"
                            + " it", null);
                }
                return false; // a new database
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
                    if (complete) {
                        throw OpenErrors.damaged(target, "its schema history is empty: no Mirador state is left in it",
                                null);
                    }
                    return false; // Flyway created its table but applied nothing yet: migrate will
                }
                throw foreign(target, tables);
            }
            if (complete) {
                List<String> missing = new ArrayList<>();
                for (String required : REQUIRED_TABLES) {
                    if (tables.stream().noneMatch(required::equalsIgnoreCase)) {
                        missing.add(required);
                    }
                }
                if (!missing.isEmpty()) {
                    throw OpenErrors.damaged(target, "incomplete: table " + String.join(", ", missing) + " missing",
                            null);
                }
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read state database " + where + ": " + reason(e), e);
        }
        MigrationInfoService info;
        try {
            info = flyway(target).info();
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
        return true;
    }

    /** Whether the schema of {@code target} (known to be ours) lacks migrations this Mirador would apply. */
    static boolean hasPendingMigrations(Target target) {
        try {
            return flyway(target).info().pending().length > 0;
        } catch (FlywayException e) {
            throw new StateStoreException("cannot read the schema history of state database "
                    + target.description() + ": " + reason(e), e);
        }
    }

    /**
     * Creates or upgrades the schema; Flyway opens connections of its own to {@code target.url()}. On PostgreSQL
     * each migration runs in a transaction (DDL included), so one that fails or is killed leaves the schema as it
     * was, and Flyway's advisory lock keeps two processes that start at once from both migrating.
     */
    static void migrate(Target target) {
        try {
            flyway(target).migrate();
        } catch (FlywayException e) {
            throw new StateStoreException("cannot create or upgrade the schema of state database "
                    + target.description() + ": " + reason(e), e);
        }
    }

    /**
     * Every table, as (schema, name). In H2, of every schema: the database is the state's alone. On a PostgreSQL
     * server, of the current schema only (where Flyway keeps the state): other schemas of the same database may be
     * other applications', and a state may be given a schema of its own ({@code currentSchema=mirador}).
     */
    private static String tablesQuery(Target target, Connection c) throws SQLException {
        if (Dialect.of(c, target).isServer()) {
            return "SELECT table_schema, table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() ORDER BY table_schema, table_name";
        }
        return "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_SCHEMA, TABLE_NAME";
    }

    private static StateStoreException foreign(Target target, List<String> tables) {
        String shown = String.join(", ", tables.subList(0, Math.min(tables.size(), MAX_TABLES_SHOWN)));
        if (tables.size() > MAX_TABLES_SHOWN) {
            shown += ", ... (" + tables.size() + " tables)";
        }
        return new StateStoreException("state database " + target.description()
                + " is not a Mirador state store (found tables: " + shown + ")"
                + (target.file() != null ? " and was left as it is: use another state path, or move the file away"
                + " to start afresh" : ""));
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Flyway flyway(Target target) {
        return Flyway.configure(JdbcReplicationStore.class.getClassLoader())
                .dataSource(target.url(), target.user(), target.password())
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                .baselineOnMigrate(false)
                .validateOnMigrate(true)
                .load();
    }
}
