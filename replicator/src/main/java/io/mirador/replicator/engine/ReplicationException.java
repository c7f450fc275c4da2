package io.mirador.replicator.engine;

/** A failure of the engine, with a one-line message meant for people. */
public class ReplicationException extends RuntimeException {

    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
