package io.mirador.ui.service.mirroring;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.Secrets;
import io.mirador.replicator.engine.FailoverReport;
import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.engine.TopicComparison;
import io.mirador.replicator.route.RouteDefinition;
import io.mirador.replicator.state.MetricSample;
import io.mirador.replicator.state.ReplicationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless {@code mirador replicator} driven over its REST API ({@code /api/v1}). Answers map to the engine's
 * own types; the API's errors ({@code {"status", "error", "message"}}) become {@link MirroringException}s with
 * the API's message. The token is sent on every request and appears nowhere else: not in logs, messages or
 * {@link #toString()}. Cluster secrets are sent to the replicator (it needs them) and never logged either.
 *
 * <p>Threading: stateless apart from the thread-safe {@link HttpClient}; every method blocks for at most the
 * connect plus request timeouts and belongs on a worker thread.
 */
public final class RemoteMirroring implements MirroringService {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteMirroring.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** The API's largest event page. */
    static final int MAX_EVENTS = 10_000;
    private static final String API = "/api/v1";
    /** The API's bound on a failover's drain. */
    static final int MAX_DRAIN_SECONDS = 600;
    /**
     * Beyond the drain, a failover waits for in-flight sends (10 s) and a last group sync (up to 60 s) on the
     * replicator's side.
     */
    static final Duration FAILOVER_EXTRA = Duration.ofSeconds(90);

    private final String url;
    private final String token;
    private final HttpClient http;

    /**
     * @param baseUrl the replicator's address, {@code http://host:8088} (a trailing {@code /api/v1} is accepted)
     * @param token   its bearer token, or null/blank for none
     * @throws MirroringException when the URL is not an http(s) address
     */
    public RemoteMirroring(String baseUrl, String token) {
        this.url = normalise(baseUrl);
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public boolean local() {
        return false;
    }

    /**
     * Creates the cluster (POST) or replaces it (PUT) when it differs. The API masks secrets in what it shows, so
     * a cluster with secret properties cannot be compared and is always replaced.
     */
    @Override
    public void putCluster(ClusterConnection cluster) {
        String path = API + "/clusters/" + segment(cluster.name());
        Reply current = exchange("GET", path, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", cluster.name());
        body.put("bootstrapServers", cluster.bootstrapServers());
        body.put("properties", cluster.properties());
        if (current.status() == 404) {
            Reply created = exchange("POST", API + "/clusters", body);
            if (created.status() != 409) { // 409: created by someone else meanwhile, so replace it below
                check(created);
                return;
            }
        } else {
            ClusterView shown = read(check(current), new TypeReference<>() { });
            Map<String, String> masked = Secrets.mask(cluster.properties());
            if (cluster.bootstrapServers().equals(shown.bootstrapServers()) && masked.equals(shown.properties())
                    && masked.equals(cluster.properties())) {
                return; // unchanged: a PUT would restart every route using it
            }
        }
        check(exchange("PUT", path, body));
    }

    @Override
    public List<String> clusterNames() {
        List<ClusterView> clusters = get(API + "/clusters", new TypeReference<>() { });
        return clusters.stream().map(ClusterView::name).sorted().toList();
    }

    @Override
    public List<RouteDefinition> routes() {
        return get(API + "/routes", new TypeReference<>() { });
    }

    @Override
    public RouteDefinition createRoute(RouteDefinition route) {
        return read(check(exchange("POST", API + "/routes", route)), new TypeReference<>() { });
    }

    @Override
    public RouteDefinition updateRoute(RouteDefinition route) {
        return read(check(exchange("PUT", route(route.name()), route)), new TypeReference<>() { });
    }

    @Override
    public void deleteRoute(String name) {
        check(exchange("DELETE", route(name), null));
    }

    @Override
    public void pause(String name, boolean paused) {
        check(exchange("POST", route(name) + (paused ? "/pause" : "/resume"), null));
    }

    @Override
    public List<RouteStatus> statuses() {
        return get(API + "/status", new TypeReference<>() { });
    }

    @Override
    public RouteStatus status(String name) {
        return get(route(name) + "/status", new TypeReference<>() { });
    }

    @Override
    public List<ReplicationEvent> events(String route, int limit) {
        String query = "?limit=" + Math.max(1, Math.min(MAX_EVENTS, limit))
                + (route == null || route.isBlank() ? "" : "&route=" + query(route));
        return get(API + "/events" + query, new TypeReference<>() { });
    }

    @Override
    public List<MetricSample> history(String route, String metric, String scope, long fromMs, long toMs) {
        String query = "?metric=" + query(metric) + "&scope=" + query(scope == null ? "*" : scope) + "&from=" + fromMs
                + "&to=" + toMs;
        JsonNode points = get(route(route) + "/history" + query, new TypeReference<>() { });
        List<MetricSample> samples = new ArrayList<>(points.size());
        for (JsonNode point : points) {
            JsonNode value = point.path("value");
            samples.add(new MetricSample(route, metric, scope, point.path("timestampMs").asLong(),
                    value.isNumber() ? value.asDouble() : Double.NaN));
        }
        return samples;
    }

    @Override
    public TopicComparison compare(String route, String sourceTopic) {
        return get(route(route) + "/compare?topic=" + query(sourceTopic), new TypeReference<>() { });
    }

    @Override
    public RouteGroups groups(String route) {
        return get(route(route) + "/groups", new TypeReference<>() { });
    }

    /** Waits for the drain and the last group sync: the request's timeout grows by both. */
    @Override
    public FailoverReport failover(String route, Duration drain, boolean preview) {
        long seconds = Math.max(0, Math.min(MAX_DRAIN_SECONDS, drain.toSeconds()));
        Duration timeout = REQUEST_TIMEOUT.plus(FAILOVER_EXTRA).plusSeconds(preview ? 0 : seconds);
        return read(check(exchange("POST", route(route) + "/failover?preview=" + preview + "&drainSeconds=" + seconds,
                null, timeout)), new TypeReference<>() { });
    }

    @Override
    public RouteDefinition failback(String route) {
        return read(check(exchange("POST", route(route) + "/failback", null)), new TypeReference<>() { });
    }

    /** Nothing to release: the HTTP client's threads end once it is unreachable. Idempotent. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "RemoteMirroring[" + url + (token == null ? "" : ", token ******") + "]";
    }

    // ---- HTTP

    /** An answer of any status. */
    private record Reply(int status, String body) {
    }

    private <T> T get(String path, TypeReference<T> type) {
        return read(check(exchange("GET", path, null)), type);
    }

    private Reply exchange(String method, String path, Object body) {
        return exchange(method, path, body, REQUEST_TIMEOUT);
    }

    private Reply exchange(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(MirroringJson.write(body), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            LOG.debug("{} {}{} -> {}", method, url, pathOnly(path), response.statusCode());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            LOG.debug("{} {}{} failed: {}", method, url, pathOnly(path), e.toString());
            throw new MirroringException(unreachable(e, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MirroringException("interrupted while calling the replicator at " + url, e);
        }
    }

    /** The body of a 2xx answer; any other status becomes the API's one-line message. */
    private String check(Reply reply) {
        int status = reply.status();
        if (status >= 200 && status < 300) {
            return reply.body();
        }
        if (status == 401) {
            throw new MirroringException(token == null ? "the replicator requires a token"
                    : "the replicator refused the token", null);
        }
        String message = MirroringJson.errorMessage(reply.body());
        throw new MirroringException(message != null ? message.replaceAll("\\s*[\\r\\n]+\\s*", " ")
                : "the replicator at " + url + " answered HTTP " + status, null);
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return MirroringJson.read(body, type);
        } catch (IOException e) {
            throw new MirroringException("unexpected answer from the replicator at " + url + ": "
                    + Failures.oneLine(e), e);
        }
    }

    private String unreachable(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "cannot reach the replicator at " + url + ": connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "the replicator at " + url + " did not answer within " + timeout.toSeconds() + " s";
        }
        String detail = null;
        boolean connect = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            connect |= t instanceof ConnectException;
            if (t instanceof UnknownHostException) {
                return "cannot reach the replicator at " + url + ": unknown host";
            }
            if (t.getMessage() != null) {
                detail = t.getMessage();
            }
        }
        if ((detail != null && detail.toLowerCase(Locale.ROOT).contains("refused")) || (connect && detail == null)) {
            return "cannot reach the replicator at " + url + ": connection refused";
        }
        return "cannot reach the replicator at " + url + ": " + (detail == null ? e.getClass().getSimpleName()
                : detail.replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }

    private static String normalise(String baseUrl) {
        String text = baseUrl == null ? "" : baseUrl.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith(API)) {
            text = text.substring(0, text.length() - API.length());
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getUserInfo() == null) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        throw new MirroringException("invalid replicator address '" + baseUrl + "': use http://host:port", null);
    }

    private static String route(String name) {
        return API + "/routes/" + segment(name);
    }

    /** A name as one path segment; the API decodes %2B as a plus. */
    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** For logs: the path without its query, which is noise at debug level. */
    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** A cluster as the API shows it, secrets masked. */
    private record ClusterView(String name, String bootstrapServers, Map<String, String> properties) {
    }
}
