package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A JVM that exits on SIGTERM without stopping its cluster (the GUI, say) still frees ports and temp data. */
@Tag("integration")
class ExitHookTest {

    /** The child: starts a cluster on temporary data, reports it, then waits to be terminated. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("hooked").build());
        cluster.start();
        System.out.println(cluster.dataDirectory().orElseThrow() + " " + cluster.brokers().get(0).port());
        System.out.flush();
        Thread.currentThread().join();
    }

    @Test
    void sigtermStopsTheClusterAndDeletesTemporaryData() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ExitHookTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String[] line = out.readLine().split(" ");
            Path data = Path.of(line[0]);
            int port = Integer.parseInt(line[1]);
            assertThat(data).isDirectory();
            assertThat(Ports.isFree(port)).isFalse();

            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(child.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(data)).as("temporary data deleted").isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isFree(port));
        } finally {
            child.destroyForcibly();
        }
    }
}
