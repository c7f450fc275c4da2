package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads schemas by id from a Confluent-compatible schema registry ({@code GET /schemas/ids/{id}}). Only what
 * the message browser needs: no subjects, no registration.
 *
 * <p>Schemas by id never change in a registry, so a fetched one is cached for the life of this client. A
 * failure is remembered for {@link #FAILURE_TTL} so that a page of records with an unreachable registry waits
 * for one time-out, not one per record. Credentials come from the URL's user-info
 * ({@code https://user:secret@host}) and go only into the Authorization header: never into messages, logs or
 * {@link #toString()}. Thread-safe; calls block, so the UI makes them on worker threads.
 */
public final class SchemaRegistryClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String displayUrl;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<Integer, RegistrySchema> cache = new ConcurrentHashMap<>();
    private final Map<Integer, Failure> failures = new ConcurrentHashMap<>();

    private record Failure(String message, long atNanos) {
    }

    /** @throws IllegalArgumentException when {@code url} is not an http(s) URL (message without credentials) */
    public SchemaRegistryClient(String url) {
        this(url, DEFAULT_TIMEOUT);
    }

    public SchemaRegistryClient(String url, Duration timeout) {
        URI parsed;
        try {
            parsed = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the schema registry URL is not a valid URL");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
            throw new IllegalArgumentException("the schema registry URL must start with http:// or https://");
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath().replaceAll("/+$", "");
        String authority = parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
        if (parsed.getHost().contains(":")) { // IPv6 literal
            authority = "[" + parsed.getHost() + "]" + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
        }
        this.displayUrl = scheme + "://" + authority + path;
        this.base = URI.create(displayUrl + "/");
        this.authorization = basicAuth(parsed.getRawUserInfo());
        this.timeout = timeout;
        // No redirects: a redirect to another host would carry the Authorization header there.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A client for a connection's configured URL, or empty when none is configured. */
    public static Optional<SchemaRegistryClient> forUrl(String url) {
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(new SchemaRegistryClient(url));
    }

    /** The registry's URL without credentials. */
    public String displayUrl() {
        return displayUrl;
    }

    /**
     * The schema with this id, from the cache or the registry.
     *
     * @throws RegistryException with a one-line reason: unreachable, timed out, not found, refused
     */
    public RegistrySchema schema(int id) throws RegistryException {
        RegistrySchema cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        Failure failure = failures.get(id);
        if (failure != null && System.nanoTime() - failure.atNanos() < FAILURE_TTL.toNanos()) {
            throw new RegistryException(failure.message());
        }
        try {
            RegistrySchema schema = fetch(id);
            cache.put(id, schema);
            failures.remove(id);
            return schema;
        } catch (RegistryException e) {
            failures.put(id, new Failure(e.getMessage(), System.nanoTime()));
            throw e;
        }
    }

    private RegistrySchema fetch(int id) throws RegistryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("schemas/ids/" + id))
                .timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            long millis = timeout.toMillis();
            throw new RegistryException("schema registry " + displayUrl + " did not answer within "
                    + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms"));
        } catch (IOException e) {
            throw new RegistryException("schema registry " + displayUrl + " unreachable"
                    + (e.getMessage() == null ? " (" + e.getClass().getSimpleName() + ")" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while fetching schema " + id);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status == 404) {
            throw new RegistryException("schema id " + id + " not found in registry " + displayUrl);
        }
        if (status == 401 || status == 403) {
            throw new RegistryException("schema registry " + displayUrl + " refused access (HTTP " + status
                    + "): check the user and password in the registry URL");
        }
        if (status != 200 || body == null || !body.path("schema").isTextual()) {
            String message = body == null ? "" : body.path("message").asText("");
            throw new RegistryException("schema registry " + displayUrl + " answered HTTP " + status
                    + (message.isBlank() ? "" : ": " + firstLine(message)) + " for schema id " + id);
        }
        String typeName = body.path("schemaType").asText("AVRO").toUpperCase(Locale.ROOT);
        RegistrySchema.Type type;
        try {
            type = RegistrySchema.Type.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("schema id " + id + " has unsupported type " + firstLine(typeName));
        }
        return new RegistrySchema(id, type, body.path("schema").asText());
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /** "user:secret" (percent-encoded in the URL) as a Basic Authorization header value, or null. */
    private static String basicAuth(String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return null;
        }
        int colon = rawUserInfo.indexOf(':');
        String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    private static String decode(String percentEncoded) {
        // URLDecoder would turn '+' into a space, which user-info does not mean.
        return URLDecoder.decode(percentEncoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient[" + displayUrl + (authorization == null ? "" : ", with credentials") + "]";
    }
}
