package io.mirador.replicator.rest;

/** The REST server cannot be set up or started: a one-line message meant for people (port in use, no token). */
public final class RestServerException extends RuntimeException {

    public RestServerException(String message) {
        super(message);
    }

    public RestServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
