package io.mirador.replicator.rest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * How the REST server listens and what it serves. Immutable; the {@code with...} methods return copies.
 *
 * @param bindAddress    address or host name to listen on; {@value #DEFAULT_BIND} by default. Any non-loopback
 *                       address requires a token (checked by {@link RestServer})
 * @param port           TCP port, 0 for any free port ({@link RestServer#port()} reports the real one)
 * @param token          bearer token every request must carry, or null for none (loopback only)
 * @param maxBodyBytes   largest accepted request body; larger ones are answered 413
 * @param allowedOrigins web origins ({@code https://console.example:8443}) whose pages may call the API; a request
 *                       with any other {@code Origin} header is refused (403). Empty by default: no web page may
 *                       call it. Stored in the form browsers send (lower case, no default port, no slash)
 * @param allowedHosts   host names accepted in the {@code Host} header besides the bound address (and, on
 *                       loopback connections, {@code localhost}); guards against DNS rebinding. Lower case
 * @param engine         the engine the API drives; the server does not close it
 */
public record RestServerConfig(String bindAddress, int port, String token, int maxBodyBytes,
                               List<String> allowedOrigins, List<String> allowedHosts, ReplicationEngine engine) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_]([a-z0-9._-]{0,252})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    public RestServerConfig {
        Objects.requireNonNull(engine, "engine");
        bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND : bindAddress.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("invalid REST port " + port + ": use 0 to 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("invalid REST body limit " + maxBodyBytes + ": use at least 1 byte");
        }
        if (token != null && (token.isBlank() || !token.strip().equals(token) || token.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("invalid REST token: it must be non-blank, without surrounding spaces"
                    + " or control characters");
        }
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(RestServerConfig::origin).distinct().toList();
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(RestServerConfig::host).distinct().toList();
    }

    /** Loopback, port {@value #DEFAULT_PORT}, no token, 1 MiB bodies, no web origin, no extra host name. */
    public static RestServerConfig defaults(ReplicationEngine engine) {
        return new RestServerConfig(DEFAULT_BIND, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, List.of(), List.of(), engine);
    }

    public RestServerConfig withBindAddress(String newBindAddress) {
        return new RestServerConfig(newBindAddress, port, token, maxBodyBytes, allowedOrigins, allowedHosts, engine);
    }

    public RestServerConfig withPort(int newPort) {
        return new RestServerConfig(bindAddress, newPort, token, maxBodyBytes, allowedOrigins, allowedHosts, engine);
    }

    public RestServerConfig withToken(String newToken) {
        return new RestServerConfig(bindAddress, port, newToken, maxBodyBytes, allowedOrigins, allowedHosts, engine);
    }

    public RestServerConfig withMaxBodyBytes(int newMaxBodyBytes) {
        return new RestServerConfig(bindAddress, port, token, newMaxBodyBytes, allowedOrigins, allowedHosts, engine);
    }

    public RestServerConfig withAllowedOrigins(List<String> origins) {
        return new RestServerConfig(bindAddress, port, token, maxBodyBytes, origins, allowedHosts, engine);
    }

    public RestServerConfig withAllowedHosts(List<String> hosts) {
        return new RestServerConfig(bindAddress, port, token, maxBodyBytes, allowedOrigins, hosts, engine);
    }

    /**
     * A web origin as browsers send it in the {@code Origin} header: {@code scheme://host[:port]}, lower case,
     * without the scheme's default port or a trailing slash. There is no wildcard: each origin is named.
     *
     * @throws IllegalArgumentException for {@code *}, {@code null}, a path, a query or anything but http(s)
     */
    public static String origin(String origin) {
        String text = origin == null ? "" : origin.strip().toLowerCase(Locale.ROOT);
        if (text.contains("*")) {
            throw new IllegalArgumentException("invalid origin '" + origin + "': there is no wildcard, name each "
                    + "origin, e.g. http://localhost:3000");
        }
        String hint = "invalid origin '" + origin + "': use scheme://host[:port], e.g. https://console.example:8443";
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint, e);
        }
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(hint);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        return scheme + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }

    /**
     * A name or address accepted in the {@code Host} header, without port: lower case, IPv6 in brackets.
     *
     * @throws IllegalArgumentException for a wildcard, a port or characters no host name has
     */
    public static String host(String host) {
        String text = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        String v6 = bare.contains(":") ? ipv6(bare) : null;
        if (v6 != null) {
            return v6;
        }
        if (!HOST_NAME.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid host name '" + host + "': use a name or address without "
                    + "port or wildcard, e.g. mirador.example.com");
        }
        return text;
    }

    /**
     * An IPv6 literal in one canonical form, {@code [0:0:0:0:0:0:0:1]} for {@code ::1}, or null when it is none.
     * Only hex digits, colons and dots reach InetAddress, which parses such text as a literal: no DNS lookup.
     */
    static String ipv6(String literal) {
        String bare = literal.toLowerCase(Locale.ROOT);
        if (!bare.contains(":") || !IPV6.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare) instanceof Inet6Address a ? "[" + stripScope(a.getHostAddress()) + "]" : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String stripScope(String address) {
        int scope = address.indexOf('%');
        return scope < 0 ? address : address.substring(0, scope);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "RestServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", token="
                + (token == null ? "none" : "******") + ", maxBodyBytes=" + maxBodyBytes + ", allowedOrigins="
                + allowedOrigins + ", allowedHosts=" + allowedHosts + "]";
    }
}
