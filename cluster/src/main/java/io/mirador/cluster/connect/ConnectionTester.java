package io.mirador.cluster.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.Secrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a {@link ClusterConnection} works: the host names resolve, a port answers, the security protocol
 * matches, the log-in succeeds and the user may describe the cluster. Always answers within the budget (plus
 * half a second) with a one-line reason, whatever the network does; the Admin client it uses is closed without
 * waiting. Thread-safe and stateless; call it off the UI thread.
 */
public final class ConnectionTester {

    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTester.class);
    private static final Duration MARGIN = Duration.ofMillis(500);
    private static final Duration MAX_TCP_PROBE = Duration.ofSeconds(3);
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;]+))");
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s;]+))");

    private ConnectionTester() {
    }

    public static ConnectionResult test(ClusterConnection connection) {
        return test(connection, DEFAULT_BUDGET);
    }

    /** Tests {@code connection}, answering within {@code budget} plus half a second. */
    public static ConnectionResult test(ClusterConnection connection, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        long start = System.nanoTime();
        Probe probe = new Probe(connection, budget, start);
        CompletableFuture<ConnectionResult> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(probe.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "mirador-connection-test-" + connection.name());
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(budget.plus(MARGIN).toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return ConnectionResult.failure(probe.scrub(probe.reasonWhenOutOfTime()),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            String reason = probe.scrub("cannot test cluster " + connection.name() + ": " + oneLine(e.getCause()));
            LOG.warn("Connection test of cluster {} failed unexpectedly: {}", connection.name(), reason);
            return ConnectionResult.failure(reason, Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionResult.failure("the connection test was interrupted",
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One test run, on its own thread; {@link #stage} tells the caller what it was doing if it runs out of time. */
    private static final class Probe {
        private final ClusterConnection connection;
        private final Duration budget;
        private final long start;
        private final long deadline;
        private volatile String stage = "resolve";
        private volatile List<String> resolving = List.of();
        private volatile List<String> open = List.of();

        Probe(ClusterConnection connection, Duration budget, long start) {
            this.connection = connection;
            this.budget = budget;
            this.start = start;
            this.deadline = start + budget.toNanos();
        }

        ConnectionResult run() {
            List<String> servers = splitServers(connection.bootstrapServers());
            List<InetSocketAddress> addresses = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String server : servers) {
                String host = Utils.getHost(server);
                Integer port = Utils.getPort(server);
                if (host == null || port == null) {
                    return fail("bootstrap server '" + server + "' is not host:port (for example broker1:9092)");
                }
                resolving = List.of(host);
                try {
                    for (InetAddress address : InetAddress.getAllByName(host)) {
                        addresses.add(new InetSocketAddress(address, port));
                    }
                } catch (UnknownHostException e) {
                    unknown.add(host);
                }
            }
            if (addresses.isEmpty()) {
                return fail(unknownHosts(unknown));
            }

            stage = "tcp";
            List<String> reachable = new ArrayList<>();
            int refused = 0;
            Duration tcpTimeout = min(MAX_TCP_PROBE, remaining().dividedBy(Math.max(2, addresses.size() + 1)));
            for (InetSocketAddress address : addresses) {
                Tcp tcp = tcpConnects(address, tcpTimeout);
                if (tcp == Tcp.OPEN) {
                    reachable.add(address.getHostString() + ":" + address.getPort());
                } else if (tcp == Tcp.REFUSED) {
                    refused++;
                }
            }
            open = List.copyOf(reachable);
            if (reachable.isEmpty() && refused == addresses.size()) {
                // Refused at once: "within 10 s" would be wrong, the answer came in milliseconds.
                return fail("nothing listens at " + servers() + " (connection refused): is the broker running, and is"
                        + " the port right?");
            }
            if (reachable.isEmpty()) {
                return fail(unreachable());
            }
            if (protocol().endsWith("SSL")) {
                // A TLS client to a plain listener just times out inside Kafka; a raw handshake says so at once.
                stage = "tls";
                List<String> plain = new ArrayList<>();
                for (InetSocketAddress address : addresses) {
                    if (TlsProbe.peerClosesHandshake(address, min(MAX_TCP_PROBE, remaining().dividedBy(2)))) {
                        plain.add(address.getHostString() + ":" + address.getPort());
                    }
                }
                if (plain.size() == reachable.size()) {
                    return fail("the listener at " + String.join(",", plain) + " does not speak TLS: check "
                            + "security.protocol (it is " + protocol() + "; try "
                            + (protocol().startsWith("SASL") ? "SASL_PLAINTEXT" : "PLAINTEXT") + ")");
                }
            }

            stage = "kafka";
            return describe();
        }

        private ConnectionResult describe() {
            Duration left = remaining();
            int apiTimeout = (int) Math.max(500, left.toMillis() - 100);
            Map<String, Object> props = connection.clientProperties();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mirador-connection-test");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeout);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, apiTimeout);
            props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) Math.min(apiTimeout, 5000));
            props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) Math.min(apiTimeout, 5000));
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100L);
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000L);
            props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100L);
            props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 1000L);
            Admin admin;
            try {
                admin = Admin.create(props);
            } catch (KafkaException e) {
                return fail(invalidConfiguration(e));
            }
            try {
                DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions()
                        .timeoutMs(apiTimeout).includeAuthorizedOperations(true));
                long waitMs = remaining().toMillis() + 200;
                String clusterId = result.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
                Collection<Node> nodes = result.nodes().get(waitMs, TimeUnit.MILLISECONDS);
                Set<AclOperation> allowed = result.authorizedOperations().get(waitMs, TimeUnit.MILLISECONDS);
                // null: the cluster has no authorizer, so everyone may describe it.
                if (allowed != null && !allowed.contains(AclOperation.DESCRIBE) && !allowed.contains(AclOperation.ALL)
                        && !allowed.contains(AclOperation.ALTER)) {
                    return fail(notAuthorised());
                }
                return ConnectionResult.success(clusterId, nodes.size(), elapsed());
            } catch (ExecutionException e) {
                return fail(explain(e.getCause()));
            } catch (java.util.concurrent.TimeoutException e) {
                return fail(noKafkaAnswer());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("the connection test was interrupted");
            } finally {
                admin.close(Duration.ZERO);
            }
        }

        private String explain(Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SslAuthenticationException) {
                    return "TLS handshake with " + servers() + " failed: the listener may not use TLS (check "
                            + "security.protocol) or its certificate is not trusted (check the trust store)";
                }
                if (t instanceof UnsupportedSaslMechanismException) {
                    return "the cluster does not accept SASL mechanism " + property("sasl.mechanism", "GSSAPI")
                            + ": check sasl.mechanism (" + oneLine(t) + ")";
                }
                if (t instanceof IllegalSaslStateException) {
                    return "the listener at " + servers() + " does not expect a SASL log-in: check security.protocol"
                            + " (it is " + protocol() + ")";
                }
                if (t instanceof AuthenticationException) {
                    return user() == null
                            ? "authentication failed: " + oneLine(t)
                            : "authentication failed for user " + user() + ": wrong user name or password";
                }
                if (t instanceof AuthorizationException) {
                    return notAuthorised();
                }
                if (t instanceof org.apache.kafka.common.errors.TimeoutException) {
                    return noKafkaAnswer();
                }
            }
            return "cannot describe cluster " + connection.name() + ": " + oneLine(cause);
        }

        String reasonWhenOutOfTime() {
            return switch (stage) {
                case "resolve" -> "host name " + String.join(", ", resolving) + " could not be resolved within "
                        + seconds() + ": check the name and the network's DNS";
                case "tcp" -> unreachable();
                case "tls" -> "the listener at " + servers() + " did not complete a TLS handshake within "
                        + seconds() + ": check security.protocol (it is " + protocol() + ")";
                default -> noKafkaAnswer();
            };
        }

        private String unknownHosts(List<String> hosts) {
            return (hosts.size() == 1 ? "unknown host name " + hosts.get(0) : "unknown host names "
                    + String.join(", ", hosts)) + ": check the spelling of the bootstrap servers and the network's DNS";
        }

        private String unreachable() {
            return "no broker answered at " + servers() + " within " + seconds() + ": is it running and reachable?";
        }

        /** A port is open but no Kafka answer came: most often the client speaks the wrong security protocol. */
        private String noKafkaAnswer() {
            if (open.isEmpty()) {
                return unreachable();
            }
            return "a port is open at " + String.join(",", open) + " but no Kafka broker answered using "
                    + protocol() + " within " + seconds() + ": check security.protocol (the listener may expect "
                    + otherProtocols() + ")";
        }

        private String notAuthorised() {
            String who = user();
            return "connected" + (who == null ? "" : " as " + who) + ", but not authorised to describe the cluster";
        }

        private String invalidConfiguration(KafkaException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigException && String.valueOf(t.getMessage()).contains("resolvable")) {
                    return unknownHosts(List.of(connection.bootstrapServers()));
                }
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "the client properties of cluster " + connection.name() + " are invalid: " + oneLine(root);
        }

        private String protocol() {
            return property("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        }

        private String otherProtocols() {
            return switch (protocol()) {
                case "PLAINTEXT" -> "SASL_PLAINTEXT, SSL or SASL_SSL";
                case "SSL" -> "PLAINTEXT, SASL_PLAINTEXT or SASL_SSL";
                case "SASL_PLAINTEXT" -> "PLAINTEXT, SSL or SASL_SSL";
                default -> "PLAINTEXT, SSL or SASL_PLAINTEXT";
            };
        }

        private String property(String key, String fallback) {
            String value = connection.properties().get(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        /** The SASL user name from {@code sasl.jaas.config}, or null. Never the password. */
        private String user() {
            String jaas = connection.properties().get("sasl.jaas.config");
            if (jaas == null || !protocol().startsWith("SASL")) {
                return null;
            }
            Matcher m = JAAS_USER.matcher(jaas);
            if (!m.find()) {
                return null;
            }
            return m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
        }

        private String servers() {
            return String.join(",", splitServers(connection.bootstrapServers()));
        }

        private String seconds() {
            long millis = budget.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }

        private Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private ConnectionResult fail(String reason) {
            return ConnectionResult.failure(scrub(reason), elapsed());
        }

        /** Kafka's messages should not carry secrets; make sure none of this connection's ever reaches a reason. */
        private String scrub(String reason) {
            String clean = reason;
            for (Map.Entry<String, String> e : connection.properties().entrySet()) {
                if (Secrets.isSecret(e.getKey()) && e.getValue() != null && e.getValue().length() >= 3) {
                    clean = clean.replace(e.getValue(), Secrets.MASK);
                }
            }
            String jaas = connection.properties().get("sasl.jaas.config");
            if (jaas != null) {
                Matcher m = JAAS_PASSWORD.matcher(jaas);
                while (m.find()) {
                    String password = m.group(1) != null ? m.group(1) : m.group(2);
                    if (password.length() >= 3) {
                        clean = clean.replace(password, Secrets.MASK);
                    }
                }
            }
            return clean;
        }
    }

    /** How a TCP connect ended: open, refused by the host at once, or no answer (timeout, unreachable network). */
    private enum Tcp { OPEN, REFUSED, SILENT }

    private static Tcp tcpConnects(InetSocketAddress address, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.max(1, timeout.toMillis()));
            return Tcp.OPEN;
        } catch (java.net.ConnectException e) {
            return String.valueOf(e.getMessage()).contains("refused") ? Tcp.REFUSED : Tcp.SILENT;
        } catch (IOException e) {
            return Tcp.SILENT;
        }
    }

    private static List<String> splitServers(String bootstrapServers) {
        List<String> servers = new ArrayList<>();
        for (String s : bootstrapServers.split(",")) {
            String trimmed = s.trim();
            int scheme = trimmed.indexOf("://");
            if (scheme >= 0) {
                trimmed = trimmed.substring(scheme + 3);
            }
            if (!trimmed.isEmpty()) {
                servers.add(trimmed);
            }
        }
        return servers;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
