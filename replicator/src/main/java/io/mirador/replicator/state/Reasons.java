package io.mirador.replicator.state;

import java.util.regex.Pattern;

/** Turns exceptions (mostly H2's and Flyway's, which run over several lines) into one line for our messages. */
final class Reasons {

    private static final Pattern H2_ERROR_SUFFIX = Pattern.compile("\\s*\\[[0-9][^\\]]*]\\s*$");

    private Reasons() {
    }

    /** One line: the message without H2's error code suffix, plus the cause's when it adds something. */
    static String reason(Throwable e) {
        String message = firstLine(e);
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            String causeMessage = firstLine(cause);
            if (!message.contains(causeMessage)) {
                message += " (" + causeMessage + ")";
            }
        }
        return message;
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        message = message.strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        // H2 ends a message with "; SQL statement:" and the statement on the next line(s): not for users.
        return H2_ERROR_SUFFIX.matcher(message).replaceFirst("").replaceFirst(";?\\s*SQL statement:$", "");
    }
}
