package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.replicator.route.RouteDefinition;
import org.junit.jupiter.api.Test;

class UReplicatorHandlerTest extends HandlerTestSupport {

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
    }

    @Test
    void noDefaultRouteIs404Json() {
        RestChannel.Response none = channel.get("/topics");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).contains("no default route");

        engines.route("r1", "x");
        engines.route("r2", "y");
        assertThat(channel.get("/topics").status()).isEqualTo(404);
        assertThat(channel.send("POST", "/topics", "{\"topic\":\"z\"}").status()).isEqualTo(404);
    }

    @Test
    void theOnlyRouteIsTheDefault() {
        engines.route("only", "x");
        RestChannel.Response topics = channel.get("/topics");
        assertThat(topics.status()).isEqualTo(200);
        assertThat(topics.json().toString()).isEqualTo("[\"x\"]");
    }

    @Test
    void theRouteNamedDefaultWinsAmongSeveral() {
        engines.route("other", "x");
        engines.route("default", "y");
        assertThat(channel.get("/topics").json().toString()).isEqualTo("[\"y\"]");
    }

    @Test
    void addShowAndRemoveTopics() {
        engines.route("default", "x");

        RestChannel.Response post = channel.send("POST", "/topics", "{\"topic\":\"t1\",\"numPartitions\":3}");
        assertThat(post.status()).isEqualTo(201);
        RestChannel.Response put = channel.send("PUT", "/topics", "{\"topic\":\"t2\"}");
        assertThat(put.status()).isEqualTo(201);
        RestChannel.Response postPath = channel.send("POST", "/topics/t3", null);
        assertThat(postPath.status()).isEqualTo(201);
        RestChannel.Response postPathBody = channel.send("POST", "/topics/t4", "{\"numPartitions\":1}");
        assertThat(postPathBody.status()).isEqualTo(201);
        assertThat(channel.send("POST", "/topics", "{\"topic\":\"t1\"}").status()).isEqualTo(200);
        assertThat(engines.engine.route("default").orElseThrow().topics()).containsExactly("x", "t1", "t2", "t3", "t4");

        RestChannel.Response shown = channel.get("/topics/t1");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("topic").asText()).isEqualTo("t1");
        assertThat(shown.json().get("route").asText()).isEqualTo("default");
        assertThat(shown.json().get("partitions").isArray()).isTrue();
        assertThat(channel.get("/topics/unlisted").status()).isEqualTo(404);

        assertThat(channel.send("DELETE", "/topics/t2", null).status()).isEqualTo(204);
        assertThat(engines.engine.route("default").orElseThrow().topics()).doesNotContain("t2");
        assertThat(channel.get("/topics/t2").status()).isEqualTo(404);
        assertThat(channel.send("DELETE", "/topics/t2", null).status()).isEqualTo(404);
    }

    @Test
    void aControllerStartsWithNoTopicsAndIsEmptiedAgain() {
        engines.route("default");
        assertThat(channel.get("/topics").json().toString()).isEqualTo("[]");

        assertThat(channel.send("POST", "/topics", "{\"topic\":\"t1\"}").status()).isEqualTo(201);
        assertThat(channel.get("/topics").json().toString()).isEqualTo("[\"t1\"]");

        assertThat(channel.send("DELETE", "/topics/t1", null).status()).isEqualTo(204);
        assertThat(channel.get("/topics").json().toString()).isEqualTo("[]");
        RouteDefinition emptied = engines.engine.route("default").orElseThrow();
        assertThat(emptied.include()).as("an empty route, no stand-in pattern").isNull();
    }

    @Test
    void badRequestsAre400() {
        engines.route("default", "x");
        assertThat(channel.send("POST", "/topics", "{\"topic\":\"t\",\"numPartitions\":0}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/topics", "{\"topic\":\"t\",\"numPartitions\":\"3\"}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/topics", "{\"numPartitions\":3}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/topics", null).status()).isEqualTo(400);
        assertThat(channel.send("POST", "/topics/a", "{\"topic\":\"b\"}").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/topics/bad$name", null).status()).isEqualTo(400);
        assertThat(channel.send("DELETE", "/topics", null).status()).isEqualTo(405);
        assertThat(engines.engine.route("default").orElseThrow().topics()).containsExactly("x");
    }
}
