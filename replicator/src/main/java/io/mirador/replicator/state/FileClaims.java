package io.mirador.replicator.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.mirador.replicator.state.Reasons.reason;

/**
 * The database files open in this process. H2 would silently share one file between two stores of the same
 * process (its file lock only keeps other processes out), so a store claims its file before it connects and
 * releases it once closed. Thread-safe: the claims are a concurrent set, and claiming is one atomic add.
 */
final class FileClaims {

    private static final Set<Path> OPEN_FILES = ConcurrentHashMap.newKeySet();

    private FileClaims() {
    }

    /**
     * Claims the file of an embedded database opened from a path, creating its directory. The key is the real
     * path of the directory, so that two spellings of one file (links, {@code ..}) are one claim. Refuses a
     * database in H2 1.x's format, which H2 2.x would otherwise ignore and start afresh beside.
     */
    static Path claim(Target target) {
        Path file = target.file();
        Path oldFormat = file.resolveSibling(target.baseName() + ".h2.db");
        if (!Files.exists(file) && Files.exists(oldFormat)) {
            throw new StateStoreException("state file " + oldFormat + " was written by H2 1.x, which this Mirador"
                    + " cannot read; export it with H2 1.4 and import it, or use another state path");
        }
        Path dir = file.getParent();
        try {
            Files.createDirectories(dir);
            return claimKey(dir.toRealPath().resolve(file.getFileName()), target);
        } catch (IOException e) {
            throw new StateStoreException("cannot create state directory " + dir + ": " + e.getClass().getSimpleName()
                    + " " + reason(e), e);
        }
    }

    /** Claims {@code key}, or refuses when a store of this process holds it already. */
    static Path claimKey(Path key, Target target) {
        if (!OPEN_FILES.add(key)) {
            throw new StateStoreException("state database " + target.description()
                    + " is already open in this process: another Mirador state store is using it");
        }
        return key;
    }

    /** Releases a claim; {@code null} (nothing claimed, e.g. an in-memory database) is ignored. */
    static void release(Path claimed) {
        if (claimed != null) {
            OPEN_FILES.remove(claimed);
        }
    }
}
