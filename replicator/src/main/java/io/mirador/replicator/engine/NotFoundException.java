package io.mirador.replicator.engine;

/** A cluster, route or topic that does not exist was named. */
public class NotFoundException extends ReplicationException {

    public NotFoundException(String message) {
        super(message);
    }
}
