package io.mirador.replicator.rest;

import java.io.IOException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The API's one Jackson configuration. ObjectMapper is thread-safe once configured, so every handler shares it.
 * NaN and infinite doubles (latencies of an idle window) are written as {@code null}: JSON has no NaN.
 */
final class Json {

    /**
     * Strict reading: a field has the JSON type its Java type says. Jackson would otherwise turn {@code "2"} into
     * 2, {@code 1} into true and {@code 5} into "5", so that a client's mistake passes unnoticed.
     */
    static final ObjectMapper MAPPER = strict(JsonMapper.builder()
            .addModule(new SimpleModule("mirador-rest")
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(Double.TYPE, new FiniteDoubleSerializer()))
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build());

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

    private static ObjectMapper strict(ObjectMapper mapper) {
        // Strings are the one scalar that coercion of scalars leaves open: numbers and booleans are no names.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * A 400 that says what is wrong in the client's terms: the field and the JSON type it needs, or where the
     * syntax breaks. Never Jackson's own wording, which names Java classes and its internal limits, and never
     * the body, which may hold secrets.
     */
    private static ApiError malformed(IOException e) {
        String field = e instanceof JsonMappingException m ? field(m) : null;
        String limit = limitExceeded(e);
        if (limit != null) {
            return ApiError.badRequest("malformed JSON: " + limit);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            return ApiError.badRequest("invalid " + (field == null ? "body" : "field " + field) + ": "
                    + (cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage()
                    : "null values are not allowed in lists and maps"));
        }
        if (e instanceof MismatchedInputException m && field != null) {
            return ApiError.badRequest("field " + field + " must be " + describe(m.getTargetType()));
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return ApiError.badRequest((field == null ? "a number" : "field " + field) + " is out of range");
        }
        if (e instanceof JsonParseException p) {
            JsonLocation at = p.getLocation();
            String message = p.getOriginalMessage() == null ? "unreadable body" : p.getOriginalMessage();
            // Jackson appends source locations and names of its settings in brackets and backquotes: cut them.
            message = message.replaceAll("\\s*\\(?\\s*(start marker at )?\\[Source.*$", "").replaceAll("`[^`]*`", "")
                    .replace('\n', ' ');
            return ApiError.badRequest("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + message);
        }
        return ApiError.badRequest(field == null ? "malformed JSON: the body does not have the expected shape"
                : "field " + field + " has the wrong type");
    }

    /** The path of the offending field, {@code topics.[2]}; null at the top level. */
    private static String field(JsonMappingException m) {
        if (m.getPath().isEmpty()) {
            return null;
        }
        return Names.shown(m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")));
    }

    /** Which of Jackson's read limits (nesting depth, string or number length) the body broke, in plain words. */
    private static String limitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException c) {
                String message = c.getOriginalMessage() == null ? "" : c.getOriginalMessage();
                // "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints...`)"
                return message.replaceAll(",?\\s*from\\s*`[^`]*`", "").replaceAll("`[^`]*`", "").strip();
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a JSON string";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == int.class || type == long.class || type == short.class || type == byte.class
                || java.math.BigInteger.class.isAssignableFrom(type)) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
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
