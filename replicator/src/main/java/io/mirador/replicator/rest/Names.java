package io.mirador.replicator.rest;

import java.util.regex.Pattern;

/** Checks of names taken from request bodies, so that what is created can later be addressed in a URL path. */
final class Names {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_NAME = 200;

    private Names() {
    }

    /** A cluster or route name: non-blank, no slash or control character, at most 200 characters. */
    static String resource(String kind, String name) {
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("missing field: name (the " + kind + "'s name)");
        }
        if (name.length() > MAX_NAME || name.contains("/") || name.chars().anyMatch(Character::isISOControl)
                || !name.strip().equals(name)) {
            throw ApiError.badRequest("invalid " + kind + " name '" + name + "': at most " + MAX_NAME
                    + " characters, no slash, control characters or surrounding spaces");
        }
        return name;
    }

    /** A Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters, not '.' or '..'. */
    static String topic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw ApiError.badRequest("invalid topic name '" + topic + "': use letters, digits, '.', '_' and '-'"
                    + " (at most 249)");
        }
        return topic;
    }

    /** A name as one URL path segment, for Location headers. */
    static String segment(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A body's name must be absent or equal to the one in the path. */
    static void requireSame(String kind, String inPath, String inBody) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw ApiError.badRequest("the " + kind + " name in the body (" + inBody + ") differs from the path ("
                    + inPath + ")");
        }
    }
}
