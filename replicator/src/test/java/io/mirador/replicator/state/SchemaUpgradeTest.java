package io.mirador.replicator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state of an older schema is upgraded whole or not at all: the migrations run on a copy that replaces the file
 * in one rename, so an upgrade that fails (or is killed) leaves the file exactly as it was, never half upgraded.
 */
class SchemaUpgradeTest {

    @TempDir
    Path temp;

    @Test
    void aSchemaOneStateIsUpgradedAndKeepsItsCheckpointsWithoutIdentity() throws Exception {
        Path state = schemaOneState(true);

        try (JdbcReplicationStore store = JdbcReplicationStore.open(state.toString())) {
            Checkpoint cp = store.checkpoints("r").get(new TopicPartition("t", 0));
            assertThat(cp.sourceOffset()).isEqualTo(42);
            assertThat(cp.identity()).as("written before identities were kept").isEqualTo(TopicIdentity.UNKNOWN);
        }
        assertThat(leftovers()).as("no temporary upgrade file left behind").isEmpty();
    }

    @Test
    void anUpgradeThatFailsLeavesTheFileAsItWas() throws Exception {
        // Without topic_mappings, V2's later statements fail after its first ones (on checkpoints) succeeded:
        // upgraded in place, the file would keep those first columns.
        Path state = schemaOneState(false);
        Path file = temp.resolve("state.mv.db");
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> JdbcReplicationStore.open(state.toString()))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining("left as it was");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    /** A state as schema version 1 left it, with a route and one checkpoint; optionally without topic_mappings. */
    private Path schemaOneState(boolean withTopicMappings) throws Exception {
        Path state = temp.resolve("state");
        String url = "jdbc:h2:" + state.toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("INSERT INTO routes (name, definition, created_at, updated_at) VALUES ('r',"
                    + " '{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"include\":\"t\"}', 1, 1)");
            st.execute("INSERT INTO checkpoints (route, topic, source_partition, source_offset, target_partition,"
                    + " target_offset, updated_at) VALUES ('r', 't', 0, 42, 0, 41, 1)");
            if (!withTopicMappings) {
                st.execute("DROP TABLE topic_mappings");
            }
        }
        return state;
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().contains(".upgrade-")).toList();
        }
    }
}
