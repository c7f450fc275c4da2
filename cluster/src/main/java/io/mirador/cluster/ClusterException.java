package io.mirador.cluster;

/** A failure talking to a cluster, with a one-line message meant for people. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
