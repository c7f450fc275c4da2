package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.replicator.state.TopicMapping;
import org.junit.jupiter.api.Test;

/**
 * The compare endpoint's errors. A successful comparison needs real clusters: the mirroring service tests in the
 * ui module drive it end to end (RemoteMirroringTest).
 */
class CompareHandlerTest extends HandlerTestSupport {

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
        engines.route("r", "t", "u");
        // As if the route had discovered t: the engine must then ask the (unreachable) clusters.
        engines.store.putTopicMapping(new TopicMapping("r", "t", "t", 2, 2));
    }

    @Test
    void missingOrInvalidTopicIs400() {
        RestChannel.Response missing = channel.get("/api/v1/routes/r/compare");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("message").asText()).contains("topic");
        assertThat(channel.get("/api/v1/routes/r/compare?topic=").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/routes/r/compare?topic=a%20b").error()).isEqualTo("bad_request");
    }

    @Test
    void unknownRouteOrTopicIs404() {
        RestChannel.Response route = channel.get("/api/v1/routes/nope/compare?topic=t");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().get("message").asText()).contains("nope");

        // u is whitelisted but was never discovered: there is nothing to compare yet.
        RestChannel.Response topic = channel.get("/api/v1/routes/r/compare?topic=u");
        assertThat(topic.status()).isEqualTo(404);
        assertThat(topic.json().get("message").asText()).contains("u");
    }

    @Test
    void anUnreachableClusterIs502() {
        RestChannel.Response response = channel.get("/api/v1/routes/r/compare?topic=t");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.error()).isEqualTo("kafka_error");
    }

    @Test
    void onlyGet() {
        assertThat(channel.send("POST", "/api/v1/routes/r/compare?topic=t", "{}").status()).isEqualTo(405);
    }
}
