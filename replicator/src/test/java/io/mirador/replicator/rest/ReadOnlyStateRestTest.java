package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state store that cannot be written (issue 12, item 4): a write through the API is refused with the store's own
 * reason, not as an internal error with a stack trace in the log. Reads still answer.
 */
class ReadOnlyStateRestTest {

    @TempDir
    Path dir;

    private ReplicationStore store;
    private ReplicationEngine engine;
    private RestChannel channel;

    @BeforeEach
    void openReadOnly() {
        String base = dir.resolve("state").toString();
        try (ReplicationStore writable = JdbcReplicationStore.open(base)) {
            writable.putCluster(new ClusterConnection("a", TestEngines.DEAD, TestEngines.FAIL_FAST));
        }
        // As a user would on a file they may only read (root ignores file modes, so H2's own switch stands in).
        store = JdbcReplicationStore.open("jdbc:h2:file:" + base + ";ACCESS_MODE_DATA=r");
        engine = new ReplicationEngine(store, TestEngines.FAST);
        engine.start();
        channel = new RestChannel(RestServerConfig.defaults(engine).withPort(0));
    }

    @AfterEach
    void close() {
        channel.close();
        engine.close();
        store.close();
    }

    @Test
    void aWriteToAReadOnlyStateIs503WithTheStoresReason() {
        RestChannel.Response created = channel.send("POST", "/api/v1/clusters",
                "{\"name\":\"b\",\"bootstrapServers\":\"127.0.0.1:1\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(503);
        assertThat(created.error()).isEqualTo("state_unavailable");
        assertThat(created.json().get("message").asText())
                .contains("cannot save cluster b")
                .contains("read only")
                .doesNotContain("org.h2", "Exception", "\n");
        assertThat(channel.get("/api/v1/clusters").json()).hasSize(1);
    }
}
