package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirador.replicator.state.MetricSample;
import org.junit.jupiter.api.Test;

class HistoryHandlerTest extends HandlerTestSupport {

    private static final long T0 = 1_700_000_000_000L;

    @Override
    protected void prepare(TestEngines engines) {
        engines.withDeadClusters();
        engines.route("r", "t");
        engines.store.addSamples(List.of(
                new MetricSample("r", "lag", "*", T0, 5),
                new MetricSample("r", "lag", "*", T0 + 1_000, 3),
                new MetricSample("r", "lag", "*", T0 + 2_000, Double.NaN),
                new MetricSample("r", "lag", "t/0", T0 + 1_000, 2),
                new MetricSample("r", "records-per-second", "*", T0 + 1_000, 100)));
    }

    @Test
    void aSeriesOldestFirstWithinTheWindow() {
        RestChannel.Response response = channel.get("/api/v1/routes/r/history?metric=lag&scope=*&from=" + T0
                + "&to=" + (T0 + 1_500));

        assertThat(response.status()).isEqualTo(200);
        JsonNode points = response.json();
        assertThat(points).hasSize(2);
        assertThat(points.get(0).get("timestampMs").asLong()).isEqualTo(T0);
        assertThat(points.get(0).get("value").asDouble()).isEqualTo(5.0);
        assertThat(points.get(1).get("value").asDouble()).isEqualTo(3.0);
    }

    @Test
    void partitionScopeAndNaNAsNull() {
        JsonNode partition = channel.get("/api/v1/routes/r/history?metric=lag&scope=t/0&from=0&to=" + (T0 + 10_000)).json();
        assertThat(partition).hasSize(1);
        assertThat(partition.get(0).get("value").asDouble()).isEqualTo(2.0);

        RestChannel.Response all = channel.get("/api/v1/routes/r/history?metric=lag&from=0&to=" + (T0 + 10_000));
        assertThat(all.body()).doesNotContain("NaN");
        assertThat(all.json()).hasSize(3);
        assertThat(all.json().get(2).get("value").isNull()).isTrue();
    }

    @Test
    void theDefaultWindowIsTheLastHour() {
        // The samples are from 2023: none is in the last hour.
        RestChannel.Response response = channel.get("/api/v1/routes/r/history?metric=records-per-second");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEmpty();
    }

    @Test
    void unknownRouteIs404() {
        RestChannel.Response response = channel.get("/api/v1/routes/nope/history?metric=lag");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("message").asText()).contains("nope");
    }

    @Test
    void missingOrInvalidParametersAre400() {
        assertThat(channel.get("/api/v1/routes/r/history").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/routes/r/history").json().get("message").asText()).contains("metric");
        assertThat(channel.get("/api/v1/routes/r/history?metric=speed").error()).isEqualTo("bad_request");
        assertThat(channel.get("/api/v1/routes/r/history?metric=lag&from=yesterday").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/routes/r/history?metric=lag&to=-5").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/routes/r/history?metric=lag&from=20&to=10").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/routes/r/history?metric=lag&scope=t").status()).isEqualTo(400);
        assertThat(channel.send("POST", "/api/v1/routes/r/history?metric=lag", "{}").status()).isEqualTo(405);
    }
}
