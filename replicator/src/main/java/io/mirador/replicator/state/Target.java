package io.mirador.replicator.state;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the store lives. {@code file} (the {@code .mv.db} file) is set for an embedded database opened from a
 * path; {@code claimKey} for a {@code jdbc:h2:file:} URL; {@code user} is null when the URL names the user or
 * the password, and for any database but H2 (e.g. {@code jdbc:postgresql://host:5432/db?user=u&password=p}),
 * whose driver then takes them from the URL or its own defaults. {@code description} is what our messages show:
 * the file, or the URL with its password masked.
 */
record Target(String url, String user, String password, Path file, String baseName, Path claimKey,
              String description) {

    /**
     * Settings of an embedded file database: we close it ourselves; no trace file (it could hold SQL parameters).
     * None of them is persistent, so that opening a database we then refuse does not change a byte of it; the
     * persistent {@code WRITE_DELAY 0} (a commit is written to the file before it returns) is set once the
     * database is known to be ours.
     */
    private static final String FILE_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|pwd)=[^;]*");
    /** Other drivers take parameters as a query string ({@code ?user=u&password=p}). */
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&;](?:password|pwd|sslpassword)=)[^&;]*");
    private static final Pattern UNNAMED_MEM = Pattern.compile("(?i)^jdbc:h2:mem:(;.*)?$");

    /**
     * A JDBC URL (anything starting with {@code jdbc:}) is used as is, except that an unnamed
     * {@code jdbc:h2:mem:} database gets a unique name; anything else is the path of an embedded H2 database,
     * with or without its {@code .mv.db} extension, where a leading {@code ~} is the user's home.
     */
    static Target parse(String pathOrUrl) {
        Objects.requireNonNull(pathOrUrl, "pathOrJdbcUrl");
        String s = pathOrUrl.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("state store path or JDBC URL is empty");
        }
        if (s.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return forUrl(s);
        }
        if (s.contains(";")) {
            throw new IllegalArgumentException("state store path must not contain ';': " + s);
        }
        if (s.equals("~") || s.startsWith("~/") || s.startsWith("~" + File.separator)) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        if (s.endsWith(".mv.db")) {
            s = s.substring(0, s.length() - ".mv.db".length());
        }
        Path base = Path.of(s).toAbsolutePath().normalize();
        if (base.getFileName() == null) {
            throw new IllegalArgumentException("state store path names no file: " + pathOrUrl);
        }
        String baseName = base.getFileName().toString();
        Path file = base.resolveSibling(baseName + ".mv.db");
        // "async:" (an AsynchronousFileChannel) survives an interrupt of a writing thread (a cancelled GUI task, say);
        // with plain "file:" an interrupt closes the channel and H2 gives up the whole database.
        return new Target("jdbc:h2:async:" + base + FILE_SETTINGS, "sa", "", file, baseName, null, file.toString());
    }

    /**
     * The same embedded file, opened read-only and only if it exists: H2 then neither writes to it (not even to
     * fall back to an older version of a damaged file) nor creates a new database in its place.
     */
    Target readOnly() {
        return withUrl(url + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE");
    }

    /** The same embedded file, opened for writing only if it exists, so that H2 never creates it afresh. */
    Target existingOnly() {
        return withUrl(url + ";IFEXISTS=TRUE");
    }

    /** Whether this is an H2 database (embedded, in memory, or any other {@code jdbc:h2:} URL). */
    boolean isH2() {
        return url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length());
    }

    /** The last good copy of an embedded file, beside it: {@code <name>.mv.db.bak}. */
    Path backup() {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    private Target withUrl(String otherUrl) {
        if (file == null) {
            throw new IllegalStateException("not an embedded state file: " + description);
        }
        return new Target(otherUrl, user, password, file, baseName, claimKey, description);
    }

    private static Target forUrl(String url) {
        Matcher unnamed = UNNAMED_MEM.matcher(url);
        if (unnamed.matches()) {
            // every connection to "jdbc:h2:mem:" is a database of its own; Flyway needs to see ours
            url = "jdbc:h2:mem:mirador-state-" + UUID.randomUUID()
                    + (unnamed.group(1) == null ? "" : unnamed.group(1));
        }
        String upper = url.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("JDBC:H2:")) {
            // H2's "sa" with no password is H2's default, not another server's
            return new Target(url, null, null, null, null, null, QUERY_SECRET.matcher(url).replaceAll("$1******"));
        }
        boolean namesUser = upper.contains(";USER=") || upper.contains(";PASSWORD=");
        Path claimKey = null;
        if (upper.startsWith("JDBC:H2:FILE:")) {
            int end = url.indexOf(';');
            String path = url.substring("jdbc:h2:file:".length(), end < 0 ? url.length() : end);
            try {
                claimKey = Path.of(path + ".mv.db").toAbsolutePath().normalize();
            } catch (RuntimeException e) {
                claimKey = null; // not a path we understand (e.g. ~ or a prefix): H2 will judge it
            }
        }
        return new Target(url, namesUser ? null : "sa", namesUser ? null : "", null, null, claimKey,
                URL_SECRET.matcher(url).replaceAll("$1=******"));
    }
}
