package io.mirador.replicator.rest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of names and addresses taken from requests, so that what is created can later be addressed in a URL
 * path and reached by Kafka clients, and the cap on what error messages echo back.
 */
final class Names {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final int MAX_NAME = 200;
    /** Longest value an error message quotes; longer ones are cut with an ellipsis. */
    static final int SHOWN = 80;
    /**
     * One bootstrap server as Kafka's clients parse it: an optional scheme prefix ({@code PLAINTEXT://}),
     * a host name or a bracketed IPv6 address, a port.
     */
    private static final Pattern SERVER = Pattern.compile(
            "(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(\\[[0-9a-fA-F:.]+(?:%[a-zA-Z0-9._-]+)?]|[a-zA-Z0-9_][a-zA-Z0-9._-]*):([0-9]{1,5})");

    private Names() {
    }

    /**
     * A cluster or route name: non-blank, at most 200 characters, no surrounding spaces, not {@code .} or
     * {@code ..} (clients resolve those path segments away), no slash or backslash, no control, invisible
     * formatting or lone surrogate characters. Spaces and other printable characters are allowed: the console
     * registers connections under the names people gave them.
     */
    static String resource(String kind, String name) {
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("missing field: name (the " + kind + "'s name)");
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiError.badRequest("invalid " + kind + " name '" + name + "': '.' and '..' cannot be addressed in"
                    + " a URL path");
        }
        if (name.length() > MAX_NAME || name.contains("/") || name.contains("\\") || !name.strip().equals(name)
                || name.codePoints().anyMatch(Names::unsafe)) {
            throw ApiError.badRequest("invalid " + kind + " name '" + shown(name) + "': at most " + MAX_NAME
                    + " characters, no slash, backslash, control or invisible characters, no surrounding spaces");
        }
        return name;
    }

    private static boolean unsafe(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** A Kafka topic name: letters, digits, '.', '_' and '-', at most 249 characters, not '.' or '..'. */
    static String topic(String topic) {
        if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw ApiError.badRequest("invalid topic name '" + shown(topic) + "': use letters, digits, '.', '_' and '-'"
                    + " (at most 249)");
        }
        return topic;
    }

    /**
     * Bootstrap servers, comma-separated {@code host:port} entries (spaces around entries allowed, as Kafka
     * allows them); each port 1 to 65535, IPv6 hosts in brackets. Returns them stripped.
     */
    static String bootstrapServers(String servers) {
        if (servers == null || servers.isBlank()) {
            throw ApiError.badRequest("missing field: bootstrapServers");
        }
        for (String entry : servers.split(",", -1)) {
            String server = entry.strip();
            Matcher m = SERVER.matcher(server);
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65_535) {
                throw ApiError.badRequest("invalid bootstrap server '" + shown(server) + "': use host:port with a port"
                        + " from 1 to 65535, IPv6 addresses in brackets ([::1]:9092), entries separated by commas");
            }
        }
        return servers.strip();
    }

    /** A name as one URL path segment, for Location headers. */
    static String segment(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A body's name must be absent or equal to the one in the path. */
    static void requireSame(String kind, String inPath, String inBody) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw ApiError.badRequest("the " + kind + " name in the body (" + shown(inBody) + ") differs from the path ("
                    + shown(inPath) + ")");
        }
    }

    /** A value as error messages quote it: at most {@value #SHOWN} characters, longer ones cut with an ellipsis. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= SHOWN) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(SHOWN - 1)) ? SHOWN - 2 : SHOWN - 1;
        return value.substring(0, end) + "…";
    }
}
