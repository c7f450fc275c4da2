package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * Judges an existing embedded state file before anything opens it for writing. Left to itself, H2 takes a file of
 * zero length for a new database, and a file whose newest chunks are lost (truncated, overwritten) for an older
 * version of itself, down to the empty database it was when created; it carries on from there and overwrites what
 * is left. So a file is only opened for writing once it has passed, reading only:
 * <ol>
 * <li>{@link #verifyFile}: it is not empty, H2 can read it, and the version H2 reads is not older than the one its
 *     header names (H2 writes the newest version there when it closes cleanly);</li>
 * <li>{@link #verifyContent}: opened read-only through H2, it holds a complete Mirador schema ({@link SchemaCheck}),
 *     every row of every table can be read, and the key file decrypts every stored secret
 *     ({@link SecretCipher#verify}).</li>
 * </ol>
 * A file that fails is refused with a {@link StateStoreException} and not changed by a single byte.
 *
 * <p>What this cannot see: after a crash H2's header names no version, and H2 legitimately carries on from the
 * newest complete chunk; a file cut after a crash exactly between two chunks looks like one whose last commits
 * never happened. Such a state still holds its schema, so it is not mistaken for a new one.
 */
final class StateFileCheck {

    /** An H2 MVStore file starts with two 4 KiB header blocks. */
    private static final long MIN_H2_FILE_BYTES = 8192;

    private StateFileCheck() {
    }

    /** Step 1: the file as H2's storage layer reads it, opened read-only. */
    static void verifyFile(Target target) {
        Path file = target.file();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StateStoreException("cannot read state file " + file + ": " + reason(e), e);
        }
        if (size == 0) {
            throw OpenErrors.damaged(target, "it is empty: 0 bytes", null);
        }
        if (size < MIN_H2_FILE_BYTES) {
            throw OpenErrors.damaged(target, "not a readable H2 database: " + size + " bytes long, too short for an H2"
                    + " database", null);
        }
        if (!Files.isReadable(file)) {
            throw new StateStoreException("cannot read state file " + file + ": permission denied");
        }
        MVStore store;
        try {
            // "async:" as in Target: an interrupt of the opening thread must not close the channel under H2
            store = new MVStore.Builder().fileName("async:" + file).readOnly().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw OpenErrors.locked(target, e);
            }
            throw OpenErrors.damaged(target, "not a readable H2 database: " + OpenErrors.corruptReason(target, e), e);
        } catch (RuntimeException e) {
            throw OpenErrors.damaged(target, "not a readable H2 database: " + OpenErrors.corruptReason(target, e), e);
        }
        try {
            long named = DataUtils.readHexLong(store.getFileStore().getStoreHeader(), "version", -1);
            long read = store.getCurrentVersion();
            if (read < named) {
                throw OpenErrors.damaged(target, "truncated or overwritten: its header names version " + named
                        + " but only version " + read + " can be read", null);
            }
        } catch (MVStoreException e) {
            throw OpenErrors.damaged(target, "not a readable H2 database: " + OpenErrors.corruptReason(target, e), e);
        } finally {
            store.close(); // read-only: writes nothing
        }
    }

    /** Step 2: the content, through H2 opened read-only and only if the file exists. */
    static void verifyContent(Target target, SecretCipher cipher) {
        Target readOnly = target.readOnly();
        Connection c;
        try {
            c = DriverManager.getConnection(readOnly.url(), readOnly.user(), readOnly.password());
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY) {
                // H2 must write to open a database that holds not even its first user: it crashed as it was created
                throw OpenErrors.damaged(target, "an H2 database without any user or table: no Mirador state is"
                        + " left in it", e);
            }
            throw OpenErrors.openError(target, e);
        }
        try (c) {
            SchemaCheck.verifyExisting(readOnly, c, true);
            String table = null;
            try {
                for (String t : tables(c)) {
                    table = t;
                    readEveryRow(c, t);
                }
            } catch (SQLException e) {
                throw OpenErrors.damaged(target, "table " + table + " cannot be read: "
                        + OpenErrors.corruptReason(target, e), e);
            }
            cipher.verify(ClusterTable.storedSecrets(c), target.description());
        } catch (SQLException e) {
            throw OpenErrors.damaged(target, "not a readable H2 database: " + OpenErrors.corruptReason(target, e), e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Decodes every value of every row: H2 reads pages only when asked, so a damaged one shows only here. */
    private static void readEveryRow(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        }
    }
}
