package io.mirador.replicator.rest;

import java.util.regex.Pattern;

import io.mirador.replicator.engine.ConflictException;
import io.mirador.replicator.engine.InvalidRequestException;
import io.mirador.replicator.engine.NotFoundException;
import io.mirador.replicator.engine.ReplicationException;
import io.mirador.replicator.state.StateStoreException;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.kafka.common.KafkaException;

/**
 * An API failure: HTTP status, a short machine-readable code and a one-line message for people. Handlers throw
 * it; {@link #from(Throwable)} maps the engine's exceptions so that handlers need not catch them.
 */
final class ApiError extends RuntimeException {

    /** Longest message sent: whatever a message quotes, an answer stays a line. */
    static final int MAX_MESSAGE = 300;
    /** A Java exception's class name as Throwable.toString() prefixes it to messages. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error):?\\s*");

    private final HttpResponseStatus status;
    private final String code;

    ApiError(HttpResponseStatus status, String code, String message) {
        super(capped(message), null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError badRequest(String message) {
        return new ApiError(HttpResponseStatus.BAD_REQUEST, "bad_request", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(HttpResponseStatus.NOT_FOUND, "not_found", message);
    }

    HttpResponseStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The error's JSON body: {@code {"status", "error", "message"}}. */
    ErrorBody body() {
        return new ErrorBody(status.code(), code, getMessage());
    }

    /** Maps any failure of a handler; {@code null} for failures not meant for clients (the caller logs them). */
    static ApiError from(Throwable t) {
        if (t instanceof ApiError e) {
            return e;
        }
        if (t instanceof NotFoundException) {
            return new ApiError(HttpResponseStatus.NOT_FOUND, "not_found", t.getMessage());
        }
        if (t instanceof ConflictException) {
            return new ApiError(HttpResponseStatus.CONFLICT, "conflict", t.getMessage());
        }
        if (t instanceof InvalidRequestException) {
            return new ApiError(HttpResponseStatus.BAD_REQUEST, "invalid_request", t.getMessage());
        }
        if (kafkaCause(t) != null) {
            // The engine reached out to a cluster (admin client creation, metadata) and Kafka failed: a gateway error.
            return new ApiError(HttpResponseStatus.BAD_GATEWAY, "kafka_error", oneLine(kafkaCause(t)));
        }
        if (t instanceof ReplicationException) {
            return new ApiError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "engine_error", t.getMessage());
        }
        StateStoreException state = stateCause(t);
        if (state != null) {
            // The state cannot be read or written (a read-only file, a full disk): the request was fine, the server
            // cannot serve it now. Its message is one line meant for users and names what could not be saved.
            return new ApiError(HttpResponseStatus.SERVICE_UNAVAILABLE, "state_unavailable", state.getMessage());
        }
        return null;
    }

    static ApiError internal() {
        return new ApiError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "internal error: see the server log");
    }

    private static StateStoreException stateCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof StateStoreException s) {
                return s;
            }
        }
        return null;
    }

    private static KafkaException kafkaCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KafkaException k) {
                return k;
            }
        }
        return null;
    }

    private static String oneLine(KafkaException e) {
        String message = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null) {
            message = message + ": " + root.getMessage();
        }
        // Kafka wraps causes with Throwable.toString(): drop the class names, keep what people can act on.
        String text = message == null ? "" : CLASS_PREFIX.matcher(message.replace('\n', ' ')).replaceAll("").strip();
        return text.isEmpty() ? "the Kafka client failed" : text;
    }

    private static String capped(String message) {
        if (message == null) {
            return null;
        }
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** The JSON shape of every error answer. */
    record ErrorBody(int status, String error, String message) {
    }
}
