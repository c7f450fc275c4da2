package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.mirador.replicator.route.RouteDefinition;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real PostgreSQL server, a database of its own per test, and what a shared server adds:
 * several stores on one database see each other's writes, an older schema is upgraded, a database that is not
 * ours is refused. Secrets use a key file in a temporary directory ({@link SecretCipher#KEY_FILE_PROPERTY}).
 */
class PostgresReplicationStoreTest extends StoreContract {

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    private String url;
    private String keyFileBefore;

    @BeforeEach
    void newDatabase() {
        url = postgres.newDatabase();
        keyFileBefore = System.setProperty(SecretCipher.KEY_FILE_PROPERTY, dir.resolve("secrets.key").toString());
    }

    @AfterEach
    void restoreKeyFile() {
        if (keyFileBefore == null) {
            System.clearProperty(SecretCipher.KEY_FILE_PROPERTY);
        } else {
            System.setProperty(SecretCipher.KEY_FILE_PROPERTY, keyFileBefore);
        }
    }

    @Override
    JdbcReplicationStore open() {
        return JdbcReplicationStore.open(url);
    }

    // ------------------------------------------------------------------------------------------ shared state

    @Test
    void twoStoresOnOneDatabaseSeeEachOthersWrites() {
        try (JdbcReplicationStore a = open(); JdbcReplicationStore b = open()) {
            a.putCluster(PROD);
            a.putCluster(DR);
            a.putRoute(FULL_ROUTE);
            assertThat(b.cluster("prod")).contains(PROD); // its secret too: both use the same key file
            assertThat(b.routes()).containsExactly(FULL_ROUTE);

            a.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, 10, 0, 9, 1_000)));
            b.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 1, 20, 1, 19, 1_000)));
            assertThat(a.checkpoints("r1")).isEqualTo(b.checkpoints("r1")).containsOnlyKeys(
                    new TopicPartition("orders", 0), new TopicPartition("orders", 1));

            // the same row written from both: the last write wins, nothing fails
            b.saveCheckpoints(List.of(new Checkpoint("r1", "orders", 0, 15, 0, 14, 2_000)));
            assertThat(a.checkpoints("r1").get(new TopicPartition("orders", 0)).sourceOffset()).isEqualTo(15);

            RouteDefinition paused = FULL_ROUTE.withPaused(true);
            b.putRoute(paused);
            assertThat(a.route("r1")).contains(paused);
            a.putTopicMapping(new TopicMapping("r1", "orders", "orders-copy", 4, 4));
            assertThat(b.topicMappings("r1")).hasSize(1);
            b.replaceAssignments("r1", List.of(new Assignment("r1", "orders", 0, 3)));
            assertThat(a.assignments("r1")).containsExactly(new Assignment("r1", "orders", 0, 3));

            ReplicationEvent event = a.addEvent(ReplicationEvent.error("r1", "from a"));
            assertThat(b.events("r1", 10)).containsExactly(event);

            assertThat(b.deleteRoute("r1")).isTrue();
            assertThat(a.routes()).isEmpty();
            assertThat(a.checkpoints("r1")).isEmpty();
        }
    }

    @Test
    void secretsAreEncryptedInTheDatabaseAndTheUrlsPasswordIsNeverShown() throws Exception {
        try (JdbcReplicationStore store = open()) {
            store.putCluster(PROD);
            assertThat(store.description()).contains("password=******").doesNotContain("pg-secret");
            assertThat(store.toString()).doesNotContain("pg-secret");
        }
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT properties FROM clusters WHERE name = 'prod'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("SASL_SSL", "enc:v1:").doesNotContain("s3cret");
        }
    }

    @Test
    void storesRacingToCreateTheSameRowsAllSucceed() throws Exception {
        try (JdbcReplicationStore a = open(); JdbcReplicationStore b = open()) {
            a.putRoute(FULL_ROUTE);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (JdbcReplicationStore store : List.of(a, b)) {
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            RouteDefinition route = RouteDefinition.of("new-" + i, "prod", "dr", ".*");
                            store.putRoute(route);
                            store.saveCheckpoints(List.of(new Checkpoint("r1", "t", i, i, 0, i, i)));
                            store.replaceAssignments("r1", List.of(new Assignment("r1", "t", 0, i),
                                    new Assignment("r1", "t", 1, i)));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(a.routes()).hasSize(51);
            assertThat(a.checkpoints("r1")).hasSize(50);
            assertThat(a.assignments("r1")).hasSize(2);
        }
    }

    @Test
    void aStoreWhoseConnectionWasDroppedConnectsAgain() throws Exception {
        try (JdbcReplicationStore store = open()) {
            store.putRoute(FULL_ROUTE);
            try (Connection c = postgres.admin("postgres"); Statement st = c.createStatement()) {
                // what a server restart or failover does to the store's connection
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + PostgresServer.databaseOf(url) + "'");
            }
            assertThatThrownBy(store::routes).isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("cannot read routes");
            assertThat(store.routes()).containsExactly(FULL_ROUTE);
            store.putRoute(MINIMAL_ROUTE);
        }
        try (JdbcReplicationStore store = open()) {
            assertThat(store.routes()).containsExactly(FULL_ROUTE, MINIMAL_ROUTE);
        }
    }

    // ------------------------------------------------------------------------------------------ schema

    @Test
    void aSchemaOneDatabaseIsUpgradedAndKeepsItsCheckpointsWithoutIdentity() throws Exception {
        Flyway.configure().dataSource(url, null, null).locations(SchemaCheck.MIGRATIONS).target("1").load()
                .migrate();
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement()) {
            st.execute("INSERT INTO routes (name, definition, created_at, updated_at) VALUES ('r',"
                    + " '{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"include\":\"t\"}', 1, 1)");
            st.execute("INSERT INTO checkpoints (route, topic, source_partition, source_offset, target_partition,"
                    + " target_offset, updated_at) VALUES ('r', 't', 0, 42, 0, 41, 1)");
        }
        try (JdbcReplicationStore store = open()) {
            Checkpoint cp = store.checkpoints("r").get(new TopicPartition("t", 0));
            assertThat(cp.sourceOffset()).isEqualTo(42);
            assertThat(cp.identity()).as("written before identities were kept").isEqualTo(TopicIdentity.UNKNOWN);
            store.saveCheckpoints(List.of(new Checkpoint("r", "t", 0, 50, 0, 49, 2, new TopicIdentity("sc", "st",
                    "tc", "tt"))));
            assertThat(store.checkpoints("r").get(new TopicPartition("t", 0)).identity().sourceTopicId())
                    .isEqualTo("st");
        }
        assertThat(Flyway.configure().dataSource(url, null, null).locations(SchemaCheck.MIGRATIONS).load().info()
                .current().getVersion()).isEqualTo(MigrationVersion.fromVersion("2"));
    }

    @Test
    void anotherApplicationsTablesAreRefusedAndLeftAlone() throws Exception {
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id INT PRIMARY KEY)");
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("is not a Mirador state store (found tables: orders)")
                .hasMessageContaining("password=******").hasMessageNotContaining("pg-secret");
        assertThat(tables()).containsExactly("orders");
    }

    @Test
    void otherSchemasOfTheDatabaseAreNotOurs() throws Exception {
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA billing");
            st.execute("CREATE TABLE billing.invoices (id INT PRIMARY KEY)");
            st.execute("CREATE SCHEMA mirador");
        }
        try (JdbcReplicationStore store = open()) {
            store.putRoute(FULL_ROUTE);
        }
        // and a state may have a schema of its own
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url + "&currentSchema=mirador")) {
            assertThat(store.routes()).isEmpty();
            store.putRoute(MINIMAL_ROUTE);
        }
        try (JdbcReplicationStore store = open()) {
            assertThat(store.routes()).containsExactly(FULL_ROUTE);
        }
    }

    @Test
    void aDatabaseOfANewerMiradorIsRefused() throws Exception {
        try (JdbcReplicationStore store = open()) {
            store.putRoute(FULL_ROUTE);
        }
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement()) {
            st.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'postgres', 1, TRUE)");
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("was written by a newer Mirador (schema version 99");
    }

    @Test
    void aMissingDatabaseAndWrongCredentialsAreExplained() {
        String missing = postgres.url("no_such_db");
        assertThatThrownBy(() -> JdbcReplicationStore.open(missing))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("does not exist on its server")
                .hasMessageNotContaining("pg-secret");
        assertThatThrownBy(() -> JdbcReplicationStore.open("jdbc:postgresql://localhost:1/x?password=pg-secret"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("cannot reach state database")
                .hasMessageNotContaining("pg-secret");
    }

    @Test
    void aSecondHostWithoutTheKeyFileIsToldToCopyIt() throws Exception {
        try (JdbcReplicationStore store = open()) {
            store.putCluster(PROD);
        }
        System.setProperty(SecretCipher.KEY_FILE_PROPERTY, dir.resolve("other-host.key").toString());
        assertThatThrownBy(this::open)
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("is missing")
                .hasMessageContaining("every process sharing this state needs a copy of the same key file");
        assertThat(tables()).contains("clusters");
    }

    private List<String> tables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                     + " WHERE table_schema = 'public' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
