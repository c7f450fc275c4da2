package io.mirador.replicator.rest;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The API's one Jackson configuration. ObjectMapper is thread-safe once configured, so every handler shares it.
 * NaN and infinite doubles (latencies of an idle window) are written as {@code null}: JSON has no NaN.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("mirador-rest")
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(Double.TYPE, new FiniteDoubleSerializer()))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Reads a required JSON object body as {@code type}; 400 when it is missing, malformed or of the wrong shape. */
    static <T> T read(ApiRequest request, Class<T> type) {
        requireObject(request);
        try {
            return MAPPER.readValue(request.body(), type);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The body as a JSON object tree; 400 unless it is one. */
    static JsonNode readObject(ApiRequest request) {
        requireObject(request);
        try {
            return MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static void requireObject(ApiRequest request) {
        byte[] body = request.body();
        int i = 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        if (i == body.length) {
            throw ApiError.badRequest("request body required: a JSON object");
        }
        if (body[i] != '{') {
            throw ApiError.badRequest("malformed JSON: the body must be a JSON object");
        }
    }

    private static ApiError malformed(IOException e) {
        // The original message and field path only: never echo the body, which may hold secrets.
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        message = message == null ? "unreadable body" : message.replace('\n', ' ');
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            message = message + " (field " + field + ")";
        }
        return ApiError.badRequest("malformed JSON: " + message);
    }

    private static final class FiniteDoubleSerializer extends StdSerializer<Double> {

        FiniteDoubleSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
