package io.mirador.app;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mirador failover --route NAME}: drains the route, pauses it, syncs its consumer groups a last time and
 * prints what the target lacks (per partition, in records and seconds) and where each group resumes on the
 * target; a paused reverse route is prepared for failback. {@code --preview} only prints what a failover now would
 * leave behind. Talks to a running {@code mirador replicator} over REST ({@code --url}, default
 * http://127.0.0.1:8088), or opens a state no process is using ({@code --state}, e.g. a stopped {@code mirror}'s).
 */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = "Fail a route over to its target: drain, pause, last group sync, report; prepares failback.")
final class FailoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route to fail over.")
    String route;

    @ArgGroup(exclusive = true)
    EngineAccess access = new EngineAccess();

    @Option(names = "--preview", description = "Only report what a failover now would leave behind; change nothing.")
    boolean preview;

    @Option(names = "--drain-seconds", paramLabel = "N", description = "How long to keep copying what the source "
            + "still has (default: 30).")
    int drainSeconds = 30;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (drainSeconds < 0 || drainSeconds > 600) {
            throw new ParameterException(spec.commandLine(), "--drain-seconds must be from 0 to 600, not " + drainSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode report;
        if (access.state != null) {
            report = access.withEngine(spec, route, engine -> EngineAccess.JSON.valueToTree(
                    engine.failover(route, Duration.ofSeconds(drainSeconds), preview)));
        } else {
            report = access.post(spec, "/api/v1/routes/" + EngineAccess.segment(route) + "/failover?preview=" + preview
                    + "&drainSeconds=" + drainSeconds, Duration.ofSeconds(drainSeconds + 120L));
        }
        if (json) {
            out.println(EngineAccess.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            FailoverReportText.print(report, out);
        }
        out.flush();
        return 0;
    }

    /** Where the engine is: a running replicator's REST API, or a state file opened here. */
    static final class EngineAccess {

        static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

        @Option(names = "--url", paramLabel = "URL", description = "REST address of a running mirador replicator "
                + "(default: http://127.0.0.1:8088).")
        String url;

        @Option(names = "--state", paramLabel = "PATH_OR_JDBC_URL", description = "Open this state instead (no "
                + "process may be using it): its routes run here until the command is done.")
        String state;

        @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token of the REST API (default: the "
                + ReplicatorCommand.TOKEN_ENV + " environment variable).")
        String token;

        interface EngineCall {
            JsonNode apply(ReplicationEngine engine) throws Exception;
        }

        /** Opens the state, starts its engine, waits until {@code route} copies, runs {@code call}, stops. */
        JsonNode withEngine(CommandSpec spec, String route, EngineCall call) throws Exception {
            try (ReplicationStore store = JdbcReplicationStore.open(state)) {
                if (store.route(route).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "no route named " + route + " in " + state);
                }
                ReplicationEngine engine = new ReplicationEngine(store, EngineSettings.defaults());
                try {
                    engine.start();
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (engine.status(route).partitions().isEmpty() && System.currentTimeMillis() < deadline
                            && !"FAILED".equals(engine.status(route).state())) {
                        Thread.sleep(200); // the route connects in the background
                    }
                    return call.apply(engine);
                } finally {
                    engine.close();
                }
            }
        }

        JsonNode post(CommandSpec spec, String path, Duration timeout) throws Exception {
            String base = url == null ? "http://127.0.0.1:8088" : url.replaceAll("/+$", "");
            URI uri;
            try {
                uri = URI.create(base + path);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "invalid --url " + url + ": " + e.getMessage());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody());
            String bearer = token != null ? token : System.getenv(ReplicatorCommand.TOKEN_ENV);
            if (bearer != null && !bearer.isBlank()) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                throw new IllegalStateException("no mirador replicator answers at " + base
                        + " (start one with `mirador replicator --state …`, or use --state)");
            }
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                String message = body.path("message").asText(body.path("error").asText("HTTP " + response.statusCode()));
                throw new IllegalStateException(message);
            }
            return body;
        }

        static String segment(String name) {
            return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** {@code mirador failback --route NAME}: resumes the reverse route a failover of NAME prepared. */
    @Command(name = "failback", mixinStandardHelpOptions = true,
            description = "After a failover: copy what the target received since back to the source.")
    static final class FailbackCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--route", required = true, paramLabel = "NAME", description = "The route that failed over.")
        String route;

        @ArgGroup(exclusive = true)
        EngineAccess access = new EngineAccess();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            JsonNode reverse;
            if (access.state != null) {
                reverse = access.withEngine(spec, route, engine -> EngineAccess.JSON.valueToTree(engine.failback(route)));
            } else {
                reverse = access.post(spec, "/api/v1/routes/" + EngineAccess.segment(route) + "/failback",
                        Duration.ofSeconds(60));
            }
            out.println(String.format(Locale.ROOT, "failing back: route %s copies what %s received since the failover"
                            + " to %s", reverse.path("name").asText(), reverse.path("source").asText(),
                    reverse.path("target").asText()));
            out.flush();
            return 0;
        }
    }
}
