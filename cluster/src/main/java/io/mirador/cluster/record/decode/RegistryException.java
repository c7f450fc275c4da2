package io.mirador.cluster.record.decode;

/** A schema could not be had from the registry; the message is one line fit for the detail pane's note. */
public final class RegistryException extends Exception {

    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }
}
