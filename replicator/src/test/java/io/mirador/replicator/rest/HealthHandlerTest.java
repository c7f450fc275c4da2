package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mirador.cluster.ClusterConnection;
import org.junit.jupiter.api.Test;

class HealthHandlerTest extends HandlerTestSupport {

    @Test
    void apiHealthCountsRoutesAndClusters() {
        RestChannel.Response empty = channel.get("/api/v1/health");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.headers().get("Content-Type")).startsWith("application/json");
        assertThat(empty.json().get("status").asText()).isEqualTo("UP");
        assertThat(empty.json().get("routes").asInt()).isZero();

        engines.withDeadClusters().route("r1", "t");
        RestChannel.Response one = channel.get("/api/v1/health");
        assertThat(one.json().get("routes").asInt()).isEqualTo(1);
        assertThat(one.json().get("clusters").asInt()).isEqualTo(2);
    }

    @Test
    void uReplicatorHealthIsPlainOk() {
        RestChannel.Response response = channel.get("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
        assertThat(response.headers().get("Content-Type")).startsWith("text/plain");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        RestChannel.Response response = channel.send("POST", "/api/v1/health", "{}");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.error()).isEqualTo("method_not_allowed");
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void unknownPathIs404Json() {
        RestChannel.Response response = channel.get("/api/v1/nothing-here");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.error()).isEqualTo("not_found");
        assertThat(response.json().get("message").asText()).contains("/api/v1/nothing-here");
    }

    @Test
    void trailingSlashIsTheSamePath() {
        engines.engine.createCluster(new ClusterConnection("x", TestEngines.DEAD));
        assertThat(channel.get("/api/v1/health/").status()).isEqualTo(200);
        assertThat(channel.get("/api/v1/clusters/x/").status()).isEqualTo(200);
    }
}
