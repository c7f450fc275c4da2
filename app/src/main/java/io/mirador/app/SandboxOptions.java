package io.mirador.app;

import java.nio.file.Path;
import java.util.List;

import io.mirador.broker.SandboxException;
import io.mirador.broker.SandboxSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;

/** Options shared by {@code gui} and {@code sandbox} to describe the local sandbox. */
final class SandboxOptions {

    @Option(names = "--clusters", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Names of the sandbox clusters (default: local-a,local-b).")
    List<String> clusters = SandboxSpec.DEFAULT_CLUSTERS;

    @Option(names = "--brokers", paramLabel = "N", description = "Brokers per cluster, 1 to 9 (default: 1).")
    int brokers = 1;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the clusters' data here across restarts (default: temporary, deleted on exit).")
    Path dataDir;

    @Option(names = "--port-base", paramLabel = "P",
            description = "Cluster i listens from port P+10*i (default: free ports).")
    int portBase;

    @Option(names = "--demo-rate", paramLabel = "EVENTS_PER_S",
            description = "Rate of the demo website-activity events (default: 20).")
    double demoRate = SandboxSpec.DEFAULT_DEMO_RATE;

    /** The validated spec; an invalid combination is a usage error (exit 2), reported in one line. */
    SandboxSpec toSpec(boolean demo, CommandSpec command) {
        try {
            return new SandboxSpec(clusters, brokers, dataDir, portBase, demo, demoRate);
        } catch (SandboxException e) {
            throw new ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
