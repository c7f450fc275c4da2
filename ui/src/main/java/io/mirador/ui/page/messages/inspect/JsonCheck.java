package io.mirador.ui.page.messages.inspect;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Validates JSON text and says where it breaks. Thread-safe. */
public final class JsonCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where and why a text is not JSON; line and column count from 1. */
    public record Problem(int line, int column, String message) {

        /** "line 2, column 7: Unexpected character ('}' …)". */
        public String describe() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    private JsonCheck() {
    }

    /** Empty when {@code text} is exactly one JSON document (surrounding blanks allowed). */
    public static Optional<Problem> check(String text) {
        try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
            if (parser.nextToken() == null) {
                return Optional.of(new Problem(1, 1, "no JSON document"));
            }
            parser.skipChildren();
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                return Optional.of(new Problem(at.getLineNr(), at.getColumnNr(), "text after the end of the document"));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage() == null ? "invalid JSON"
                    : e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            return Optional.of(new Problem(at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), message));
        } catch (IOException e) {
            return Optional.of(new Problem(1, 1, e.getMessage()));
        }
    }
}
