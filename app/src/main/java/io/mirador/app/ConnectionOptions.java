package io.mirador.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.connect.ClientProperties;
import picocli.CommandLine.Option;

/** How the record commands reach a cluster: bootstrap servers plus optional client properties (security). */
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

    ClusterConnection connection() {
        Map<String, String> props = new LinkedHashMap<>();
        if (commandConfig != null) {
            props.putAll(ClientProperties.fromPropertiesFile("cli", withBootstrap(commandConfig)).properties());
        }
        props.putAll(properties);
        return new ClusterConnection("cli", bootstrap, props);
    }

    /**
     * Kafka's tools accept a command config without bootstrap.servers (it comes from the command line), while the
     * importer needs one: read the file as it is and let --bootstrap win.
     */
    private Path withBootstrap(Path file) {
        try {
            java.util.Properties read = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(file)) {
                read.load(in);
            }
            if (read.getProperty("bootstrap.servers") != null) {
                return file;
            }
            Path copy = java.nio.file.Files.createTempFile("mirador-cli-", ".properties");
            copy.toFile().deleteOnExit();
            java.nio.file.Files.writeString(copy, "bootstrap.servers=" + bootstrap + "\n"
                    + java.nio.file.Files.readString(file));
            return copy;
        } catch (java.io.IOException e) {
            throw new io.mirador.cluster.ClusterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
