package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cross-cutting behaviour of the pipeline: token, body limit, keep-alive, percent-decoding. */
class RestDispatcherTest {

    private TestEngines engines;

    @BeforeEach
    void setUp() {
        engines = new TestEngines();
    }

    @AfterEach
    void tearDown() {
        engines.close();
    }

    @Test
    void tokenIsRequiredOnEveryEndpoint() {
        try (RestChannel channel = new RestChannel(engines.config().withToken("s3cret-token"))) {
            for (String path : new String[] {"/api/v1/health", "/health", "/metrics", "/topics", "/nowhere"}) {
                RestChannel.Response none = channel.get(path);
                assertThat(none.status()).as(path).isEqualTo(401);
                assertThat(none.error()).isEqualTo("unauthorized");
                assertThat(none.headers().get("WWW-Authenticate")).startsWith("Bearer");
            }
            assertThat(channel.send("GET", "/api/v1/health", null, Map.of("Authorization", "Bearer s3cret-tokem")).status())
                    .isEqualTo(401);
            assertThat(channel.send("GET", "/api/v1/health", null, Map.of("Authorization", "Basic s3cret-token")).status())
                    .isEqualTo(401);
            RestChannel.Response wrong = channel.send("GET", "/api/v1/health", null, Map.of("Authorization", "Bearer s3cret"));
            assertThat(wrong.body()).doesNotContain("s3cret-token");
            assertThat(channel.send("GET", "/api/v1/health", null, Map.of("Authorization", "Bearer s3cret-token")).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void oversizedBodyIs413JsonAndTheConnectionStaysUsable() {
        try (RestChannel channel = new RestChannel(engines.config().withMaxBodyBytes(100))) {
            RestChannel.Response tooLarge = channel.send("POST", "/api/v1/clusters",
                    "{\"name\":\"x\",\"bootstrapServers\":\"" + "h".repeat(200) + "\"}");

            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.error()).isEqualTo("payload_too_large");
            assertThat(tooLarge.json().get("message").asText()).contains("100 bytes");
            assertThat(channel.isOpen()).isTrue();
            assertThat(channel.get("/api/v1/health").status()).isEqualTo(200);
            assertThat(engines.engine.clusters()).isEmpty();
        }
    }

    @Test
    void oversizedChunkedBodyIs413AndCloses() {
        try (RestChannel channel = new RestChannel(engines.config().withMaxBodyBytes(100))) {
            String chunk = "x".repeat(150);
            String request = "POST /api/v1/clusters HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
            RestChannel.Response response = channel.writeRaw(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.error()).isEqualTo("payload_too_large");
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    void connectionCloseIsHonoured() {
        try (RestChannel channel = new RestChannel(engines.config())) {
            RestChannel.Response response = channel.send("GET", "/api/v1/health", null, Map.of("Connection", "close"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("Connection")).isEqualTo("close");
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    void pathSegmentsArePercentDecoded() {
        engines.engine.createCluster(new io.mirador.cluster.ClusterConnection("eu west+1", TestEngines.DEAD));
        try (RestChannel channel = new RestChannel(engines.config())) {
            RestChannel.Response response = channel.get("/api/v1/clusters/eu%20west+1");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("name").asText()).isEqualTo("eu west+1");
        }
    }
}
