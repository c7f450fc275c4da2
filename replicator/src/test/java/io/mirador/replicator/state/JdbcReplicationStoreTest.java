package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file, and what only a file has: its checks, locks, backups and crashes. */
class JdbcReplicationStoreTest extends StoreContract {

    @TempDir
    Path dir;

    private Path statePath() {
        return dir.resolve("sub").resolve("state");
    }

    private Path stateFile() {
        return dir.resolve("sub").resolve("state.mv.db");
    }

    @Override
    JdbcReplicationStore open() {
        return JdbcReplicationStore.open(statePath().toString());
    }

    @Test
    void theStateFileIsNamedWithOrWithoutItsExtension() {
        Snapshot before;
        try (JdbcReplicationStore store = open()) {
            fill(store, "r1");
            before = Snapshot.of(store);
        }
        assertThat(stateFile()).exists();
        try (JdbcReplicationStore store = JdbcReplicationStore.open(stateFile().toString())) {
            assertThat(Snapshot.of(store)).isEqualTo(before);
        }
    }

    // ------------------------------------------------------------------------------------------ round trips

    @Test
    void secretsAreEncryptedOnDiskWithAnOwnerOnlyKey() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putCluster(PROD);
            assertThat(store.cluster("prod")).contains(PROD);
        }
        byte[] file = Files.readAllBytes(stateFile());
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("s3cret")
                .contains("SASL_SSL");
        Path key = dir.resolve("sub").resolve("state.key");
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(reopened.cluster("prod")).contains(PROD);
        }
        Files.delete(key);
        // refused when it opens, not at the first use of the secret; more in DamagedStateTest
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("key file").hasMessageContaining("missing");
        assertThat(key).as("no new key made while secrets need the old one").doesNotExist();
    }

    @Test
    void aWriterInterruptedMidWriteLeavesTheStoreWorking() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putCluster(PROD);
            store.putCluster(DR);
            store.putRoute(FULL_ROUTE);
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    try {
                        store.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, i, 0, i, i)));
                    } catch (RuntimeException e) {
                        // An interrupted write may fail; what matters is that the store survives it.
                    }
                }
            });
            writer.start();
            while (writer.isAlive()) {
                writer.interrupt();
                Thread.onSpinWait();
            }
            store.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, 1_000, 0, 1_000, 1_000)));
            assertThat(store.checkpoints("r1").get(new TopicPartition("orders", 0)).sourceOffset()).isEqualTo(1_000);
        }
        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(reopened.checkpoints("r1").get(new TopicPartition("orders", 0)).sourceOffset()).isEqualTo(1_000);
        }
    }

    @Test
    void committedWritesSurviveACrash() throws Exception {
        JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString());
        fill(store, "r1");
        Snapshot before = Snapshot.of(store);
        // another connection to the same (in-process) database ends it as a crash would: nothing more is written;
        // it must name the file as the store does (async:), or H2 sees a second database on a locked file
        try (Connection c = DriverManager.getConnection(plainUrl().replace("jdbc:h2:file:", "jdbc:h2:async:"), "sa", "");
             Statement st = c.createStatement()) {
            st.execute("SHUTDOWN IMMEDIATELY");
        }
        assertThatThrownBy(store::routes).isInstanceOf(StateStoreException.class);
        store.close();

        try (JdbcReplicationStore reopened = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(Snapshot.of(reopened)).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------------------------------- bad databases

    @Test
    void aCorruptFileIsRefusedAndLeftAlone() throws IOException {
        byte[] garbage = new byte[100_000];
        new Random(42).nextBytes(garbage);
        Files.createDirectories(stateFile().getParent());
        Files.write(stateFile(), garbage);

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state file " + stateFile().toAbsolutePath()
                        + " is damaged (not a readable H2 database: ")
                .hasMessageEndingWith(") and was left as it is: restore it from a backup, or move the file away to"
                        + " start afresh")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("async:");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(garbage);
        try (var files = Files.list(stateFile().getParent())) {
            assertThat(files).containsExactly(stateFile()); // no trace or lock file next to it either
        }
    }

    @Test
    void aTextFileIsRefusedAndLeftAlone() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.writeString(stateFile(), "just some notes\n");

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state file " + stateFile().toAbsolutePath() + " is damaged (not a readable H2 database:"
                        + " 16 bytes long, too short for an H2 database) and was left as it is: restore it from a"
                        + " backup, or move the file away to start afresh");
        assertThat(Files.readString(stateFile())).isEqualTo("just some notes\n");
    }

    /**
     * A new state is created whole in a file of another name, so an H2 file without a Mirador schema was never a
     * state: it is refused, not taken for a new one (it may be what a damaged state was cut back to).
     */
    @Test
    void aDatabaseThatCrashedBeforeItsFirstWriteIsRefused() throws Exception {
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT)");
            st.execute("SHUTDOWN IMMEDIATELY");
        }
        byte[] bytes = Files.readAllBytes(stateFile());
        assertThat(bytes).isNotEmpty();
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state file " + stateFile().toAbsolutePath() + " is damaged (an H2 database"
                        + " without any ");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void anEmptyFileIsRefusedNotTakenForANewStore() throws IOException {
        Files.createDirectories(stateFile().getParent());
        Files.createFile(stateFile());
        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state file " + stateFile().toAbsolutePath() + " is damaged (it is empty: 0 bytes) and was"
                        + " left as it is: restore it from a backup, or move the file away to start afresh");
        assertThat(stateFile()).isEmptyFile();
    }

    @Test
    void anotherApplicationsH2DatabaseIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY, total DECIMAL(10, 2))");
            st.execute("CREATE TABLE customers (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders VALUES (1, 9.99)");
        }
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (found tables: CUSTOMERS, ORDERS) and was left as it is: use"
                        + " another state path, or move the file away to start afresh");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
        assertThat(tables()).containsExactly("CUSTOMERS", "ORDERS");
    }

    @Test
    void anH2DatabaseWithOtherCredentialsIsRefusedAndLeftAlone() throws Exception {
        try (Connection c = DriverManager.getConnection(plainUrl(), "app", "pw"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            st.execute("INSERT INTO orders VALUES 7");
        }

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (it needs another user name or password)");
        // H2 itself rewrites the file's header when a login fails, but its content is as it was
        try (Connection c = DriverManager.getConnection(plainUrl(), "app", "pw"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ORDERS");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void anotherApplicationsFlywayDatabaseIsRefusedAndLeftAlone() throws Exception {
        Flyway.configure()
                .dataSource(plainUrl(), "sa", "")
                .locations("classpath:io/mirador/replicator/state/no-migrations-here")
                .javaMigrations(new V1__Create_orders())
                .load()
                .migrate();
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessage("state database " + stateFile().toAbsolutePath()
                        + " is not a Mirador state store (found tables: ORDERS, flyway_schema_history) and was left as it"
                        + " is: use another state path, or move the file away to start afresh");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void aDatabaseOfANewerMiradorIsRefusedAndLeftAlone() throws Exception {
        try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
            store.putRoute(FULL_ROUTE);
        }
        try (Connection c = plainConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (99, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'sa', 1, TRUE)");
        }
        byte[] bytes = Files.readAllBytes(stateFile());

        assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageStartingWith("state database " + stateFile().toAbsolutePath()
                        + " was written by a newer Mirador (schema version 999, this Mirador knows up to ");
        assertThat(Files.readAllBytes(stateFile())).isEqualTo(bytes);
    }

    @Test
    void aSecondOpenInTheSameProcessIsRefused() {
        try (JdbcReplicationStore first = JdbcReplicationStore.open(statePath().toString())) {
            first.putRoute(FULL_ROUTE);
            assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessage("state database " + stateFile().toAbsolutePath()
                            + " is already open in this process: another Mirador state store is using it");
            // the same file by another spelling
            assertThatThrownBy(() -> JdbcReplicationStore.open(dir.resolve("sub/../sub/./state").toString()))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("is already open in this process");
            assertThat(first.route("r1")).contains(FULL_ROUTE);
        }
        try (JdbcReplicationStore again = JdbcReplicationStore.open(statePath().toString())) {
            assertThat(again.route("r1")).contains(FULL_ROUTE);
        }
    }

    @Test
    void aFileLockedByAnotherProcessIsRefused() throws Exception {
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            Path childLog = dir.resolve("child.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StoreHolder.class.getName(), statePath().toString())
                    .redirectError(childLog.toFile())
                    .start();
            try {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertThat(line).as("child output; its log: %s", childLog).isEqualTo(StoreHolder.READY);

                assertThatThrownBy(() -> JdbcReplicationStore.open(statePath().toString()))
                        .isInstanceOf(StateStoreException.class)
                        .hasMessage("state database " + stateFile().toAbsolutePath() + " is locked by another"
                                + " process: another Mirador may be using it (stop it or choose another state path)");
            } finally {
                child.getOutputStream().close(); // the child closes its store and exits
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            assertThat(child.exitValue()).isZero();
            try (JdbcReplicationStore store = JdbcReplicationStore.open(statePath().toString())) {
                assertThat(store.route("held")).isPresent();
            }
        });
    }

    // ------------------------------------------------------------------------------------------- other URLs

    @Test
    void inMemoryDatabasesWork() {
        for (String url : List.of("jdbc:h2:mem:", "jdbc:h2:mem:mirador-test-" + System.nanoTime(),
                "jdbc:h2:mem:mirador-user-" + System.nanoTime() + ";USER=mirador;PASSWORD=pw")) {
            try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
                fill(store, "r1");
                assertThat(store.route("r1")).isPresent();
                assertThat(store.checkpoints("r1")).hasSize(2);
                assertThat(store.events(null, 10)).hasSize(1);
                store.downsample(NOW);
            }
        }
        // two unnamed in-memory stores are two databases
        try (JdbcReplicationStore a = JdbcReplicationStore.open("jdbc:h2:mem:");
             JdbcReplicationStore b = JdbcReplicationStore.open("jdbc:h2:mem:")) {
            a.putRoute(FULL_ROUTE);
            assertThat(b.routes()).isEmpty();
        }
        assertThat(dir.resolve("sub")).doesNotExist();
    }

    @Test
    void aJdbcUrlNamingAFileIsUsedAsIs() {
        String url = "jdbc:h2:file:" + dir.resolve("viaurl").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
            store.putRoute(FULL_ROUTE);
            assertThatThrownBy(() -> JdbcReplicationStore.open(url))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("is already open in this process");
        }
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url)) {
            assertThat(store.routes()).containsExactly(FULL_ROUTE);
        }
        assertThat(dir.resolve("viaurl.mv.db")).exists();
    }

    private String plainUrl() throws IOException {
        Files.createDirectories(statePath().getParent());
        return "jdbc:h2:file:" + statePath().toAbsolutePath();
    }

    private Connection plainConnection() throws IOException, SQLException {
        return DriverManager.getConnection(plainUrl(), "sa", "");
    }

    private List<String> tables() throws IOException, SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = plainConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Another application's first Flyway migration. */
    static final class V1__Create_orders extends BaseJavaMigration {

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("1");
        }

        @Override
        public String getDescription() {
            return "Create orders";
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
            }
        }
    }

    /** Run in another JVM: opens the store, says so, and keeps it open until its standard input ends. */
    static final class StoreHolder {

        static final String READY = "store-open";

        public static void main(String[] args) throws IOException {
            try (JdbcReplicationStore store = JdbcReplicationStore.open(args[0])) {
                store.putRoute(RouteDefinition.of("held", "a", "b", ".*"));
                System.out.println(READY);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our input
                }
            }
        }
    }
}
