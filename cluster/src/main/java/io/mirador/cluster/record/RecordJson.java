package io.mirador.cluster.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.record.TimestampType;

/**
 * The JSON-lines form of records that {@code mirador consume} prints, export writes and import reads back,
 * byte for byte:
 *
 * <pre>{"topic":"t","partition":0,"offset":42,"timestamp":1764064800000,"timestampType":"CreateTime",
 *  "key":"user-1","value":"{\"a\":1}","headers":[{"key":"trace-id","value":"abc"}]}</pre>
 *
 * <p>Bytes that are valid UTF-8 are written as JSON strings ({@code key}, {@code value}, a header's
 * {@code value}); any other bytes as Base64 under {@code keyBase64}, {@code valueBase64} or a header's
 * {@code valueBase64}. A null key, value or header value is JSON null. Thread-safe.
 */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RecordJson() {
    }

    /** Writes one record as one line (with its trailing newline). */
    public static void write(KafkaRecord record, Writer out) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out);
            json.writeStartObject();
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeNumberField("timestamp", record.timestamp());
            json.writeStringField("timestampType", record.timestampType().name);
            bytesField(json, "key", record.key());
            bytesField(json, "value", record.value());
            json.writeArrayFieldStart("headers");
            for (KafkaRecord.RecordHeader header : record.recordHeaders()) {
                json.writeStartObject();
                json.writeStringField("key", header.key());
                bytesField(json, "value", header.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toLine(KafkaRecord record) {
        java.io.StringWriter out = new java.io.StringWriter();
        write(record, out);
        return out.toString();
    }

    /**
     * Reads one line back. Only {@code value} (or {@code valueBase64}) is required, so hand-written lines like
     * {@code {"key":"k","value":"v"}} work for produce and import; a missing partition is -1, a missing
     * timestamp -1 (let the producer choose).
     *
     * @throws IllegalArgumentException with a one-line reason for a malformed line
     */
    public static KafkaRecord read(String line, String defaultTopic) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<KafkaRecord.RecordHeader> headers = new ArrayList<>();
        JsonNode headerNodes = node.get("headers");
        if (headerNodes != null && headerNodes.isArray()) {
            for (JsonNode h : headerNodes) {
                if (!h.hasNonNull("key")) {
                    throw new IllegalArgumentException("a header needs a key");
                }
                headers.add(new KafkaRecord.RecordHeader(h.get("key").asText(), bytes(h, "value")));
            }
        } else if (headerNodes != null && headerNodes.isObject()) {
            headerNodes.fields().forEachRemaining(e -> headers.add(new KafkaRecord.RecordHeader(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        String type = node.path("timestampType").asText("CreateTime");
        return new KafkaRecord(node.path("topic").asText(defaultTopic), node.path("partition").asInt(-1),
                node.path("offset").asLong(-1), node.path("timestamp").asLong(-1), timestampType(type),
                bytes(node, "key"), bytes(node, "value"), headers, -1);
    }

    private static TimestampType timestampType(String name) {
        for (TimestampType t : TimestampType.values()) {
            if (t.name.equalsIgnoreCase(name)) {
                return t;
            }
        }
        return TimestampType.CREATE_TIME;
    }

    private static byte[] bytes(JsonNode node, String field) {
        JsonNode base64 = node.get(field + "Base64");
        if (base64 != null && !base64.isNull()) {
            try {
                return Base64.getDecoder().decode(base64.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "Base64 is not Base64: " + e.getMessage());
            }
        }
        JsonNode text = node.get(field);
        if (text == null || text.isNull()) {
            return null;
        }
        // A JSON object or number given as a value stands for its JSON text.
        return (text.isTextual() ? text.asText() : text.toString()).getBytes(StandardCharsets.UTF_8);
    }

    private static void bytesField(JsonGenerator json, String name, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNullField(name);
            return;
        }
        String text = utf8(bytes);
        if (text != null) {
            json.writeStringField(name, text);
        } else {
            json.writeStringField(name + "Base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** The bytes as text when they are valid UTF-8 without NUL, else null. */
    public static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
