package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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

/**
 * {@code mirador replicator --allow-origin/--allow-host} as a real child process: the options reach the REST
 * server, and bad values are usage errors before anything starts.
 */
@Tag("integration")
class ReplicatorAccessTest {

    private static final Pattern LISTENING = Pattern.compile("replicator listening on http://127\\.0\\.0\\.1:(\\d+)/? .*");

    @TempDir
    Path temp;

    @Test
    void allowedOriginsAndHostsPassOthersAreRefused() throws Exception {
        Process process = SandboxProcessTest.start("replicator", "--state", temp.resolve("state").toString(), "--port", "0",
                "--allow-origin", "http://console.example:3000", "--allow-host", "mirador.test,other.test");
        try {
            int port = port(process);
            String json = "Content-Type: application/json\r\n";
            String body = "{\"name\":\"east\",\"bootstrapServers\":\"127.0.0.1:1\"}";
            assertThat(send(port, "POST", "/api/v1/clusters", "Host: 127.0.0.1\r\n" + json
                    + "Origin: http://evil.example\r\n", body)).startsWith("HTTP/1.1 403");
            assertThat(send(port, "POST", "/api/v1/clusters", "Host: evil.example\r\n" + json, body)).startsWith("HTTP/1.1 403");
            assertThat(send(port, "POST", "/api/v1/clusters", "Host: 127.0.0.1\r\nContent-Type: text/plain\r\n", body))
                    .startsWith("HTTP/1.1 415");

            String allowed = send(port, "POST", "/api/v1/clusters", "Host: mirador.test:" + port + "\r\n" + json
                    + "Origin: http://console.example:3000\r\n", body);
            assertThat(allowed).startsWith("HTTP/1.1 201").containsIgnoringCase("access-control-allow-origin: http://console.example:3000");
            assertThat(send(port, "GET", "/api/v1/health", "Host: other.test\r\n", null)).startsWith("HTTP/1.1 200");
            assertThat(send(port, "GET", "/api/v1/clusters", "Host: localhost:" + port + "\r\n", null))
                    .startsWith("HTTP/1.1 200").contains("\"east\"");
        } finally {
            SandboxProcessTest.sigterm(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void aWildcardOrMalformedAllowValueIsAUsageError() {
        for (String[] args : new String[][] {{"--allow-origin", "*"}, {"--allow-origin", "http://a.example/path"},
                {"--allow-host", "*"}, {"--allow-host", "host:8088"}}) {
            Path state = temp.resolve("s-" + args[0].substring(2) + args[1].length());
            CliTest.Result result = CliTest.run("replicator", "--state", state.toString(), args[0], args[1]);
            assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).contains(args[0]).doesNotContain("Exception");
            assertThat(Files.exists(Path.of(state + ".mv.db"))).as("nothing started").isFalse();
        }
    }

    private static int port(Process process) {
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
        await().atMost(Duration.ofSeconds(60)).until(() -> !output.isEmpty() || !process.isAlive());
        Matcher m = LISTENING.matcher(output.get(0));
        assertThat(m.matches()).as(output.get(0)).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** One request over a plain socket (java.net.http will not send another Host); the whole raw answer. */
    private static String send(int port, String method, String path, String headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\n" + headers + "Content-Length: " + content.length
                + "\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
