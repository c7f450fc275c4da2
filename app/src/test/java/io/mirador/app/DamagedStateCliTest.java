package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.JdbcReplicationStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code replicator} and {@code mirror} on a damaged state file: one line on stderr that names the file and what
 * to do, exit 1, nothing started, the file left as it was. Run in-process, as {@link CliTest}.
 */
class DamagedStateCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"replicator", "mirror"})
    void aDamagedStateIsOneLineAndExitOne(String command) throws Exception {
        Path base = dir.resolve("state");
        Path file = dir.resolve("state.mv.db");
        try (JdbcReplicationStore store = JdbcReplicationStore.open(base.toString())) {
            store.putCluster(new ClusterConnection("source", "127.0.0.1:1"));
            store.putCluster(new ClusterConnection("target", "127.0.0.1:2"));
            store.putRoute(RouteDefinition.of("mirror", "source", "target", "orders"));
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(20_000);
        }
        byte[] damaged = Files.readAllBytes(file);

        CliTest.Result result = command.equals("replicator")
                ? CliTest.run("replicator", "--state", base.toString(), "--port", "0")
                : CliTest.run("mirror", "--from", "127.0.0.1:1", "--to", "127.0.0.1:2", "--topics", "orders",
                        "--state", base.toString());

        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("mirador: state file " + file + " is damaged (")
                .contains("restore the last good copy " + file + ".bak")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }
}
