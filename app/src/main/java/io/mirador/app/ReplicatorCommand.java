package io.mirador.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.mirador.replicator.engine.EngineConfig;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.rest.RestServer;
import io.mirador.replicator.rest.RestServerConfig;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mirador replicator}: the engine and its REST API, headless, until SIGINT/SIGTERM; then the API closes,
 * every worker flushes and writes its last checkpoint, the state store closes, and the process exits 0.
 */
@Command(name = "replicator", mixinStandardHelpOptions = true,
        description = "Run the mirroring engine with its REST API until interrupted.")
final class ReplicatorCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "MIRADOR_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--state", required = true, paramLabel = "PATH_OR_JDBC_URL",
            description = "H2 state file path, or a JDBC URL.")
    String state;

    @Option(names = "--port", paramLabel = "PORT", description = "REST port (default: 8088; 0 picks a free one).")
    int port = RestServerConfig.DEFAULT_PORT;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Bind address (default: 127.0.0.1). "
            + "Any other address requires a token.")
    String bind = RestServerConfig.DEFAULT_BIND;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token required on every request "
            + "(default: the " + TOKEN_ENV + " environment variable, which keeps it out of the process list).")
    String token;

    @Option(names = "--config", paramLabel = "FILE", description = "Engine settings as a properties file.")
    Path config;

    @Option(names = "--allow-origin", split = ",", paramLabel = "ORIGIN", description = "Web origin whose pages may "
            + "call the API, e.g. https://console.example:8443 (repeatable; default: none, requests carrying an "
            + "Origin header are refused). No wildcard.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--allow-host", split = ",", paramLabel = "NAME", description = "Host name clients may use in "
            + "the Host header besides the bound address (and localhost on loopback), e.g. mirador.example.com "
            + "(repeatable). Other names are refused, which stops DNS rebinding.")
    List<String> allowHosts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = settings();
        String bearer = token != null ? token : System.getenv(TOKEN_ENV);
        requireTokenOffLoopback(bearer);
        requireValidAllowLists();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.onStop(stop::countDown);
        try (ReplicationStore store = JdbcReplicationStore.open(state)) {
            ReplicationEngine engine = new ReplicationEngine(store, settings);
            RestServerConfig restConfig = RestServerConfig.defaults(engine).withBindAddress(bind).withPort(port)
                    .withToken(bearer).withAllowedOrigins(allowOrigins).withAllowedHosts(allowHosts);
            engine.start();
            try (RestServer server = new RestServer(restConfig).start()) {
                out.println("replicator listening on " + server.uri() + " (state " + state + ", "
                        + engine.routes().size() + " routes)");
                out.flush();
                stop.await();
            } finally {
                engine.close();
            }
        }
        out.println("stopped");
        out.flush();
        return 0;
    }

    /** The REST server refuses this too; checking here makes it a usage error (exit 2) before anything starts. */
    private void requireTokenOffLoopback(String bearer) {
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "unknown --bind address " + bind);
        }
        if (!loopback && (bearer == null || bearer.isBlank())) {
            throw new ParameterException(spec.commandLine(), "--bind " + bind + " is reachable from other machines: "
                    + "set --token or " + TOKEN_ENV + ", or bind to 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "invalid --port " + port + ": use 0 to 65535");
        }
    }

    /** RestServerConfig refuses these too; checking first makes a bad value a usage error (exit 2). */
    private void requireValidAllowLists() {
        for (String origin : allowOrigins) {
            try {
                RestServerConfig.origin(origin);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--allow-origin: " + e.getMessage());
            }
        }
        for (String host : allowHosts) {
            try {
                RestServerConfig.host(host);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--allow-host: " + e.getMessage());
            }
        }
    }

    private EngineSettings settings() {
        if (config == null) {
            return EngineSettings.defaults();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            props.load(in);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read --config " + config + ": " + e.getMessage());
        }
        try {
            return new EngineConfig(props).settings();
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), "bad --config " + config + ": " + e.getMessage());
        }
    }
}
