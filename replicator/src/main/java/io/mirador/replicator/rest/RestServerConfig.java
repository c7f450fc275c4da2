package io.mirador.replicator.rest;

import java.util.Objects;

import io.mirador.replicator.engine.ReplicationEngine;

/**
 * How the REST server listens and what it serves. Immutable; the {@code with...} methods return copies.
 *
 * @param bindAddress  address or host name to listen on; {@value #DEFAULT_BIND} by default. Any non-loopback
 *                     address requires a token (checked by {@link RestServer})
 * @param port         TCP port, 0 for any free port ({@link RestServer#port()} reports the real one)
 * @param token        bearer token every request must carry, or null for none (loopback only)
 * @param maxBodyBytes largest accepted request body; larger ones are answered 413
 * @param engine       the engine the API drives; the server does not close it
 */
public record RestServerConfig(String bindAddress, int port, String token, int maxBodyBytes,
                               ReplicationEngine engine) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8088;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

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
    }

    /** Loopback, port {@value #DEFAULT_PORT}, no token, 1 MiB bodies. */
    public static RestServerConfig defaults(ReplicationEngine engine) {
        return new RestServerConfig(DEFAULT_BIND, DEFAULT_PORT, null, DEFAULT_MAX_BODY_BYTES, engine);
    }

    public RestServerConfig withBindAddress(String newBindAddress) {
        return new RestServerConfig(newBindAddress, port, token, maxBodyBytes, engine);
    }

    public RestServerConfig withPort(int newPort) {
        return new RestServerConfig(bindAddress, newPort, token, maxBodyBytes, engine);
    }

    public RestServerConfig withToken(String newToken) {
        return new RestServerConfig(bindAddress, port, newToken, maxBodyBytes, engine);
    }

    public RestServerConfig withMaxBodyBytes(int newMaxBodyBytes) {
        return new RestServerConfig(bindAddress, port, token, newMaxBodyBytes, engine);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "RestServerConfig[bindAddress=" + bindAddress + ", port=" + port + ", token="
                + (token == null ? "none" : "******") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
