package io.mirador.ui.service.mirroring;

/** A mirroring call that failed, with a one-line message for the UI (the engine's or the REST API's). */
public final class MirroringException extends RuntimeException {

    public MirroringException(String message, Throwable cause) {
        super(message, cause);
    }
}
