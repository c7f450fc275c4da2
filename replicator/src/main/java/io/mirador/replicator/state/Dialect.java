package io.mirador.replicator.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that differs between the two databases a state can live in, chosen once from the connection's metadata.
 * Everything else (the migrations, queries, deletes, {@code FETCH FIRST}) is SQL both accept.
 *
 * <ul>
 * <li>Upserts: H2's {@code MERGE INTO ... KEY (...)} is H2's own syntax; PostgreSQL's is
 *     {@code INSERT ... ON CONFLICT (...) DO UPDATE}, which is also atomic when two processes write the same key
 *     (PostgreSQL 15's standard {@code MERGE} is not: it can fail with a duplicate key, and 14 has none).</li>
 * <li>Generated keys: the JDBC driver quotes the column name it is given, and H2 folds unquoted names to upper
 *     case, PostgreSQL to lower case.</li>
 * </ul>
 */
enum Dialect {

    H2,
    POSTGRESQL;

    /** The dialect of the database {@code c} is connected to; refuses any other database. */
    static Dialect of(Connection c, Target target) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.equals("h2")) {
            return H2;
        }
        if (lower.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new StateStoreException("state database " + target.description() + " is " + product
                + ": Mirador keeps its state in H2 (a file) or PostgreSQL");
    }

    /** Whether this is a database server that several processes may share, rather than an embedded H2 database. */
    boolean isServer() {
        return this == POSTGRESQL;
    }

    /**
     * A statement that inserts a row of {@code table} or, when a row with the same {@code key} exists, sets its
     * other columns: parameters are the {@code key} columns, then the {@code others}, in that order.
     */
    String upsert(String table, List<String> key, List<String> others) {
        List<String> columns = new ArrayList<>(key);
        columns.addAll(others);
        String params = String.join(", ", Collections.nCopies(columns.size(), "?"));
        if (this == H2) {
            return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key)
                    + ") VALUES (" + params + ")";
        }
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + params + ")"
                + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + excluded(others);
    }

    /** {@code c = EXCLUDED.c, ...}: PostgreSQL's "the value the insert proposed" for each column. */
    static String excluded(List<String> columns) {
        List<String> sets = new ArrayList<>();
        for (String column : columns) {
            sets.add(column + " = EXCLUDED." + column);
        }
        return String.join(", ", sets);
    }

    /** The name to ask the driver for as the generated key of column {@code column} (given in lower case). */
    String generatedKey(String column) {
        return this == H2 ? column.toUpperCase(Locale.ROOT) : column;
    }
}
