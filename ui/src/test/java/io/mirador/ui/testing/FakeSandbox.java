package io.mirador.ui.testing;

import java.util.List;

import io.mirador.ui.service.ManagedCluster;
import io.mirador.ui.service.SandboxBackend;

/** Clusters in memory; whole-sandbox start and stop visit each cluster in turn, like the real sandbox. */
public final class FakeSandbox implements SandboxBackend {

    private final List<FakeCluster> clusters;
    public int stopAllCalls;

    public FakeSandbox(String... names) {
        this.clusters = java.util.Arrays.stream(names).map(FakeCluster::new).toList();
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
