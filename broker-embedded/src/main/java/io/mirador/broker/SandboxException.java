package io.mirador.broker;

/**
 * A sandbox failure with a message meant for people: one line, says what is wrong and what to do.
 * Callers print {@link #getMessage()} as it is; the cause keeps the technical detail for logs.
 */
public class SandboxException extends RuntimeException {

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
