package io.mirador.ui.testing;

import java.util.List;

import io.mirador.broker.ClusterState;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.ManagedCluster;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.TaskExecutor;

/** Clusters in memory; whole-sandbox start and stop visit each cluster in turn, like the real sandbox. */
public final class FakeSandbox implements SandboxBackend {

    private final List<FakeCluster> clusters;
    public int stopAllCalls;

    public FakeSandbox(String... names) {
        this.clusters = java.util.Arrays.stream(names).map(FakeCluster::new).toList();
    }

    /**
     * In-memory connections over this sandbox with every cluster running: what a view-model needs to act on the
     * sandbox's clusters without a broker.
     */
    public Connections runningConnections(TaskExecutor executor) {
        SandboxService sandbox = new SandboxService(this, executor);
        clusters.forEach(cluster -> cluster.set(ClusterState.RUNNING));
        return new Connections(sandbox, ConnectionStore.inMemory(), executor);
    }

    public FakeCluster cluster(int index) {
        return clusters.get(index);
    }

    @Override
    public List<ManagedCluster> clusters() {
        return List.copyOf(clusters);
    }

    @Override
    public void startAll() {
        clusters.forEach(FakeCluster::start);
    }

    @Override
    public void stopAll() {
        stopAllCalls++;
        clusters.forEach(FakeCluster::stop);
    }
}
