package io.mirador.replicator.state;

/**
 * The state store cannot be opened or used: a corrupt or foreign database file, a database written by a newer
 * Mirador, a file locked by another process, or a failed read or write. The message is one line meant for
 * users; the cause, when there is one, has the details.
 */
public class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
