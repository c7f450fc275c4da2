package io.mirador.replicator.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The bearer token check. With no token configured every request passes (the server then only listens on a
 * loopback address, see {@link RestServer}). The comparison takes constant time so that response timing does
 * not reveal how much of a guess was right. The token is never logged or echoed.
 */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";
    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Throws a 401 {@link ApiError} unless the request carries the configured token. */
    void check(HttpRequest request) {
        if (expected == null) {
            return;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw unauthorized("a bearer token is required: send 'Authorization: Bearer <token>'");
        }
        byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        // MessageDigest.isEqual is constant-time in the length of the expected value.
        if (!MessageDigest.isEqual(expected, given)) {
            throw unauthorized("wrong bearer token");
        }
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(HttpResponseStatus.UNAUTHORIZED, "unauthorized", message);
    }
}
