package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** {@code java -jar mirador.jar sandbox} as a real child process: its output contract and a clean SIGTERM. */
@Tag("integration")
class SandboxProcessTest {

    private static final Pattern CLUSTER_LINE = Pattern.compile("cluster (\\S+) bootstrap=(127\\.0\\.0\\.1:\\d+)");

    static Path jar() {
        Path jar = Path.of(System.getProperty("mirador.jar", "target/mirador.jar"));
        assertThat(jar).as("the shaded jar is built before integration tests").exists();
        return jar;
    }

    static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    @Test
    void printsOneLinePerClusterThenReadyAndExitsZeroOnSigterm() throws Exception {
        Process process = start("sandbox", "--clusters", "east,west", "--demo");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = pump(process, lines);
        try {
            // Generous: two clusters start in a child JVM, and shared CI machines can be slow.
            await().atMost(Duration.ofSeconds(150)).until(() -> lines.contains("ready") || !process.isAlive());
            assertThat(lines).as("stdout").hasSize(3);
            Matcher east = CLUSTER_LINE.matcher(lines.get(0));
            Matcher west = CLUSTER_LINE.matcher(lines.get(1));
            assertThat(east.matches()).as(lines.get(0)).isTrue();
            assertThat(west.matches()).as(lines.get(1)).isTrue();
            assertThat(east.group(1)).isEqualTo("east");
            assertThat(west.group(1)).isEqualTo("west");
            assertThat(lines.get(2)).isEqualTo("ready");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", east.group(2)))) {
                assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("demo.page-views");
            }
            sigterm(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            reader.join(5000);
            assertThat(process.exitValue()).isZero();
            assertThat(lines).last().isEqualTo("stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadArgumentFromTheJarExitsTwoWithOneLineOnStderr() throws Exception {
        Process process = start("sandbox", "--brokers", "many");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).contains("--brokers").contains("many");
    }

    @Test
    void aPortInUseFailsWithOneLineAndExitOne(@org.junit.jupiter.api.io.TempDir Path temp) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process process = start("sandbox", "--clusters", "busy", "--port-base", Integer.toString(taken.getLocalPort()),
                    "--data-dir", temp.toString());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(err.lines().toList()).containsExactly("mirador: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use: stop what holds it or choose another port base");
        }
    }

    /**
     * Sends SIGTERM with kill(1): {@link Process#destroy()} sends it too but also closes our end of the child's
     * stdout, which would hide the child's last lines.
     */
    static void sigterm(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    static Thread pump(Process process, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
