package io.mirador.ui.service.mirroring;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * The replicator API's JSON as {@link RemoteMirroring} reads and writes it. The API writes NaN doubles (the
 * latency of a window without traffic) as {@code null}; they are read back as NaN, so that a remote status means
 * what a local one does. Unknown fields are ignored: a newer replicator may add some. Thread-safe once built.
 */
final class MirroringJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("mirador-mirroring-client")
                    .addDeserializer(Double.TYPE, new NumberDeserializers.DoubleDeserializer(Double.TYPE, Double.NaN))
                    .addDeserializer(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, Double.NaN)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MirroringJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    static <T> T read(String json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** The {@code message} of the API's error body {@code {"status", "error", "message"}}, or null if it is not one. */
    static String errorMessage(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            JsonNode message = node == null ? null : node.get("message");
            return message != null && message.isTextual() && !message.asText().isBlank() ? message.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
