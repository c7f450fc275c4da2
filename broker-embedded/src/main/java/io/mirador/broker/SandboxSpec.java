package io.mirador.broker;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Several named clusters started together. Cluster {@code i} gets ports from {@code portBase + 10 * i} when a
 * base is given, and its data under {@code dataDir/<name>} when a directory is given. Demo data, when on,
 * flows into the first cluster.
 */
public record SandboxSpec(List<String> clusterNames, int brokersPerCluster, Path dataDir, int portBase,
                          boolean demo, double demoEventsPerSecond) {

    public static final List<String> DEFAULT_CLUSTERS = List.of("local-a", "local-b");
    public static final double DEFAULT_DEMO_RATE = 20.0;
    static final int PORT_STRIDE = 10;

    public SandboxSpec {
        if (clusterNames == null || clusterNames.isEmpty()) {
            throw new SandboxException("a sandbox needs at least one cluster name");
        }
        if (new LinkedHashSet<>(clusterNames).size() != clusterNames.size()) {
            throw new SandboxException("cluster names must be unique: " + String.join(",", clusterNames));
        }
        if (demoEventsPerSecond < 0 || demoEventsPerSecond > 100_000) {
            throw new SandboxException("invalid demo rate " + demoEventsPerSecond + ": use 0 to 100000 events/s");
        }
        clusterNames = List.copyOf(clusterNames);
        checkPortBase(portBase, clusterNames.size(), brokersPerCluster);
        // Each cluster spec validates names, broker counts and ports; build them now so errors come early.
        for (int i = 0; i < clusterNames.size(); i++) {
            clusterSpec(clusterNames, brokersPerCluster, dataDir, portBase, i);
        }
    }

    /**
     * The base as the user typed it, against the range that fits every cluster: cluster i's own spec would only
     * see {@code portBase + 10 * i} and report that number, which nobody typed.
     */
    private static void checkPortBase(int portBase, int clusters, int brokers) {
        if (portBase == 0 || brokers < 1 || brokers + 1 > PORT_STRIDE) {
            return; // free ports; a bad broker count is reported by the cluster spec
        }
        int highest = 65535 - brokers - PORT_STRIDE * (clusters - 1);
        if (portBase < 1024 || portBase > highest) {
            throw new SandboxException("invalid port base " + portBase + ": with " + clusters
                    + (clusters == 1 ? " cluster" : " clusters") + " of " + brokers + (brokers == 1 ? " broker" : " brokers")
                    + " use 1024 to " + highest + ", or 0 for free ports");
        }
    }

    /** The two-cluster sandbox the GUI starts by default, with demo data in {@code local-a}. */
    public static SandboxSpec defaults() {
        return new SandboxSpec(DEFAULT_CLUSTERS, 1, null, 0, true, DEFAULT_DEMO_RATE);
    }

    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDir);
    }

    public ClusterSpec clusterSpec(int index) {
        return clusterSpec(clusterNames, brokersPerCluster, dataDir, portBase, index);
    }

    private static ClusterSpec clusterSpec(List<String> names, int brokers, Path dataDir, int portBase, int index) {
        String name = names.get(index);
        ClusterSpec.Builder builder = ClusterSpec.builder(name).brokers(brokers);
        if (portBase != 0) {
            if (brokers + 1 > PORT_STRIDE) {
                throw new SandboxException("with a port base, at most " + (PORT_STRIDE - 1) + " brokers per cluster");
            }
            builder.portBase(portBase + PORT_STRIDE * index);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir.resolve(name));
        }
        return builder.build();
    }
}
