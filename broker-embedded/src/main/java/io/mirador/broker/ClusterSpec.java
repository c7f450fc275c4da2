package io.mirador.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to start: an immutable, validated description of one embedded cluster.
 *
 * <p>Ports: {@code portBase == 0} chooses free ports; otherwise broker {@code i} listens on {@code portBase + i}
 * and its controller listener (first node only) on {@code portBase + brokers}. Data: with no {@code dataDir}
 * a temporary directory is used and deleted on stop; with one, data survives restarts.
 */
public final class ClusterSpec {

    public static final int MAX_BROKERS = 9;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final int brokers;
    private final int portBase;
    private final Path dataDir;
    private final String clusterId;
    private final Map<String, String> brokerOverrides;

    private ClusterSpec(Builder b) {
        if (b.name == null || !NAME.matcher(b.name).matches()) {
            throw new SandboxException("invalid cluster name '" + b.name
                    + "': use letters, digits, '.', '_' or '-' (at most 64)");
        }
        if (b.brokers < 1 || b.brokers > MAX_BROKERS) {
            throw new SandboxException("invalid broker count " + b.brokers + ": use 1 to " + MAX_BROKERS);
        }
        if (b.portBase != 0 && (b.portBase < 1024 || b.portBase + b.brokers > 65535)) {
            throw new SandboxException("invalid port base " + b.portBase + ": use 1024 to " + (65535 - b.brokers)
                    + ", or 0 for free ports");
        }
        this.name = b.name;
        this.brokers = b.brokers;
        this.portBase = b.portBase;
        this.dataDir = b.dataDir;
        this.clusterId = b.clusterId;
        this.brokerOverrides = Map.copyOf(b.brokerOverrides);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int brokers() {
        return brokers;
    }

    /** 0 when ports are chosen free. */
    public int portBase() {
        return portBase;
    }

    /** Persistent data directory of this cluster, or empty for a temporary one. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Cluster id to format with, or empty for a random one (or the one already on disk). */
    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    /** Extra broker properties applied to every node, after Mirador's defaults. */
    public Map<String, String> brokerOverrides() {
        return brokerOverrides;
    }

    public static final class Builder {
        private final String name;
        private int brokers = 1;
        private int portBase;
        private Path dataDir;
        private String clusterId;
        private final Map<String, String> brokerOverrides = new TreeMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder brokers(int brokers) {
            this.brokers = brokers;
            return this;
        }

        public Builder portBase(int portBase) {
            this.portBase = portBase;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerOverrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public ClusterSpec build() {
            return new ClusterSpec(this);
        }
    }
}
