package io.mirador.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local sandbox: several embedded clusters side by side in this JVM, plus optional demo traffic.
 * {@link #start()} starts every cluster in parallel and fails whole: if one cannot start, the others are
 * stopped again. Thread-safe; start and stop block.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxSpec spec;
    private final List<EmbeddedKafkaCluster> clusters;
    private DemoDataGenerator demo;

    public Sandbox(SandboxSpec spec) {
        this.spec = spec;
        List<EmbeddedKafkaCluster> list = new ArrayList<>();
        for (int i = 0; i < spec.clusterNames().size(); i++) {
            list.add(new EmbeddedKafkaCluster(spec.clusterSpec(i)));
        }
        this.clusters = List.copyOf(list);
    }

    public SandboxSpec spec() {
        return spec;
    }

    public List<EmbeddedKafkaCluster> clusters() {
        return clusters;
    }

    public Optional<EmbeddedKafkaCluster> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public synchronized Optional<DemoDataGenerator> demo() {
        return Optional.ofNullable(demo);
    }

    public synchronized void start() {
        List<CompletableFuture<Void>> starts = clusters.stream()
                .map(c -> CompletableFuture.runAsync(c::start, task -> {
                    // One thread per cluster: the common pool has a single thread on a 2-core machine.
                    Thread thread = new Thread(task, "mirador-sandbox-start-" + c.name());
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> start : starts) {
            try {
                start.join();
            } catch (CompletionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException r ? r : new SandboxException(e.getMessage(), e);
            }
        }
        if (failure != null) {
            stop();
            throw failure;
        }
        if (spec.demo() && demo == null) {
            EmbeddedKafkaCluster target = clusters.get(0);
            demo = new DemoDataGenerator(target.bootstrapServers(), spec.demoEventsPerSecond());
            demo.start();
            LOG.info("Demo data flowing into {} at {} events/s", target.name(), spec.demoEventsPerSecond());
        }
    }

    public synchronized void stop() {
        if (demo != null) {
            demo.close();
            demo = null;
        }
        clusters.parallelStream().forEach(EmbeddedKafkaCluster::stop);
    }

    @Override
    public void close() {
        stop();
    }
}
