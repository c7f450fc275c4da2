package io.mirador.replicator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.replicator.engine.PartitionStatus;
import io.mirador.replicator.engine.RouteStatus;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void nonFiniteDoublesBecomeNull() throws Exception {
        RouteStatus status = new RouteStatus("r", "RUNNING", null, 5, 1.5, Double.POSITIVE_INFINITY, Double.NaN,
                Double.NaN, 7, List.of(new PartitionStatus("t", 0, "t", 0, 1, 10, 5, 5, Double.NaN, 2.0, 3.0, "RUNNING")));

        String text = new String(Json.write(status), StandardCharsets.UTF_8);
        JsonNode tree = new ObjectMapper().readTree(text);

        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(tree.get("latencyP50Ms").isNull()).isTrue();
        assertThat(tree.get("bytesPerSecond").isNull()).isTrue();
        assertThat(tree.get("recordsPerSecond").asDouble()).isEqualTo(1.5);
        JsonNode partition = tree.get("partitions").get(0);
        assertThat(partition.get("latencyP99Ms").isNull()).isTrue();
        assertThat(partition.get("recordsPerSecond").asDouble()).isEqualTo(2.0);
        assertThat(partition.get("checkpoint").asLong()).isEqualTo(5);
        assertThat(Json.write(Map.of("boxed", Double.NaN))).asString(StandardCharsets.UTF_8).isEqualTo("{\"boxed\":null}");
    }

    @Test
    void malformedBodiesAreBadRequestsThatDoNotEchoTheBody() {
        ApiRequest request = new ApiRequest(HttpMethod.POST, "/x", Map.of(), Map.of(),
                "{\"password\":\"hunter2\" trailing".getBytes(StandardCharsets.UTF_8));
        ApiError error = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> Json.readObject(request));
        assertThat(error.status().code()).isEqualTo(400);
        assertThat(error.getMessage()).startsWith("malformed JSON").doesNotContain("hunter2");

        ApiRequest trailing = new ApiRequest(HttpMethod.POST, "/x", Map.of(), Map.of(), "{} {}".getBytes(StandardCharsets.UTF_8));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(ApiError.class, () -> Json.readObject(trailing))
                .status().code()).isEqualTo(400);
    }
}
