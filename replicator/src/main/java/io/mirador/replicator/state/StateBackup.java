package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * The last good copy of an embedded state file, {@code <name>.mv.db.bak} beside it ({@link Target#backup}). It is
 * saved when a file has passed every check at open, before anything is written to it, and again after a clean
 * close; a refusal to open a damaged file points to it ({@link #advice}).
 *
 * <p>Invariant: the backup is always a complete copy. It is written to {@code <name>.mv.db.bak.tmp}, synced, then
 * renamed over the old one, so a crash while saving leaves the previous backup. Failing to save it is logged,
 * never fatal: the state itself is fine.
 */
final class StateBackup {

    // Logged under the façade's name, as the rest of the store is.
    private static final Logger LOG = LoggerFactory.getLogger(JdbcReplicationStore.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private StateBackup() {
    }

    /** Copies the state file of {@code target} (embedded, not open for writing by anyone) to its backup. */
    static void save(Target target) {
        Path backup = target.backup();
        Path temp = backup.resolveSibling(backup.getFileName() + ".tmp");
        try {
            Files.copy(target.file(), temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, backup, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, backup, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the backup {} of state file {}: {}", backup, target.file(), reason(e));
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next save replaces it
            }
        }
    }

    /**
     * What to do about a state file that cannot be used, for the end of a refusal message: restore the backup when
     * there is one, or move the file away.
     */
    static String advice(Target target) {
        Path backup = target.backup();
        if (Files.isRegularFile(backup)) {
            String saved;
            try {
                saved = " (saved " + WHEN.format(Instant.ofEpochMilli(Files.getLastModifiedTime(backup).toMillis()))
                        + ")";
            } catch (IOException e) {
                saved = "";
            }
            return "restore the last good copy " + backup + saved + " over it, or move the file away to start afresh";
        }
        return "restore it from a backup, or move the file away to start afresh";
    }
}
