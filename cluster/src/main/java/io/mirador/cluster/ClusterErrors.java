package io.mirador.cluster;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns Kafka client exceptions into one plain-language line; every package words failures through it. */
public final class ClusterErrors {

    private ClusterErrors() {
    }

    public static String describe(ClusterConnection connection, String what, Throwable cause) {
        return "cannot " + what + " on cluster " + connection.name() + ": " + reason(connection, cause);
    }

    /** Why a call to {@code connection} failed, without saying which call: "authentication failed (...)". */
    public static String reason(ClusterConnection connection, Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return "TLS handshake failed (check trust store and security protocol)";
        }
        if (cause instanceof AuthenticationException) {
            return "authentication failed (check user name and password)";
        }
        if (cause instanceof AuthorizationException) {
            return "not authorised";
        }
        if (cause instanceof TimeoutException) {
            return "no answer from " + connection.bootstrapServers() + " (unreachable or wrong security protocol)";
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
