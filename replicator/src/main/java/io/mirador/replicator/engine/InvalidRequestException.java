package io.mirador.replicator.engine;

/** Input that cannot be accepted: a missing field, a bad regular expression, an unknown naming policy. */
public class InvalidRequestException extends ReplicationException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
