package io.mirador.ui.service.mirroring;

/**
 * One-line messages for the UI out of the engine's and Kafka's exceptions. The engine's own exceptions
 * (not found, conflict, invalid request, configuration errors) already carry a sentence meant for people; a bare
 * Kafka or JDK failure gets its root cause appended, since its own message is often only a call name.
 */
final class Failures {

    private Failures() {
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (e instanceof org.apache.kafka.common.KafkaException && !(e instanceof org.apache.kafka.common.config.ConfigException)) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != e && root.getMessage() != null && (message == null || !message.contains(root.getMessage()))) {
                message = message == null ? root.getMessage() : message + ": " + root.getMessage();
            }
        }
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
