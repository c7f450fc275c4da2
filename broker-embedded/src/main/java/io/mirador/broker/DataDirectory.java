package io.mirador.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The on-disk layout of one embedded cluster: {@code <root>/node-<id>} per node, each a Kafka log directory
 * with its {@code meta.properties}. Checks ownership before anything is written, so that a directory of
 * another cluster is refused rather than reformatted.
 */
final class DataDirectory {

    private static final String META = "meta.properties";

    private final Path root;

    DataDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path nodeDir(int nodeId) {
        return root.resolve("node-" + nodeId);
    }

    /** Creates the root if needed and proves it writable; a clear error otherwise. */
    void ensureWritable() {
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new SandboxException("data directory " + root + " is not writable: " + reason(e), e);
        }
    }

    /** The cluster id stored by an earlier run, if this directory was formatted before. */
    Optional<String> existingClusterId(int nodeId) {
        Path meta = nodeDir(nodeId).resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            props.load(in);
        } catch (IOException e) {
            throw new SandboxException("cannot read " + meta + ": " + reason(e), e);
        }
        String id = props.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new SandboxException(meta + " has no cluster.id: the directory is damaged or not Kafka's");
        }
        String storedNode = props.getProperty("node.id");
        if (storedNode != null && !storedNode.equals(Integer.toString(nodeId))) {
            throw new SandboxException("data directory " + nodeDir(nodeId) + " belongs to node " + storedNode
                    + ", not node " + nodeId + ": use another data directory");
        }
        return Optional.of(id);
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
