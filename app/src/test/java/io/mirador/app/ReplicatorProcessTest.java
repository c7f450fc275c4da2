package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mirador replicator} as a real child process: REST over a socket, state kept, clean SIGTERM. */
@Tag("integration")
class ReplicatorProcessTest {

    private static final Pattern LISTENING = Pattern.compile("replicator listening on (http://127\\.0\\.0\\.1:\\d+)/? .*");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void servesTheApiKeepsItsStateAndStopsCleanlyOnSigterm() throws Exception {
        Path state = temp.resolve("state");
        String base = startAndRead(state);
        assertThat(get(base + "/api/v1/health").statusCode()).isEqualTo(200);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/clusters"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"east\",\"bootstrapServers\":\"127.0.0.1:1\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        stop();

        String again = startAndRead(state);
        assertThat(get(again + "/api/v1/clusters").body()).as("state survives a restart").contains("\"east\"");
        stop();
    }

    @Test
    void aPublicBindWithoutATokenIsAUsageError() throws Exception {
        Process process = SandboxProcessTest.start("replicator", "--state", temp.resolve("s").toString(), "--bind", "0.0.0.0");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(1);
        assertThat(err).contains("--token");
        assertThat(Files.exists(temp.resolve("s.mv.db"))).as("nothing started, nothing written").isFalse();
    }

    private Process running;
    private List<String> output;

    private String startAndRead(Path state) throws IOException {
        running = SandboxProcessTest.start("replicator", "--state", state.toString(), "--port", "0");
        output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignoredException) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !output.isEmpty() || !running.isAlive());
        Matcher m = LISTENING.matcher(output.get(0));
        assertThat(m.matches()).as(output.get(0)).isTrue();
        return m.group(1);
    }

    private void stop() throws Exception {
        SandboxProcessTest.sigterm(running);
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(running.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> output.contains("stopped"));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
