package io.mirador.cluster.record.decode;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * Pretty JSON by streaming: tokens are copied from a parser to an indenting generator until the output is
 * full, so a huge document is never parsed into a tree and its layout costs only what is shown.
 */
final class JsonDecoding {

    /**
     * Up to this size a document is parsed to its end even when the output is already full, so AUTO and
     * JSON know it is valid JSON throughout; above it parsing stops with the output (bounded work), and the
     * note says the rest was not checked.
     */
    static final int FULL_CHECK_LIMIT = 1024 * 1024;

    /** No cap on one string's length: a 20 MB string value is shown cut, not refused as non-JSON. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    /** Flush the generator every so many tokens, so that {@link LimitedText#full()} is seen promptly. */
    private static final int FLUSH_EVERY = 64;

    private JsonDecoding() {
    }

    /** Either a result or why the bytes are not JSON. */
    record Attempt(Decoded decoded, String failure) {
    }

    /** Two-space indentation for objects and arrays alike, "name": value, and "\n" on every platform. */
    static JsonGenerator prettyGenerator(LimitedText out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        JsonGenerator generator = FACTORY.createGenerator(out);
        generator.setPrettyPrinter(printer);
        return generator;
    }

    /**
     * Lays out {@code bytes} as JSON.
     *
     * @param containerOnly true for AUTO, which calls only objects and arrays JSON (a bare {@code 42} or
     *                      {@code "x"} is better shown as text)
     */
    static Attempt pretty(byte[] bytes, int maxChars, boolean containerOnly) {
        LimitedText out = new LimitedText(maxChars);
        boolean checkAll = bytes.length <= FULL_CHECK_LIMIT;
        boolean stoppedEarly = false;
        try (JsonParser parser = FACTORY.createParser(bytes); JsonGenerator generator = prettyGenerator(out)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new Attempt(null, "empty");
            }
            if (containerOnly && !token.isStructStart()) {
                return new Attempt(null, "not a JSON object or array");
            }
            int depth = 0;
            int copied = 0;
            while (token != null) {
                if (!out.full()) {
                    generator.copyCurrentEvent(parser);
                    if (++copied % FLUSH_EVERY == 0) {
                        generator.flush();
                    }
                } else if (!checkAll) {
                    stoppedEarly = true;
                    break;
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    // One document only: "{} {}" or "1 2" is not a JSON value.
                    if (parser.nextToken() != null) {
                        return new Attempt(null, "more than one JSON value");
                    }
                    break;
                }
                token = parser.nextToken();
            }
            generator.flush();
        } catch (JsonProcessingException e) {
            return new Attempt(null, oneLine(e));
        } catch (IOException e) {
            return new Attempt(null, e.getClass().getSimpleName());
        }
        boolean truncated = stoppedEarly || out.overflowed();
        String note = null;
        if (stoppedEarly) {
            note = "large value: JSON laid out and checked only as far as shown";
        } else if (truncated) {
            note = "output cut at " + maxChars + " characters";
        }
        return new Attempt(new Decoded(Format.JSON, out.text(), truncated, note, true), null);
    }

    /** Jackson's message without its source excerpt, with the position. */
    static String oneLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int end = message == null ? -1 : message.indexOf('\n');
        message = message == null ? "invalid JSON" : end < 0 ? message : message.substring(0, end);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }
}
