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
        String prefix = "cannot " + what + " on cluster " + connection.name() + ": ";
        if (cause instanceof SslAuthenticationException) {
            return prefix + "TLS handshake failed (check trust store and security protocol)";
        }
        if (cause instanceof AuthenticationException) {
            return prefix + "authentication failed (check user name and password)";
        }
        if (cause instanceof AuthorizationException) {
            return prefix + "not authorised";
        }
        if (cause instanceof TimeoutException) {
            return prefix + "no answer from " + connection.bootstrapServers() + " (unreachable or wrong security protocol)";
        }
        String message = cause.getMessage();
        return prefix + (message == null ? cause.getClass().getSimpleName() : firstLine(message));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
