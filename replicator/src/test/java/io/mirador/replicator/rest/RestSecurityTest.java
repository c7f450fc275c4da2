package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps web pages from driving the tokenless localhost API, over a real port: bodies must be JSON, an
 * Origin must be allowed, the Host must name this server. Each test replays what a hostile page's browser sends.
 */
class RestSecurityTest {

    private static final String CLUSTER = "{\"name\":\"evil\",\"bootstrapServers\":\"attacker.example:9092\"}";
    private static final String JSON = "application/json";
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
    void bodiesThatAreNotDeclaredJsonAre415() throws Exception {
        engines.withDeadClusters().route("default", "x");
        try (RestServer server = new RestServer(engines.config()).start()) {
            RawHttp http = new RawHttp("127.0.0.1", server.port());
            // What a page can send cross-origin without a preflight, and what curl -d sends by default.
            for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/jsonx"}) {
                RawHttp.Response refused = http.send("POST", "/api/v1/clusters", CLUSTER, "Content-Type", type);
                assertThat(refused.status()).as(type).isEqualTo(415);
                assertThat(refused.json().get("error").asText()).isEqualTo("unsupported_media_type");
                assertThat(refused.message()).contains("Content-Type: application/json");
            }
            assertThat(http.send("POST", "/api/v1/clusters", CLUSTER).status()).as("no Content-Type").isEqualTo(415);
            assertThat(http.send("POST", "/topics", "{\"topic\":\"t\"}", "Content-Type", "text/plain").status())
                    .as("uReplicator's endpoint").isEqualTo(415);
            assertThat(http.send("PUT", "/api/v1/clusters/a", CLUSTER, "Content-Type", "text/plain").status()).isEqualTo(415);
            assertThat(engines.engine.clusters()).extracting(c -> c.name()).containsExactly("a", "b");
            assertThat(engines.engine.route("default").orElseThrow().topics()).containsExactly("x");

            assertThat(http.send("POST", "/api/v1/clusters", CLUSTER, "Content-Type", "Application/JSON; charset=utf-8")
                    .status()).isEqualTo(201);
            assertThat(http.send("POST", "/topics", "{\"topic\":\"t\"}", "Content-Type", JSON).status()).isEqualTo(201);
            // No body, no content type needed: curl -X POST .../pause keeps working.
            assertThat(http.send("POST", "/api/v1/routes/default/pause", null).status()).isEqualTo(200);
        }
    }

    @Test
    void anOriginNotAllowedIs403WhateverTheRequest() throws Exception {
        try (RestServer server = new RestServer(engines.config()).start()) {
            RawHttp http = new RawHttp("127.0.0.1", server.port());
            for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:" + server.port(),
                    "http://localhost"}) {
                RawHttp.Response post = http.send("POST", "/api/v1/clusters", CLUSTER, "Content-Type", JSON, "Origin", origin);
                assertThat(post.status()).as(origin).isEqualTo(403);
                assertThat(post.json().get("error").asText()).isEqualTo("forbidden");
                assertThat(post.message()).contains("Origin").contains("--allow-origin");
                assertThat(post.header("Access-Control-Allow-Origin")).isNull();
                assertThat(http.send("GET", "/api/v1/clusters", null, "Origin", origin).status()).isEqualTo(403);
                assertThat(http.send("OPTIONS", "/api/v1/clusters", null, "Origin", origin,
                        "Access-Control-Request-Method", "POST").status()).isEqualTo(403);
            }
            assertThat(engines.engine.clusters()).isEmpty();
            // Scripts send no Origin: they are not affected.
            assertThat(http.send("POST", "/api/v1/clusters", CLUSTER, "Content-Type", JSON).status()).isEqualTo(201);
        }
    }

    @Test
    void anAllowedOriginGetsCorsHeadersNamingItNeverAWildcard() throws Exception {
        RestServerConfig config = engines.config().withAllowedOrigins(List.of("HTTP://Console.Example:80/", "https://ops.example:8443"));
        assertThat(config.allowedOrigins()).containsExactly("http://console.example", "https://ops.example:8443");
        try (RestServer server = new RestServer(config).start()) {
            RawHttp http = new RawHttp("127.0.0.1", server.port());
            RawHttp.Response preflight = http.send("OPTIONS", "/api/v1/clusters", null, "Origin", "https://ops.example:8443",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://ops.example:8443");
            assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Content-Type").contains("Authorization");

            RawHttp.Response created = http.send("POST", "/api/v1/clusters", CLUSTER, "Content-Type", JSON,
                    "Origin", "http://console.example");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo("http://console.example");
            assertThat(created.header("Vary")).isEqualTo("Origin");
            assertThat(http.send("GET", "/api/v1/health", null, "Origin", "http://console.example:8080").status())
                    .as("another port is another origin").isEqualTo(403);
            assertThat(http.send("GET", "/api/v1/health", null, "Origin", "https://console.example").status())
                    .as("another scheme is another origin").isEqualTo(403);
        }
        for (String bad : new String[] {"*", "http://*.example", "null", "file://x", "http://console.example/app", "console.example"}) {
            assertThatThrownBy(() -> engines.config().withAllowedOrigins(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onLoopbackOnlyLoopbackNamesPassTheHostCheck() throws Exception {
        try (RestServer server = new RestServer(engines.config()).start()) {
            int port = server.port();
            RawHttp http = new RawHttp("127.0.0.1", port);
            // DNS rebinding: the page's own name now points at 127.0.0.1, and its browser sends that name.
            for (String host : new String[] {"evil.example:" + port, "evil.example", "localhost.evil.example",
                    "127.0.0.1.nip.io:" + port, "0.0.0.0:" + port, "192.168.1.20:" + port}) {
                RawHttp.Response refused = http.send("POST", "/api/v1/clusters", CLUSTER, "Host", host, "Content-Type", JSON);
                assertThat(refused.status()).as(host).isEqualTo(403);
                assertThat(refused.message()).contains("Host").contains("--allow-host");
                assertThat(http.send("GET", "/api/v1/health", null, "Host", host).status()).as(host).isEqualTo(403);
            }
            assertThat(engines.engine.clusters()).isEmpty();
            for (String host : new String[] {"localhost", "LOCALHOST:" + port, "127.0.0.1", "127.0.0.1:" + port, "[::1]",
                    "[::1]:" + port, "[0:0:0:0:0:0:0:1]:" + port}) {
                assertThat(http.send("GET", "/api/v1/health", null, "Host", host).status()).as(host).isEqualTo(200);
            }
            assertThat(http.send("GET", "/api/v1/health", null, "Host", "localhost:port").status()).isEqualTo(400);
            assertThat(http.sendRaw("HTTP/1.0", "GET", "/api/v1/health", null, Map.of()).status())
                    .as("HTTP/1.0 without Host on loopback").isEqualTo(200);
        }
    }

    @Test
    void offLoopbackTheBoundAddressAndAllowedNamesPass() throws Exception {
        RestServerConfig config = engines.config().withBindAddress("0.0.0.0").withToken("t0ken")
                .withAllowedHosts(List.of("Mirador.Example.com"));
        try (RestServer server = new RestServer(config).start()) {
            int port = server.port();
            RawHttp http = new RawHttp("127.0.0.1", port);
            Map<String, String> auth = Map.of("Authorization", "Bearer t0ken");
            assertThat(http.send("GET", "/api/v1/health", null, with(auth, "Host", "evil.example:" + port)).status())
                    .isEqualTo(403);
            assertThat(http.send("GET", "/api/v1/health", null, with(auth, "Host", "0.0.0.0:" + port)).status())
                    .as("the wildcard is no name of the server").isEqualTo(403);
            assertThat(http.send("GET", "/api/v1/health", null, with(auth, "Host", "mirador.example.com:" + port)).status())
                    .isEqualTo(200);
            // The address the connection arrived on is a name of the server, here a loopback one.
            assertThat(http.send("GET", "/api/v1/health", null, with(auth, "Host", "127.0.0.1:" + port)).status())
                    .isEqualTo(200);
            assertThat(http.send("GET", "/api/v1/health", null, with(auth, "Host", "localhost:" + port)).status())
                    .isEqualTo(200);
        }
        assertThatThrownBy(() -> engines.config().withAllowedHosts(List.of("*"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engines.config().withAllowedHosts(List.of("host:8088"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** The rule for a server bound to a non-loopback address, checked without such an interface on the test host. */
    @Test
    void boundToAnotherAddressOnlyItAndAllowedNamesPass() throws Exception {
        InetAddress bound = InetAddress.getByName("10.1.2.3");
        RequestGuard guard = new RequestGuard(engines.config().withBindAddress("10.1.2.3").withToken("t")
                .withAllowedHosts(List.of("mirador.internal")), bound);
        assertThat(guard.check(request("10.1.2.3:8088"), bound)).isNull();
        assertThat(guard.check(request("10.1.2.3"), bound)).isNull();
        assertThat(guard.check(request("MIRADOR.internal:8088"), bound)).isNull();
        for (String host : new String[] {"localhost:8088", "127.0.0.1:8088", "evil.example:8088", "10.1.2.30"}) {
            assertThatThrownBy(() -> guard.check(request(host), bound)).as(host).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status().code()).isEqualTo(403));
        }
        assertThatThrownBy(() -> guard.check(request(null), bound)).as("no Host off loopback")
                .isInstanceOf(ApiError.class).hasMessageContaining("Host header is required");

        InetAddress v6 = InetAddress.getByName("fd00::5");
        RequestGuard guard6 = new RequestGuard(engines.config().withBindAddress("fd00::5").withToken("t"), v6);
        assertThat(guard6.check(request("[fd00:0:0:0:0:0:0:5]:8088"), v6)).isNull();
        assertThat(guard6.check(request("[FD00::5]"), v6)).isNull();
    }

    private static io.netty.handler.codec.http.HttpRequest request(String host) {
        DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/health");
        if (host != null) {
            request.headers().set("Host", host);
        }
        return request;
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.put(name, value);
        return all;
    }
}
