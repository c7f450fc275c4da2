package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class StatusHandlerTest extends HandlerTestSupport {

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
        engines.route("r", "t");
    }

    @Test
    void routeStatusIsValidJsonWithNullForNaN() {
        RestChannel.Response response = channel.get("/api/v1/routes/r/status");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("NaN");
        JsonNode status = response.json();
        assertThat(status.get("route").asText()).isEqualTo("r");
        assertThat(status.get("state").asText()).isIn("STARTING", "RUNNING");
        assertThat(status.get("partitions").isArray()).isTrue();
        assertThat(status.has("latencyP99Ms")).isTrue();
        assertThat(status.get("latencyP99Ms").isNull()).isTrue();
        assertThat(status.get("lag").asLong()).isZero();
    }

    @Test
    void allStatusesAndUnknownRoute() {
        RestChannel.Response all = channel.get("/api/v1/status");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json()).hasSize(1);
        assertThat(all.json().get(0).get("route").asText()).isEqualTo("r");

        RestChannel.Response unknown = channel.get("/api/v1/routes/nope/status");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains("nope");
        assertThat(channel.send("POST", "/api/v1/routes/r/status", "{}").status()).isEqualTo(405);
    }
}
