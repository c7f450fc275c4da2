package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * Opens a state database, in this order: claim its file in this process ({@link FileClaims}); for an embedded
 * file, create it whole if it does not exist ({@link #createFresh}), then check it, reading only
 * ({@link StateFileCheck}: readable, complete, ours, not newer, the key fits), save its last good copy
 * ({@link StateBackup}) and connect only if it exists; for a JDBC URL, connect and check that an existing database
 * is ours and not newer ({@link SchemaCheck}) and that the key fits. Then make commits durable and create or
 * upgrade the schema. {@link OpenErrors} explains a refusal. Nothing is written to a database before it is known
 * to be ours and whole; on any failure the connection is closed and the claim released.
 *
 * <p>A PostgreSQL URL ({@code jdbc:postgresql://...}) takes the JDBC URL path: no claim (several stores, in this
 * process or others, may share a server database by design), no file checks, backups or temporary files. Only H2
 * and PostgreSQL are accepted ({@link Dialect}).
 */
final class StoreOpener {

    // Logged under the façade's name, as before it was split, so that log settings and filters keep working.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    /** An open store: its connection, and the cipher for its secrets (whose key was checked against them). */
    record Opened(StoreConnection db, SecretCipher cipher) {
    }

    private StoreOpener() {
    }

    /** See {@link JdbcReplicationStore#open}. */
    static Opened open(String pathOrJdbcUrl) {
        Target target = Target.parse(pathOrJdbcUrl);
        SecretCipher cipher = SecretCipher.forStore(target);
        Path claimed = null;
        if (target.file() != null) {
            claimed = FileClaims.claim(target);
        } else if (target.claimKey() != null) {
            claimed = FileClaims.claimKey(target.claimKey(), target);
        }
        Connection connection = null;
        try {
            Target connectTo = target;
            if (target.file() != null) {
                boolean created = !Files.exists(target.file(), LinkOption.NOFOLLOW_LINKS) && createFresh(target);
                StateFileCheck.verifyFile(target);
                StateFileCheck.verifyContent(target, cipher);
                if (!created) {
                    StateBackup.save(target);
                    upgradeWhole(target);
                }
                connectTo = target.existingOnly();
            }
            connection = connect(connectTo);
            Dialect dialect = Dialect.of(connection, target);
            if (target.file() == null) {
                // A JDBC URL: there is no file of ours to judge byte by byte, back up, or upgrade on a copy. A server
                // database (PostgreSQL) is the server's to keep whole: it runs each migration in a transaction, so
                // an interrupted upgrade rolls back instead of leaving half a schema; backups are its admin's.
                if (SchemaCheck.verifyExisting(target, connection, false)) {
                    cipher.verify(ClusterTable.storedSecrets(connection), target.description());
                }
            }
            if (target.file() != null) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET WRITE_DELAY 0");
                }
            }
            SchemaCheck.migrate(connectTo);
            connection.setAutoCommit(false);
            StoreConnection store = new StoreConnection(target, dialect, connection, claimed,
                    dialect.isServer() ? () -> reconnect(target) : null);
            LOG.info("Opened state store {}", target.description());
            return new Opened(store, cipher);
        } catch (SQLException e) {
            closeQuietly(connection);
            FileClaims.release(claimed);
            throw new StateStoreException("cannot open state database " + target.description() + ": " + reason(e), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            FileClaims.release(claimed);
            throw e;
        }
    }

    /**
     * Creates the state file of {@code target} whole or not at all: the schema is created in a temporary file
     * beside it, closed cleanly, then given the state file's name only if that name is still free (a hard link
     * where the file system has them, else a rename that does not replace). So an existing state file is one that
     * was complete once, and one that is not complete now is damaged, never taken for a new one.
     *
     * @return false when another process created the state file meanwhile (it is then checked like any other)
     */
    private static boolean createFresh(Target target) {
        Path file = target.file();
        Target fresh = Target.parse(file.resolveSibling("." + target.baseName() + ".new-" + UUID.randomUUID())
                .toString());
        try {
            try (Connection c = connect(fresh); Statement st = c.createStatement()) {
                st.execute("SET WRITE_DELAY 0");
                SchemaCheck.migrate(fresh);
            } // the only connection: closing it closes the database, cleanly
            try {
                Files.createLink(file, fresh.file());
            } catch (FileAlreadyExistsException raced) {
                return false;
            } catch (IOException | UnsupportedOperationException noHardLinks) {
                try {
                    Files.move(fresh.file(), file);
                } catch (FileAlreadyExistsException raced) {
                    return false;
                }
            }
            LOG.info("Created state file {}", file);
            return true;
        } catch (SQLException | IOException e) {
            throw new StateStoreException("cannot create state file " + file + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(fresh.file());
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary state file {}: {}", fresh.file(), reason(e));
            }
        }
    }

    /**
     * Applies pending migrations to a copy of the state file and puts the upgraded copy in its place with one
     * atomic rename, so that a kill during an upgrade leaves the old, whole file. In place, H2 commits each DDL
     * statement of a migration at once: a kill inside one left some of its columns and no history row for it, and
     * every later start failed on re-running it (issue 11's mirror that never started again after a SIGKILL).
     */
    private static void upgradeWhole(Target target) {
        // Asked read-only: even a read-write open that changes nothing rewrites the file's header.
        if (!SchemaCheck.hasPendingMigrations(target.readOnly())) {
            return;
        }
        Path file = target.file();
        Path copy = file.resolveSibling("." + target.baseName() + ".upgrade-" + UUID.randomUUID() + ".mv.db");
        Target upgraded = Target.parse(copy.toString().substring(0, copy.toString().length() - ".mv.db".length()));
        try {
            Files.copy(file, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            try (Connection c = connect(upgraded.existingOnly()); Statement st = c.createStatement()) {
                st.execute("SET WRITE_DELAY 0");
                SchemaCheck.migrate(upgraded.existingOnly());
            } // the only connection: closing it closes the database, cleanly
            Files.move(copy, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Upgraded the schema of state file {}", file);
        } catch (SQLException | IOException | StateStoreException e) {
            throw new StateStoreException("cannot upgrade the schema of state file " + file + " (left as it was): "
                    + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary state file {}: {}", copy, reason(e));
            }
        }
    }

    /** A new connection to a server database already open (and checked) once; auto-commit off. */
    private static Connection reconnect(Target target) throws SQLException {
        Connection c = connect(target);
        try {
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static Connection connect(Target target) {
        try {
            return target.user() == null
                    ? DriverManager.getConnection(target.url())
                    : DriverManager.getConnection(target.url(), target.user(), target.password());
        } catch (SQLException e) {
            throw OpenErrors.openError(target, e);
        }
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
}
