package io.mirador.replicator.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Dispatches on method and path template ({@code /api/v1/routes/{name}/topics/{topic}}): literal segments match
 * exactly, {@code {var}} segments match one non-empty percent-decoded segment. The first registered template
 * that matches wins, so register literal paths before variable ones when they overlap. A path that matches a
 * template with another method is a 405 listing the allowed methods; no match at all is a 404. HEAD is served by
 * the GET endpoint (the dispatcher leaves the body out), so every GET path allows HEAD too. A malformed
 * percent-encoding ({@code %zz}) in a variable segment is a 400.
 *
 * <p>Threading: filled once while the server is built, then only read; safe to share between threads.
 */
final class Router {

    /** One endpoint: a handler method. It may throw {@link ApiError} or the engine's exceptions. */
    @FunctionalInterface
    interface Endpoint {
        ApiResponse handle(ApiRequest request);
    }

    record Match(Endpoint endpoint, Map<String, String> params) {
    }

    private record Entry(HttpMethod method, String[] segments, Endpoint endpoint) {
    }

    private final List<Entry> entries = new ArrayList<>();

    Router add(HttpMethod method, String template, Endpoint endpoint) {
        entries.add(new Entry(method, split(template), endpoint));
        return this;
    }

    /** The endpoint for {@code method} and the raw (still percent-encoded) {@code path}. */
    Match match(HttpMethod method, String rawPath) {
        String[] segments = split(rawPath);
        HttpMethod wanted = method.equals(HttpMethod.HEAD) ? HttpMethod.GET : method;
        Set<String> allowed = new LinkedHashSet<>();
        for (Entry entry : entries) {
            Map<String, String> params = bind(entry.segments(), segments);
            if (params == null) {
                continue;
            }
            if (entry.method().equals(wanted)) {
                return new Match(entry.endpoint(), params);
            }
            allowed.add(entry.method().name());
            if (entry.method().equals(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD.name());
            }
        }
        if (allowed.isEmpty()) {
            throw ApiError.notFound("no such path: " + Names.shown(rawPath));
        }
        throw new MethodNotAllowed(method, rawPath, allowed);
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                String value = decode(path[i]);
                if (value.isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    /** Percent-decoding of a path segment; unlike form decoding, {@code +} stays a plus. */
    private static String decode(String segment) {
        try {
            return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("malformed percent-encoding in the path segment '" + Names.shown(segment)
                    + "': '%' must be followed by two hex digits");
        }
    }

    /** 405, carrying the methods the path does accept for the {@code Allow} header. */
    static final class MethodNotAllowed extends RuntimeException {

        private final Set<String> allowed;

        MethodNotAllowed(HttpMethod method, String path, Set<String> allowed) {
            super(method.name() + " is not allowed on " + Names.shown(path) + "; use " + String.join(", ", allowed), null,
                    false, false);
            this.allowed = Set.copyOf(allowed);
        }

        ApiError error() {
            return new ApiError(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", getMessage());
        }

        String allowHeader() {
            return String.join(", ", new java.util.TreeSet<>(allowed));
        }
    }
}
