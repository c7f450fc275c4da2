package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;

import org.h2.api.ErrorCode;

import static io.mirador.replicator.state.Reasons.firstLine;
import static io.mirador.replicator.state.Reasons.reason;

/**
 * Explains why H2 would not connect: a file locked by another process, a corrupt file or one that is not an H2
 * database, credentials that are not ours (so not our database), or anything else.
 */
final class OpenErrors {

    /** An H2 MVStore file starts with two 4 KiB header blocks. */
    private static final long MIN_H2_FILE_BYTES = 8192;

    private OpenErrors() {
    }

    static StateStoreException openError(Target target, SQLException e) {
        String where = target.description();
        if (!target.isH2()) {
            return serverError(target, e);
        }
        switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1:
                return locked(target, e);
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

    /** A database server's refusal, by SQLState (other drivers have no H2 error codes). */
    private static StateStoreException serverError(Target target, SQLException e) {
        String where = target.description();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // "No suitable driver found for <url>" would show the password the description masks
        String reason = reason(e).replace(target.url(), where);
        if (state.equals("28P01") || state.equals("28000")) {
            return new StateStoreException("cannot log in to state database " + where + ": " + reason
                    + " (name the user and password in the URL: ?user=...&password=...)", e);
        }
        if (state.equals("3D000")) {
            return new StateStoreException("state database " + where + " does not exist on its server: create it"
                    + " (CREATE DATABASE), Mirador creates only its tables: " + reason, e);
        }
        if (state.startsWith("08")) {
            return new StateStoreException("cannot reach state database " + where + ": " + reason, e);
        }
        return new StateStoreException("cannot open state database " + where + ": " + reason, e);
    }

    static StateStoreException locked(Target target, Exception e) {
        return new StateStoreException("state database " + target.description() + " is locked by another process:"
                + " another Mirador may be using it (stop it or choose another state path)", e);
    }

    private static StateStoreException corrupt(Target target, SQLException e) {
        if (target.file() != null) {
            return damaged(target, "not a readable H2 database: " + corruptReason(target, e), e);
        }
        return new StateStoreException("state database " + target.description() + " is corrupt or not an H2 database: "
                + corruptReason(target, e), e);
    }

    /**
     * The refusal of an embedded state file that exists but cannot be read as a complete Mirador state: it names
     * the file, says why, that it was not touched, and what to do. {@code why} goes in parentheses.
     */
    static StateStoreException damaged(Target target, String why, Throwable cause) {
        return new StateStoreException("state file " + target.file() + " is damaged (" + why + ") and was left as it"
                + " is: " + StateBackup.advice(target), cause);
    }

    /** H2's innermost explanation, without the file name (already in our message) and object ids. */
    static String corruptReason(Target target, Throwable e) {
        if (target.file() != null) {
            try {
                long size = Files.size(target.file());
                if (size < MIN_H2_FILE_BYTES) {
                    return size + " bytes long, too short for an H2 database";
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
            reason = reason.replace("async:" + target.file(), target.file().toString())
                    .replace("\"" + target.file() + "\"", "").replace(": " + target.file(), "")
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
}
