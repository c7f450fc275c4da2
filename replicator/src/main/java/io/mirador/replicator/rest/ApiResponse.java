package io.mirador.replicator.rest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;

/** What a handler answers; {@link RestDispatcher} turns it into a Netty response. Immutable. */
record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    /** 201 with the created resource and its address. */
    static ApiResponse created(String location, Object value) {
        return new ApiResponse(HttpResponseStatus.CREATED, JSON, Json.write(value), Map.of("Location", location));
    }

    static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of());
    }

    static ApiResponse json(HttpResponseStatus status, Object value) {
        return new ApiResponse(status, JSON, Json.write(value), Map.of());
    }

    static ApiResponse text(HttpResponseStatus status, String contentType, String text) {
        return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static ApiResponse error(ApiError error) {
        return json(error.status(), error.body());
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more);
    }
}
