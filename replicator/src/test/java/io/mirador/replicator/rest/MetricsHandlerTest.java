package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsHandlerTest extends HandlerTestSupport {

    @Test
    void prometheusTextWithOneSeriesPerRoute() {
        engines.withDeadClusters().route("orders-eu", "t");

        RestChannel.Response response = channel.get("/metrics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE mirador_route_lag_records gauge")
                .contains("mirador_route_lag_records{route=\"orders-eu\"} 0");
    }

    @Test
    void noRoutesStillAnswersHeaders() {
        RestChannel.Response response = channel.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("# HELP mirador_route_lag_records").doesNotContain("route=\"");
        assertThat(channel.send("POST", "/metrics", "").status()).isEqualTo(405);
    }
}
