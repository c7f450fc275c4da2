package io.mirador.cluster.record.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * One record under evaluation, with the decodings that conditions share: the UTF-8 text and the JSON tree of
 * the key and of the value are each computed at most once, and only when a condition asks for them.
 * Not thread-safe; {@link Filter#test} makes one per call.
 */
final class RecordContext {

    /**
     * Tree-only reading: no default typing, no polymorphic types, so JSON cannot name a class to instantiate.
     * Trailing tokens fail, so "42 oops" is text, not the number 42. ObjectReader is immutable and thread-safe.
     */
    private static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final FilterRecord record;
    private String keyText;
    private String valueText;
    private JsonNode keyJson;
    private JsonNode valueJson;
    private boolean keyParsed;
    private boolean valueParsed;

    RecordContext(FilterRecord record) {
        this.record = record;
    }

    FilterRecord record() {
        return record;
    }

    byte[] bytes(boolean key) {
        return key ? record.key() : record.value();
    }

    /** UTF-8 text of the key or value, or null when absent. Malformed bytes become U+FFFD; never throws. */
    String text(boolean key) {
        if (key) {
            if (keyText == null && record.key() != null) {
                keyText = decode(record.key());
            }
            return keyText;
        }
        if (valueText == null && record.value() != null) {
            valueText = decode(record.value());
        }
        return valueText;
    }

    /** The key or value as a JSON tree, or null when absent or not JSON. */
    JsonNode json(boolean key) {
        if (key) {
            if (!keyParsed) {
                keyParsed = true;
                keyJson = parse(record.key());
            }
            return keyJson;
        }
        if (!valueParsed) {
            valueParsed = true;
            valueJson = parse(record.value());
        }
        return valueJson;
    }

    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null || !mayBeJson(bytes)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException | RuntimeException notJson) {
            // Not JSON is an ordinary outcome (plain text, Avro, protobuf): the path simply does not exist.
            return null;
        }
    }

    /**
     * Cheap pre-check on the first non-blank byte so that binary and plain-text values skip the parser and
     * its exception, which would cost more than the parse of a real document.
     */
    private static boolean mayBeJson(byte[] bytes) {
        for (byte b : bytes) {
            switch (b) {
                case ' ': case '\t': case '\r': case '\n':
                    continue;
                case '{': case '[': case '"': case '-': case 't': case 'f': case 'n':
                case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9':
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }
}
