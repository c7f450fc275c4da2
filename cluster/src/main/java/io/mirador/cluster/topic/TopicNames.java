package io.mirador.cluster.topic;

import java.util.Optional;

/**
 * Kafka's rules for topic names, checked before asking the broker so people get a sentence instead of
 * "InvalidTopicException". Mirrors org.apache.kafka.common.internals.Topic, which is not public API.
 */
public final class TopicNames {

    /** 255 minus room for the suffixes Kafka appends to partition directory names. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Why {@code name} is not a valid topic name, or empty when it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a topic name cannot be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("a topic cannot be named '" + name + "'");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("topic name is " + name.length() + " characters long; at most " + MAX_LENGTH
                    + " are allowed");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAllowed(c)) {
                return Optional.of("topic name '" + name + "' contains " + printable(c)
                        + "; use only letters a-z and A-Z, digits, '.', '_' and '-'");
            }
        }
        return Optional.empty();
    }

    /**
     * True when two names would collide in Kafka's metrics, where '.' and '_' are the same; the broker
     * refuses the second such topic, so the UI can warn early.
     */
    public static boolean collide(String a, String b) {
        return !a.equals(b) && a.replace('.', '_').equals(b.replace('.', '_'));
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String printable(char c) {
        if (c == ' ') {
            return "a space";
        }
        return Character.isWhitespace(c) || Character.isISOControl(c) ? String.format("U+%04X", (int) c)
                : "'" + c + "'";
    }
}
