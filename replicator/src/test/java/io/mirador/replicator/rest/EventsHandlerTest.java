package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mirador.replicator.state.ReplicationEvent;
import org.junit.jupiter.api.Test;

class EventsHandlerTest extends HandlerTestSupport {

    @Override
    protected void prepare(TestEngines engines) {
        for (int i = 0; i < 5; i++) {
            engines.store.addEvent(ReplicationEvent.info("r1", ReplicationEvent.TOPIC_ADDED, "r1 event " + i));
        }
        engines.store.addEvent(ReplicationEvent.error("r2", "r2 broke"));
    }

    @Test
    void eventsOfOneRouteNewestFirstWithLimit() {
        RestChannel.Response response = channel.get("/api/v1/events?route=r1&limit=2");

        assertThat(response.status()).isEqualTo(200);
        JsonNode events = response.json();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("message").asText()).isEqualTo("r1 event 4");
        assertThat(events.get(1).get("message").asText()).isEqualTo("r1 event 3");
        assertThat(events.get(0).get("route").asText()).isEqualTo("r1");
        assertThat(events.get(0).get("kind").asText()).isEqualTo("topic-added");
        assertThat(events.get(0).get("id").asLong()).isPositive();
    }

    @Test
    void allRoutesWithTheDefaultLimit() {
        JsonNode events = channel.get("/api/v1/events").json();
        assertThat(events).hasSize(6);
        assertThat(events.get(0).get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    void badLimitsAre400() {
        assertThat(channel.get("/api/v1/events?limit=0").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/events?limit=10001").status()).isEqualTo(400);
        assertThat(channel.get("/api/v1/events?limit=ten").error()).isEqualTo("bad_request");
        assertThat(channel.get("/api/v1/events?limit=10000").status()).isEqualTo(200);
    }
}
