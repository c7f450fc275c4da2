package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over a real port: each gets a 400 with one line that speaks of the request, not of Java, and echoes
 * no more than a short piece of what was sent; HEAD is answered like GET. One server for the class: every test
 * leaves the engine's clusters and routes as it found them (only refusals, or names of its own).
 */
class RestInputTest {

    private static final String JSON = "application/json";
    private static TestEngines engines;
    private static RestServer server;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        engines = new TestEngines().withDeadClusters();
        server = new RestServer(engines.config()).start();
        http = new RawHttp("127.0.0.1", server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        engines.close();
    }

    @Test
    void malformedPercentEncodingIs400() throws Exception {
        for (String path : new String[] {"/api/v1/clusters/%zz%", "/api/v1/clusters/%", "/api/v1/routes/a%2/status",
                "/api/v1/events?route=%zz", "/api/v1/routes/%zz/history?metric=lag"}) {
            RawHttp.Response response = http.send("GET", path, null);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.message()).as(path).contains("malformed percent-encoding").doesNotContain("\n");
        }
    }

    @Test
    void errorsNameNoJavaClassesAndQuoteAtMostAShortPiece() throws Exception {
        String deep = "{\"name\":\"x\",\"properties\":{\"a\":" + "[".repeat(1_200) + "]".repeat(1_200) + "}}";
        String[] bodies = {
            "{\"name\":{},\"bootstrapServers\":\"h:1\"}",
            "{\"name\":\"x\",\"bootstrapServers\":[\"h:1\"]}",
            "{\"name\":\"x\",\"bootstrapServers\":\"h:1\",\"properties\":[]}",
            deep,
            "{\"name\":\"x\", ",
            "[1]",
        };
        for (String body : bodies) {
            RawHttp.Response response = http.send("POST", "/api/v1/clusters", body, "Content-Type", JSON);
            assertThat(response.status()).as(body.substring(0, Math.min(60, body.length()))).isEqualTo(400);
            assertInternalsHidden(response.message());
        }
        RawHttp.Response nested = http.send("POST", "/api/v1/clusters", deep, "Content-Type", JSON);
        assertThat(nested.message()).contains("nesting depth");

        for (String body : new String[] {"{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"topics\":{}}",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"topics\":[null]}",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"workers\":99999999999}",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"namingMap\":[1]}"}) {
            RawHttp.Response response = http.send("POST", "/api/v1/routes", body, "Content-Type", JSON);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertInternalsHidden(response.message());
        }

        String huge = "n".repeat(100_000);
        RawHttp.Response longName = http.send("POST", "/api/v1/clusters",
                "{\"name\":\"" + huge + "\",\"bootstrapServers\":\"h:1\"}", "Content-Type", JSON);
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.body().length()).isLessThan(500);
        assertThat(longName.message()).contains("n".repeat(40) + "…").doesNotContain("n".repeat(Names.SHOWN + 1));
        RawHttp.Response longTopic = http.send("POST", "/api/v1/routes/a/topics", "{\"topic\":\"" + huge + "\"}",
                "Content-Type", JSON);
        assertThat(longTopic.body().length()).isLessThan(500);
        RawHttp.Response longServers = http.send("POST", "/api/v1/clusters",
                "{\"name\":\"x\",\"bootstrapServers\":\"" + huge + "\"}", "Content-Type", JSON);
        assertThat(longServers.status()).isEqualTo(400);
        assertThat(longServers.body().length()).isLessThan(500);
        assertThat(engines.engine.clusters()).extracting(c -> c.name()).containsExactly("a", "b");
    }

    @Test
    void scalarsOfTheWrongJsonTypeAre400() throws Exception {
        String route = "{\"name\":\"typed\",\"source\":\"a\",\"target\":\"b\",\"topics\":[\"t\"],";
        String[][] cases = {
            {route + "\"workers\":\"2\"}", "workers", "an integer"},
            {route + "\"workers\":\"\"}", "workers", "an integer"},
            {route + "\"maxBytesPerSecond\":\"1000\"}", "maxBytesPerSecond", "an integer"},
            {route + "\"paused\":\"true\"}", "paused", "true or false"},
            {route + "\"paused\":1}", "paused", "true or false"},
            {route + "\"workers\":2,\"include\":5}", "include", "a JSON string"},
            {route + "\"workers\":2,\"naming\":true}", "naming", "a JSON string"},
        };
        for (String[] c : cases) {
            RawHttp.Response response = http.send("POST", "/api/v1/routes", c[0], "Content-Type", JSON);
            assertThat(response.status()).as(c[0]).isEqualTo(400);
            assertThat(response.message()).as(c[0]).isEqualTo("field " + c[1] + " must be " + c[2]);
        }
        RawHttp.Response cluster = http.send("POST", "/api/v1/clusters", "{\"name\":7,\"bootstrapServers\":\"h:1\"}",
                "Content-Type", JSON);
        assertThat(cluster.status()).isEqualTo(400);
        assertThat(cluster.message()).isEqualTo("field name must be a JSON string");
        assertThat(engines.engine.routes()).isEmpty();
        // Numbers stay numbers where numbers are wanted, and client properties may be numbers or booleans.
        assertThat(http.send("POST", "/api/v1/clusters", "{\"name\":\"typed\",\"bootstrapServers\":\"h:1\","
                + "\"properties\":{\"linger.ms\":5,\"enable.idempotence\":true}}", "Content-Type", JSON).status()).isEqualTo(201);
        assertThat(http.send("DELETE", "/api/v1/clusters/typed", null).status()).isEqualTo(204);
    }

    @Test
    void bootstrapServersMustBeHostColonPort() throws Exception {
        for (String servers : new String[] {"not a host", "h", "h:", "h:0", "h:65536", "h:9092,", "h:9092,,k:9092",
                ":9092", "::1:9092", "[::1]", "h:9092/x", "h:port", "a b:9092", "[zz::1]:9092"}) {
            RawHttp.Response response = http.send("POST", "/api/v1/clusters",
                    "{\"name\":\"bs\",\"bootstrapServers\":\"" + servers + "\"}", "Content-Type", JSON);
            assertThat(response.status()).as(servers).isEqualTo(400);
            assertThat(response.message()).as(servers).startsWith("invalid bootstrap server").contains("host:port");
        }
        for (String servers : new String[] {"h:1", "kafka-1.example.com:9092, kafka-2.example.com:65535", "[::1]:9092",
                "[fe80::1%eth0]:9092", "PLAINTEXT://broker_1:9093", "10.0.0.1:9092"}) {
            RawHttp.Response created = http.send("POST", "/api/v1/clusters",
                    "{\"name\":\"bs\",\"bootstrapServers\":\"" + servers + "\"}", "Content-Type", JSON);
            assertThat(created.status()).as(servers + ": " + created.body()).isEqualTo(201);
            assertThat(http.send("PUT", "/api/v1/clusters/bs", "{\"bootstrapServers\":\"not a host\"}", "Content-Type", JSON)
                    .status()).isEqualTo(400);
            assertThat(http.send("DELETE", "/api/v1/clusters/bs", null).status()).isEqualTo(204);
        }
    }

    @Test
    void namesThatCannotBeAddressedAre400() throws Exception {
        for (String name : new String[] {".", "..", "a\\\\b", "a/b", "\\u202eevil", "zero\\u200bwidth", "\\ud800", " x"}) {
            RawHttp.Response cluster = http.send("POST", "/api/v1/clusters",
                    "{\"name\":\"" + name + "\",\"bootstrapServers\":\"h:1\"}", "Content-Type", JSON);
            assertThat(cluster.status()).as(name).isEqualTo(400);
            assertThat(cluster.message()).as(name).startsWith("invalid cluster name");
            RawHttp.Response route = http.send("POST", "/api/v1/routes",
                    "{\"name\":\"" + name + "\",\"source\":\"a\",\"target\":\"b\",\"topics\":[\"t\"]}", "Content-Type", JSON);
            assertThat(route.status()).as(name).isEqualTo(400);
            assertThat(route.message()).as(name).startsWith("invalid route name");
        }
        assertThat(engines.engine.clusters()).extracting(c -> c.name()).containsExactly("a", "b");
        assertThat(engines.engine.routes()).isEmpty();
        // Names people give their connections in the console keep working, spaces and all.
        assertThat(http.send("POST", "/api/v1/clusters", "{\"name\":\"Prod EU (SASL) ü\",\"bootstrapServers\":\"h:1\"}",
                "Content-Type", JSON).status()).isEqualTo(201);
        assertThat(http.send("DELETE", "/api/v1/clusters/Prod%20EU%20(SASL)%20%C3%BC", null).status()).isEqualTo(204);
    }

    @Test
    void headIsAnsweredLikeGetWithoutTheBody() throws Exception {
        for (String path : new String[] {"/api/v1/health", "/health", "/metrics", "/api/v1/clusters", "/api/v1/clusters/a",
                "/api/v1/clusters/nope", "/nowhere"}) {
            RawHttp.Response get = http.send("GET", path, null);
            RawHttp.Response head = http.send("HEAD", path, null);
            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(path).isEqualTo(Integer.toString(get.body().length()));
        }
        RawHttp.Response wrong = http.send("DELETE", "/api/v1/health", null);
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(http.send("HEAD", "/api/v1/routes/none/pause", null).header("Allow")).isEqualTo("POST");
    }

    private static void assertInternalsHidden(String message) {
        assertThat(message).doesNotContain("java.").doesNotContain("`").doesNotContain("Exception")
                .doesNotContain("StreamReadConstraints").doesNotContain("io.mirador").doesNotContain("com.fasterxml")
                .doesNotContain("Source:").doesNotContain("\n");
        assertThat(List.of(message.split(" "))).noneMatch(word -> word.matches("([a-z]+\\.)+[A-Z]\\w+"));
    }
}
