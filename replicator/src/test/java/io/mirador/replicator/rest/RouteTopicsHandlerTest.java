package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteTopicsHandlerTest extends HandlerTestSupport {

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
        engines.route("r", "a1");
    }

    @Test
    void listAndAdd() {
        RestChannel.Response list = channel.get("/api/v1/routes/r/topics");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("route").asText()).isEqualTo("r");
        assertThat(list.json().get("topics").toString()).isEqualTo("[\"a1\"]");

        RestChannel.Response added = channel.send("POST", "/api/v1/routes/r/topics", "{\"topics\":[\"b2\",\"c3\",\"b2\"]}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("topics").toString()).isEqualTo("[\"a1\",\"b2\",\"c3\"]");
        assertThat(engines.engine.route("r").orElseThrow().topics()).containsExactly("a1", "b2", "c3");

        RestChannel.Response single = channel.send("POST", "/api/v1/routes/r/topics", "{\"topic\":\"d4\"}");
        assertThat(single.status()).isEqualTo(201);
        assertThat(engines.engine.route("r").orElseThrow().topics()).containsExactly("a1", "b2", "c3", "d4");

        RestChannel.Response again = channel.send("POST", "/api/v1/routes/r/topics", "{\"topic\":\"a1\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("topics")).hasSize(4);
    }

    @Test
    void badAdditionsAre400() {
        assertThat(channel.send("POST", "/api/v1/routes/r/topics", "{}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/routes/r/topics", "{\"topics\":\"a\"}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/routes/r/topics", "{\"topics\":[1]}").status()).isEqualTo(400);
        RestChannel.Response badName = channel.send("POST", "/api/v1/routes/r/topics", "{\"topic\":\"no spaces\"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("message").asText()).contains("invalid topic name");
        assertThat(channel.send("POST", "/api/v1/routes/r/topics", "{\"topic\":").status()).isEqualTo(400);
        assertThat(engines.engine.route("r").orElseThrow().topics()).containsExactly("a1");
    }

    @Test
    void removeIs204AndUnlistedIs404() {
        channel.send("POST", "/api/v1/routes/r/topics", "{\"topic\":\"b2\"}");

        assertThat(channel.send("DELETE", "/api/v1/routes/r/topics/a1", null).status()).isEqualTo(204);
        assertThat(engines.engine.route("r").orElseThrow().topics()).containsExactly("b2");
        assertThat(channel.send("DELETE", "/api/v1/routes/r/topics/a1", null).status()).isEqualTo(404);
    }

    @Test
    void unknownRouteIs404() {
        assertThat(channel.get("/api/v1/routes/nope/topics").status()).isEqualTo(404);
        assertThat(channel.send("POST", "/api/v1/routes/nope/topics", "{\"topic\":\"x\"}").status()).isEqualTo(404);
        assertThat(channel.send("DELETE", "/api/v1/routes/nope/topics/x", null).status()).isEqualTo(404);
    }
}
