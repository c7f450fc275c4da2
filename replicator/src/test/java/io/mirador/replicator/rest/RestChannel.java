package io.mirador.replicator.rest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * The REST pipeline in an {@link EmbeddedChannel}: requests go in as raw HTTP bytes and answers come out as
 * bytes decoded by a client-side decoder, so the codec, the size limit and the dispatcher all take part, with
 * no socket and no extra threads (endpoints run on the embedded event loop).
 */
final class RestChannel implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final EmbeddedChannel server;
    private final EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(16 << 20));

    RestChannel(RestServerConfig config) {
        server = new EmbeddedChannel(new RestInitializer(config, null));
    }

    record Response(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The {@code error} code of a JSON error answer. */
        String error() {
            return json().path("error").asText();
        }
    }

    Response get(String uri) {
        return send("GET", uri, null);
    }

    Response send(String method, String uri, String body) {
        return send(method, uri, body, Map.of());
    }

    Response send(String method, String uri, String body, Map<String, String> headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost");
        all.put("Content-Length", Integer.toString(content.length));
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        all.putAll(headers);
        StringBuilder head = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\n");
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        return writeRaw(Unpooled.wrappedBuffer(head.toString().getBytes(StandardCharsets.ISO_8859_1), content));
    }

    /** Writes raw bytes and returns the one answer they produce. */
    Response writeRaw(ByteBuf bytes) {
        server.writeInbound(bytes);
        server.runPendingTasks();
        ByteBuf out;
        while ((out = server.readOutbound()) != null) {
            client.writeInbound(out);
        }
        FullHttpResponse response = client.readInbound();
        if (response == null) {
            throw new AssertionError("no answer");
        }
        try {
            return new Response(response.status().code(), response.headers().copy(),
                    response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }

    boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
