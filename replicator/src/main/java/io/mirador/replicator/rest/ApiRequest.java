package io.mirador.replicator.rest;

import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpMethod;

/**
 * A request as handlers see it: decoded path variables of the matched template, query parameters and the
 * aggregated body (already copied off Netty's buffers, so handlers need not care about reference counts).
 */
record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
                  Map<String, List<String>> query, byte[] body) {

    ApiRequest {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A path variable of the template, e.g. {@code name} of {@code /api/v1/routes/{name}}. */
    String param(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("no path variable " + name + " in " + path);
        }
        return value;
    }

    /** The first value of a query parameter, or null. */
    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean hasBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return true;
            }
        }
        return false;
    }
}
