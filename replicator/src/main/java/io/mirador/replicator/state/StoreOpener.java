package io.mirador.replicator.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * Opens a state database, in this order: claim its file in this process ({@link FileClaims}), connect
 * ({@link OpenErrors} explains a refusal), check that an existing database is ours and not newer
 * ({@link SchemaCheck}), make commits durable, then create or upgrade the schema. Nothing is written to a
 * database before it is known to be ours; on any failure the connection is closed and the claim released.
 */
final class StoreOpener {

    // Logged under the façade's name, as before it was split, so that log settings and filters keep working.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);

    private StoreOpener() {
    }

    /** See {@link JdbcReplicationStore#open}. */
    static StoreConnection open(String pathOrJdbcUrl) {
        Target target = Target.parse(pathOrJdbcUrl);
        Path claimed = null;
        if (target.file() != null) {
            claimed = FileClaims.claim(target);
        } else if (target.claimKey() != null) {
            claimed = FileClaims.claimKey(target.claimKey(), target);
        }
        Connection connection = null;
        try {
            connection = connect(target);
            try {
                SchemaCheck.verifyExisting(target, connection);
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
            SchemaCheck.migrate(target);
            connection.setAutoCommit(false);
            StoreConnection store = new StoreConnection(target, connection, claimed);
            LOG.info("Opened state store {}", target.description());
            return store;
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

    private static Connection connect(Target target) {
        try {
            return target.user() == null
                    ? DriverManager.getConnection(target.url())
                    : DriverManager.getConnection(target.url(), target.user(), target.password());
        } catch (SQLException e) {
            throw OpenErrors.openError(target, e);
        }
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
}
