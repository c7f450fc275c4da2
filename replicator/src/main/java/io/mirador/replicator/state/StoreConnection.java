package io.mirador.replicator.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * The one JDBC connection of an open store (auto-commit off), and the lock that serialises its use. Each
 * {@link #read} or {@link #write} is one transaction, run by whichever thread calls, while it holds the lock:
 * committed, and for a write to an embedded file synced to disk, before it returns; rolled back when it throws.
 *
 * <p>Thread-safe. {@code connection} and {@code closed} are only touched under {@code lock}; a {@link Work} gets
 * the connection for the length of its transaction only and must not keep it or hand it to another thread. The
 * lock is reentrant, but a {@link Work} must not call {@link #read} or {@link #write} again: the nested call
 * would commit the outer transaction early.
 *
 * <p>A server database (PostgreSQL) may drop the connection (a restart, a failover, an idle timeout): the call
 * that finds it lost fails, and the next one connects again ({@link Reconnect}). A lost embedded H2 database is
 * not reopened behind the opener's back: its file checks belong to opening it.
 */
final class StoreConnection {

    // Logged under the façade's name, as before it was split, so that log settings and filters keep working.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    /** Opens a new connection to the same database, auto-commit off. */
    @FunctionalInterface
    interface Reconnect {
        Connection open() throws SQLException;
    }

    /** The body of one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Target target;
    private final Dialect dialect;
    private final Reconnect reconnect;
    private final Path claimedFile;
    private Connection connection;
    /** The connection was lost: the next transaction opens a new one first. */
    private boolean lost;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    /**
     * Takes over {@code connection} (auto-commit off) and the claim on {@code claimedFile} (null when none):
     * {@link #close} ends both.
     */
    StoreConnection(Target target, Dialect dialect, Connection connection, Path claimedFile) {
        this(target, dialect, connection, claimedFile, null);
    }

    /** As above; {@code reconnect} (null for none) replaces a connection that was lost. */
    StoreConnection(Target target, Dialect dialect, Connection connection, Path claimedFile, Reconnect reconnect) {
        this.target = target;
        this.dialect = dialect;
        this.reconnect = reconnect;
        this.connection = connection;
        this.claimedFile = claimedFile;
    }

    /** The SQL dialect of the database, for the statements that differ ({@link Dialect}). */
    Dialect dialect() {
        return dialect;
    }

    String description() {
        return target.description();
    }

    /**
     * Runs {@code work} as a transaction that only reads. {@code what} (e.g. "read routes") goes into the
     * message of a failure: "cannot read routes in state database ...".
     */
    <T> T read(String what, Work<T> work) {
        return inTransaction(what, work, false);
    }

    /** Runs {@code work} as a transaction, durable when this returns. */
    <T> T write(String what, Work<T> work) {
        return inTransaction(what, work, true);
    }

    private <T> T inTransaction(String what, Work<T> work, boolean write) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("state store " + target.description() + " is closed");
            }
            if (lost) {
                connectAgain();
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
                lost = reconnect != null && isLost(e);
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

    private void connectAgain() {
        try {
            Connection fresh = reconnect.open();
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the lost connection to state database {} failed", target.description(), e);
            }
            connection = fresh;
            lost = false;
            LOG.info("Connected again to state database {}", target.description());
        } catch (SQLException | StateStoreException e) {
            throw new StateStoreException("lost the connection to state database " + target.description()
                    + " and cannot connect again: " + reason(e), e);
        }
    }

    /** Whether {@code e} means the connection is gone rather than that the statement failed. */
    private boolean isLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin shutdown / crash / cannot connect now
            }
        }
        try {
            return connection.isClosed() || !connection.isValid(5);
        } catch (SQLException notValid) {
            return true;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback failed on state database {}: {}", target.description(), reason(e));
        }
    }

    /**
     * Closes the connection, saves the last good copy of an embedded file ({@link StateBackup}) and releases the
     * file claim, once: later calls do nothing. Waits for a transaction
     * running in another thread to end; calls that come after it fail with {@link IllegalStateException}.
     */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                connection.close();
                LOG.info("Closed state store {}", target.description());
                if (target.file() != null) {
                    // closed cleanly, and still claimed: nothing writes to it while it is copied
                    StateBackup.save(target);
                }
            } catch (SQLException e) {
                throw new StateStoreException("cannot close state database " + target.description() + ": "
                        + reason(e), e);
            } finally {
                FileClaims.release(claimedFile);
            }
        } finally {
            lock.unlock();
        }
    }
}
