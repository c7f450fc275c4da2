package io.mirador.ui.task;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns failures into the one-line messages our own exceptions already carry. */
public final class Messages {

    private Messages() {
    }

    public static String oneLine(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
