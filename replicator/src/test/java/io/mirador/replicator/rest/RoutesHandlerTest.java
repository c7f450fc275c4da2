package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.replicator.route.RouteDefinition;
import org.junit.jupiter.api.Test;

class RoutesHandlerTest extends HandlerTestSupport {

    private static final String ROUTE = """
            {"name":"r","source":"a","target":"b","topics":["orders"],"include":"logs\\\\..*","naming":"prefix",
             "sourceAlias":"eu","workers":3,"unknownField":true}""";

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
    }

    @Test
    void createAnswers201WithTheRouteAndStartsIt() {
        RestChannel.Response created = channel.send("POST", "/api/v1/routes", ROUTE);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/routes/r");
        assertThat(created.json().get("include").asText()).isEqualTo("logs\\..*");
        assertThat(created.json().get("workers").asInt()).isEqualTo(3);
        RouteDefinition stored = engines.engine.route("r").orElseThrow();
        assertThat(stored.topics()).containsExactly("orders");
        assertThat(stored.sourceAlias()).isEqualTo("eu");
        assertThat(engines.engine.status("r").state()).isNotEqualTo("STOPPED");

        RestChannel.Response list = channel.get("/api/v1/routes");
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("name").asText()).isEqualTo("r");
        assertThat(channel.get("/api/v1/routes/r").json().get("naming").asText()).isEqualTo("prefix");
    }

    @Test
    void duplicateIs409() {
        channel.send("POST", "/api/v1/routes", ROUTE);
        assertThat(channel.send("POST", "/api/v1/routes", ROUTE).status()).isEqualTo(409);
    }

    @Test
    void aRouteWithNoTopicsIsCreatedIdle() {
        RestChannel.Response empty = channel.send("POST", "/api/v1/routes", "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\"}");
        assertThat(empty.status()).isEqualTo(201);
        assertThat(engines.engine.route("r").orElseThrow().topics()).isEmpty();
        assertThat(engines.engine.status("r").state()).isNotEqualTo("STOPPED");
    }

    @Test
    void invalidRoutesAre400() {
        RestChannel.Response badRegex = channel.send("POST", "/api/v1/routes",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"include\":\"(\"}");
        assertThat(badRegex.status()).isEqualTo(400);
        assertThat(badRegex.json().get("message").asText()).contains("regular expression");

        RestChannel.Response badType = channel.send("POST", "/api/v1/routes",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"b\",\"include\":\".*\",\"workers\":\"many\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("message").asText()).contains("workers");

        RestChannel.Response unknownCluster = channel.send("POST", "/api/v1/routes",
                "{\"name\":\"r\",\"source\":\"a\",\"target\":\"zz\",\"include\":\".*\"}");
        assertThat(unknownCluster.status()).isEqualTo(400);
        assertThat(unknownCluster.json().get("message").asText()).contains("zz");

        assertThat(channel.send("POST", "/api/v1/routes", "{\"source\":\"a\",\"target\":\"b\",\"include\":\".*\"}").status())
                .isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/routes", "{not json").status()).isEqualTo(400);
        assertThat(engines.engine.routes()).isEmpty();
    }

    @Test
    void putReplacesTheRouteKeepingItsPauseState() {
        channel.send("POST", "/api/v1/routes", ROUTE);
        channel.send("POST", "/api/v1/routes/r/pause", null);

        RestChannel.Response put = channel.send("PUT", "/api/v1/routes/r",
                "{\"source\":\"a\",\"target\":\"b\",\"include\":\"x.*\"}");

        assertThat(put.status()).isEqualTo(200);
        RouteDefinition stored = engines.engine.route("r").orElseThrow();
        assertThat(stored.include()).isEqualTo("x.*");
        assertThat(stored.topics()).isEmpty();
        assertThat(stored.isPaused()).isTrue();
    }

    @Test
    void putErrors() {
        channel.send("POST", "/api/v1/routes", ROUTE);
        assertThat(channel.send("PUT", "/api/v1/routes/r", ROUTE.replace("\"name\":\"r\"", "\"name\":\"s\"")).status())
                .isEqualTo(400);
        assertThat(channel.send("PUT", "/api/v1/routes/nope", "{\"source\":\"a\",\"target\":\"b\",\"include\":\".*\"}")
                .status()).isEqualTo(404);
        assertThat(channel.send("PUT", "/api/v1/routes/r", "{\"source\":\"a\",\"target\":\"b\",\"include\":\"(\"}").status())
                .isEqualTo(400);
        // No topics and no pattern is valid: the route stays, idle.
        assertThat(channel.send("PUT", "/api/v1/routes/r", "{\"source\":\"a\",\"target\":\"b\"}").status()).isEqualTo(200);
        assertThat(engines.engine.route("r").orElseThrow().topics()).isEmpty();
    }

    @Test
    void pauseAndResume() {
        channel.send("POST", "/api/v1/routes", ROUTE);

        RestChannel.Response paused = channel.send("POST", "/api/v1/routes/r/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("state").asText()).isEqualTo("PAUSED");
        assertThat(engines.engine.route("r").orElseThrow().isPaused()).isTrue();

        RestChannel.Response resumed = channel.send("POST", "/api/v1/routes/r/resume", "");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("state").asText()).isNotEqualTo("PAUSED");
        assertThat(engines.engine.route("r").orElseThrow().isPaused()).isFalse();

        assertThat(channel.send("POST", "/api/v1/routes/nope/pause", null).status()).isEqualTo(404);
        assertThat(channel.get("/api/v1/routes/r/pause").status()).isEqualTo(405);
    }

    @Test
    void deleteIs204Then404() {
        channel.send("POST", "/api/v1/routes", ROUTE);
        assertThat(channel.send("DELETE", "/api/v1/routes/r", null).status()).isEqualTo(204);
        assertThat(engines.engine.route("r")).isEmpty();
        assertThat(channel.get("/api/v1/routes/r").status()).isEqualTo(404);
        assertThat(channel.send("DELETE", "/api/v1/routes/r", null).status()).isEqualTo(404);
    }
}
