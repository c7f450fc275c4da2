package io.mirador.replicator.engine;

/** The request clashes with what exists: a duplicate name, or a cluster still used by a route. */
public class ConflictException extends ReplicationException {

    public ConflictException(String message) {
        super(message);
    }
}
