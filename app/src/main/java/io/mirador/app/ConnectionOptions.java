package io.mirador.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ClientProperties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How the record commands reach a cluster: bootstrap servers plus optional client properties (security). The
 * static helpers are shared with {@code mirror}, which takes the same kinds of options for each side.
 */
final class ConnectionOptions {

    @Option(names = {"-b", "--bootstrap"}, required = true, paramLabel = "HOST:PORT[,...]",
            description = "Bootstrap servers of the cluster.")
    String bootstrap;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties file (security.protocol, sasl.*, ssl.*), as the Kafka tools take.")
    Path commandConfig;

    @Option(names = {"-X", "--property"}, paramLabel = "KEY=VALUE",
            description = "A Kafka client property; repeatable; wins over --command-config.")
    Map<String, String> properties = new LinkedHashMap<>();

    /**
     * The cluster these options name, called after its bootstrap servers in messages (what the user typed). A
     * file that cannot be read, a bad client property or a bootstrap server that does not resolve is a usage
     * error (exit 2) in one line, before any client is built.
     */
    ClusterConnection connection(CommandSpec command) {
        Map<String, String> props = new LinkedHashMap<>(readConfig(command, "--command-config", commandConfig));
        props.putAll(properties);
        return checked(command, new ClusterConnection(bootstrap, bootstrap, props), "");
    }

    /**
     * The client properties of a Kafka {@code .properties} file, or none when {@code file} is null. A
     * {@code bootstrap.servers} line is left out: Kafka's tools take such files with the servers on the command
     * line, and the command line names the cluster.
     */
    static Map<String, String> readConfig(CommandSpec command, String option, Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties read = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            read.load(in);
        } catch (NoSuchFileException e) {
            throw new ParameterException(command.commandLine(), option + ": cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ParameterException(command.commandLine(), option + ": cannot read " + file + ": permission denied");
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), option + ": cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : read.stringPropertyNames()) {
            props.put(key.trim(), read.getProperty(key).trim());
        }
        props.remove(ClientProperties.BOOTSTRAP_SERVERS);
        return props;
    }

    /**
     * {@code connection} when Kafka would take its properties and can resolve its bootstrap servers; otherwise a
     * usage error. {@code side} names the cluster in the message (" of the source cluster (--from)"), or is empty.
     */
    static ClusterConnection checked(CommandSpec command, ClusterConnection connection, String side) {
        try {
            // Kafka's own validation of the common client settings (security.protocol, sasl.*, ssl.*, timeouts).
            new AdminClientConfig(connection.clientProperties());
        } catch (ConfigException e) {
            throw new ParameterException(command.commandLine(), "bad client property" + side + ": " + e.getMessage());
        }
        List<String> unresolved = new ArrayList<>();
        String[] servers = connection.bootstrapServers().split(",");
        for (String server : servers) {
            String address = server.trim();
            String host = Utils.getHost(address);
            if (host == null || Utils.getPort(address) == null) {
                throw new ParameterException(command.commandLine(), "invalid bootstrap server '" + address + "'" + side
                        + ": use HOST:PORT[,HOST:PORT...]");
            }
            try {
                InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                unresolved.add(address);
            }
        }
        // As Kafka's clients: one resolvable server is enough to start from (they warn about the others).
        if (unresolved.size() == servers.length) {
            throw new ParameterException(command.commandLine(), "cannot resolve bootstrap server "
                    + String.join(",", unresolved) + side);
        }
        return connection;
    }
}
