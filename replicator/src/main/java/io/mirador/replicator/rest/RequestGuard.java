package io.mirador.replicator.rest;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What keeps web pages away from the API: the API is meant for scripts and the console, which send no
 * {@code Origin}, while any page a browser shows could otherwise reach {@code 127.0.0.1}. Three rules, each
 * answered with the usual JSON error:
 * <ul>
 * <li>{@code Host} must name this server (403): on a loopback connection {@code localhost}, {@code 127.0.0.1},
 *     {@code [::1]}; always the bound address, the address the connection arrived on, and the configured
 *     {@link RestServerConfig#allowedHosts()}. A page that rebinds its own DNS name to 127.0.0.1 sends its own name
 *     and is refused. No Host at all (HTTP/1.0) is accepted on loopback connections only.</li>
 * <li>An {@code Origin} header must be one of {@link RestServerConfig#allowedOrigins()} (403); allowed origins get
 *     CORS headers naming them exactly, never a wildcard.</li>
 * <li>A body must be declared {@code application/json} (415): browsers send text/plain, form and multipart bodies
 *     across origins without asking first, JSON only after a CORS preflight that this server answers for allowed
 *     origins only.</li>
 * </ul>
 * A malformed or repeated {@code Host} or {@code Origin} header is refused as well (400, 403).
 *
 * <p>Threading: immutable once built; shared by every channel.
 */
final class RequestGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[0:0:0:0:0:0:0:1]");
    static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE";

    private final boolean boundLoopback;
    /** The bound address and the name it was given, as Host header values without port. */
    private final Set<String> boundNames = new LinkedHashSet<>();
    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;

    RequestGuard(RestServerConfig config, InetAddress bound) {
        this.boundLoopback = bound.isLoopbackAddress();
        if (!bound.isAnyLocalAddress()) {
            // 0.0.0.0 is no name of this server: browsers map it to localhost, so it must not pass as one.
            boundNames.add(literal(bound));
            String configured = config.bindAddress().toLowerCase(Locale.ROOT);
            String v6 = RestServerConfig.ipv6(configured.replaceAll("^\\[|]$", ""));
            boundNames.add(v6 != null ? v6 : configured);
        }
        this.allowedHosts = Set.copyOf(config.allowedHosts());
        this.allowedOrigins = Set.copyOf(config.allowedOrigins());
    }

    /**
     * Checks Host and Origin. {@code local} is the address the connection arrived on, or null when unknown (then
     * the bound address decides whether the connection is a loopback one).
     *
     * @return the request's origin when it is an allowed one, for the CORS headers; null when it sent none
     */
    String check(HttpRequest request, InetAddress local) {
        checkHost(request, local);
        return checkOrigin(request);
    }

    private void checkHost(HttpRequest request, InetAddress local) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        boolean loopback = local != null ? local.isLoopbackAddress() : boundLoopback;
        if (hosts.isEmpty()) {
            if (!loopback) {
                throw forbidden("a Host header is required on connections from other machines");
            }
            return;
        }
        if (hosts.size() > 1) {
            throw ApiError.badRequest("more than one Host header");
        }
        String host = hostOnly(hosts.get(0));
        if (host == null) {
            throw ApiError.badRequest("malformed Host header '" + Names.shown(hosts.get(0)) + "'");
        }
        boolean known = boundNames.contains(host) || allowedHosts.contains(host)
                || loopback && LOOPBACK_NAMES.contains(host)
                || local != null && !local.isAnyLocalAddress() && literal(local).equals(host);
        if (!known) {
            throw forbidden("Host '" + Names.shown(hosts.get(0)) + "' is not a name of this server (a page using "
                    + "DNS rebinding sends its own name): call it by its address, or allow the name with the "
                    + "replicator's --allow-host");
        }
    }

    private String checkOrigin(HttpRequest request) {
        List<String> origins = request.headers().getAll(HttpHeaderNames.ORIGIN);
        if (origins.isEmpty()) {
            return null;
        }
        String origin = origins.get(0).strip().toLowerCase(Locale.ROOT);
        if (origins.size() > 1 || !allowedOrigins.contains(origin)) {
            throw forbidden("requests from web pages are refused: Origin '" + Names.shown(origins.get(0))
                    + "' is not allowed (allow an origin with the replicator's --allow-origin)");
        }
        return origins.get(0).strip();
    }

    /** 415 unless a request with a body declares it {@code application/json} (parameters such as charset allowed). */
    static void requireJson(FullHttpRequest request) {
        if (!request.content().isReadable()) {
            return;
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiError(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "request bodies must be JSON sent with 'Content-Type: application/json'"
                            + (type == null ? " (none was sent)" : ", not '" + Names.shown(type) + "'"));
        }
    }

    /** A CORS preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed origin. */
    static boolean isPreflight(HttpRequest request, String origin) {
        return origin != null && request.method().equals(HttpMethod.OPTIONS)
                && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** The answer to a preflight: the methods and headers the API takes, cached by the browser for 10 minutes. */
    static ApiResponse preflight(String origin) {
        return cors(ApiResponse.noContent(), origin)
                .withHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                .withHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .withHeader("Access-Control-Max-Age", "600");
    }

    /** The CORS headers for an allowed origin: that origin exactly, never {@code *}. */
    static ApiResponse cors(ApiResponse response, String origin) {
        if (origin == null) {
            return response;
        }
        return response.withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Expose-Headers", "Location")
                .withHeader("Vary", "Origin");
    }

    /** The host of a Host header value, lower case, without port, IPv6 canonical in brackets; null if malformed. */
    static String hostOnly(String header) {
        String text = header.strip().toLowerCase(Locale.ROOT);
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = RestServerConfig.ipv6(text.substring(1, close));
            port = text.substring(close + 1);
        } else {
            int colon = text.indexOf(':');
            host = colon < 0 ? text : text.substring(0, colon);
            port = colon < 0 ? "" : text.substring(colon);
        }
        if (host == null || host.isEmpty() || !port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
            return null;
        }
        return host;
    }

    private static String literal(InetAddress address) {
        String text = RestServerConfig.stripScope(address.getHostAddress());
        return text.contains(":") ? "[" + text + "]" : text;
    }

    private static ApiError forbidden(String message) {
        return new ApiError(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }
}
