package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Confluent-compatible registry stand-in on a real loopback port: {@code GET /schemas/ids/{id}} answers
 * what {@link #put} registered, 404 with the registry's error body otherwise, and 401 when credentials are
 * required and missing or wrong.
 */
final class TestRegistry implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, ObjectNode> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String requiredAuthorization;

    TestRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/schemas/ids/", this::handle);
        server.start();
    }

    /** Registers a schema; {@code type} null leaves schemaType out, as the registry does for Avro. */
    TestRegistry put(int id, String type, String schema) {
        ObjectNode body = MAPPER.createObjectNode().put("schema", schema);
        if (type != null) {
            body.put("schemaType", type);
        }
        schemas.put(id, body);
        return this;
    }

    TestRegistry requireBasicAuth(String authorizationHeader) {
        requiredAuthorization = authorizationHeader;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (requiredAuthorization != null && !requiredAuthorization.equals(auth)) {
            respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        ObjectNode body = null;
        try {
            body = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
        } catch (NumberFormatException notAnId) {
            // 404 below
        }
        if (body == null) {
            respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
            respond(exchange, 200, MAPPER.writeValueAsString(body));
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
