package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real sockets (a real engine on H2, no Kafka needed): binding rules, token, body limit. */
class RestServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
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
    void portZeroServesOnAFreePortUntilClosed() throws Exception {
        RestServer server = new RestServer(engines.config()).start();
        int port = server.port();
        try {
            assertThat(port).isPositive();
            assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + port));
            HttpResponse<String> health = get(server.uri().resolve("/api/v1/health"), null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        } finally {
            server.close();
        }
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void nonLoopbackBindWithoutTokenIsRefused() {
        assertThatThrownBy(() -> new RestServer(engines.config().withBindAddress("0.0.0.0")))
                .isInstanceOf(RestServerException.class)
                .hasMessage("refusing to serve the REST API on 0.0.0.0 without a token: set a bearer token or bind to 127.0.0.1");
        assertThat(new RestServer(engines.config().withBindAddress("0.0.0.0").withToken("t0ken")).config().token())
                .isEqualTo("t0ken");
        assertThatThrownBy(() -> new RestServer(engines.config().withBindAddress("no-such-host.invalid")))
                .isInstanceOf(RestServerException.class).hasMessageContaining("unknown REST bind address");
    }

    @Test
    void portInUseIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            RestServer server = new RestServer(engines.config().withPort(port));
            assertThatThrownBy(server::start).isInstanceOf(RestServerException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
            server.close();
        }
    }

    @Test
    void tokenOverTheWire() throws Exception {
        try (RestServer server = new RestServer(engines.config().withToken("k3y-for-tests")).start()) {
            URI health = server.uri().resolve("/api/v1/health");
            HttpResponse<String> none = get(health, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(get(health, "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(get(server.uri().resolve("/metrics"), "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(get(health, "Bearer k3y-for-tests").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void oversizedBodyIs413OverTheWire() throws Exception {
        try (RestServer server = new RestServer(engines.config().withMaxBodyBytes(1024)).start()) {
            HttpRequest big = HttpRequest.newBuilder(server.uri().resolve("/api/v1/clusters"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024])).build();
            HttpResponse<String> response = http.send(big, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"error\":\"payload_too_large\"");
            assertThat(get(server.uri().resolve("/api/v1/health"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void configNeverShowsTheToken() {
        assertThat(engines.config().withToken("very-secret").toString()).doesNotContain("very-secret");
        assertThatThrownBy(() -> engines.config().withToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engines.config().withMaxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engines.config().withPort(70_000)).isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
