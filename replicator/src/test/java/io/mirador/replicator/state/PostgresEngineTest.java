package io.mirador.replicator.state;

import static io.mirador.replicator.testing.KafkaTestClient.count;
import static io.mirador.replicator.testing.KafkaTestClient.createTopic;
import static io.mirador.replicator.testing.KafkaTestClient.produceNumbered;
import static io.mirador.replicator.testing.KafkaTestClient.range;
import static io.mirador.replicator.testing.KafkaTestClient.sequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.testing.SharedClusters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on a state in PostgreSQL: it copies records between two real clusters, its checkpoints are rows of
 * the server's database, and an engine started later on another store of the same database resumes from them.
 */
@Tag("integration")
class PostgresEngineTest {

    private static final EngineSettings FAST = new EngineSettings(500, 200, 500, 60_000, 1.5);

    @RegisterExtension
    static final SharedClusters clusters = SharedClusters.named("src", "dst");
    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path temp;
    private String keyFileBefore;

    @BeforeEach
    void keyFile() {
        keyFileBefore = System.setProperty(SecretCipher.KEY_FILE_PROPERTY, temp.resolve("secrets.key").toString());
    }

    @AfterEach
    void restoreKeyFile() {
        if (keyFileBefore == null) {
            System.clearProperty(SecretCipher.KEY_FILE_PROPERTY);
        } else {
            System.setProperty(SecretCipher.KEY_FILE_PROPERTY, keyFileBefore);
        }
    }

    @Test
    void anEngineCopiesWithItsCheckpointsInPostgresAndAnotherResumesFromThem() throws Exception {
        String src = clusters.bootstrap("src");
        String dst = clusters.bootstrap("dst");
        String url = postgres.newDatabase();
        createTopic(src, "pg.orders", 3, Map.of());
        produceNumbered(src, "pg.orders", 3, 0, 300);

        try (JdbcReplicationStore store = JdbcReplicationStore.open(url);
             ReplicationEngine engine = clusters.engine(store, FAST)) {
            engine.createRoute(RouteDefinition.of("pg", "src", "dst", "pg\\..*"));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(dst, "pg.orders") >= 300);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointedInPostgres(url) == 300);
        }

        produceNumbered(src, "pg.orders", 3, 300, 450);
        try (JdbcReplicationStore store = JdbcReplicationStore.open(url);
             ReplicationEngine engine = new ReplicationEngine(store, FAST)) {
            engine.start();
            assertThat(store.route("pg")).isPresent();
            await().atMost(Duration.ofSeconds(60)).until(() -> checkpointedInPostgres(url) == 450);
            assertThat(sequences(dst, "pg.orders")).containsAll(range(0, 450));
            assertThat(count(dst, "pg.orders")).as("resumed from the stored checkpoints, not from the start")
                    .isLessThan(600);
        }
    }

    /** The sum of the route's checkpoints, read straight from the server's table. */
    private static long checkpointedInPostgres(String url) throws Exception {
        try (Connection c = postgres.admin(PostgresServer.databaseOf(url));
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(source_offset), 0) FROM checkpoints"
                     + " WHERE route = 'pg' AND topic = 'pg.orders'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
