package io.mirador.cluster.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;

/**
 * Kafka client {@code .properties} files (the ones {@code kafka-console-producer --command-config} reads) to and
 * from {@link ClusterConnection}s. Secrets are kept as they are: {@link ClusterConnection#toString()} masks them.
 */
public final class ClientProperties {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    private ClientProperties() {
    }

    /** Imports {@code file}; the connection is named after the file without its {@code .properties} suffix. */
    public static ClusterConnection fromPropertiesFile(Path file) {
        String fileName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String name = fileName.endsWith(".properties")
                ? fileName.substring(0, fileName.length() - ".properties".length()) : fileName;
        return fromPropertiesFile(name.isBlank() ? fileName : name, file);
    }

    /**
     * Imports {@code file} as a connection called {@code name}. {@code bootstrap.servers} is required; every other
     * property is kept as a client property.
     *
     * @throws ClusterException with a one-line reason when the file cannot be read or has no bootstrap servers
     */
    public static ClusterConnection fromPropertiesFile(String name, Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ClusterException("cannot import " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new ClusterException("cannot import " + file + ": permission denied", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ClusterException("cannot import " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            properties.put(key.trim(), props.getProperty(key).trim());
        }
        String bootstrap = properties.remove(BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new ClusterException("cannot import " + file + ": it has no " + BOOTSTRAP_SERVERS
                    + " (add a line like bootstrap.servers=broker1:9092,broker2:9092)", null);
        }
        return new ClusterConnection(name, bootstrap, properties);
    }

    /** The connection as Kafka client properties, secrets included: {@code bootstrap.servers} first. */
    public static Properties toProperties(ClusterConnection connection) {
        Properties props = new Properties();
        props.setProperty(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        new TreeMap<>(connection.properties()).forEach(props::setProperty);
        return props;
    }

    /**
     * Writes the connection as a Kafka client properties file, secrets included; where the file system allows,
     * only the owner may read it.
     */
    public static void writePropertiesFile(ClusterConnection connection, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                toProperties(connection).store(out, "Kafka client properties of cluster " + connection.name());
            }
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the user's profile directory protects it instead
            }
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
