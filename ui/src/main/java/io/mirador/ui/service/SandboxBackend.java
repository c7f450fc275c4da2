package io.mirador.ui.service;

import java.util.List;

import io.mirador.broker.Sandbox;

/**
 * The clusters of a sandbox plus whole-sandbox start and stop (which also run the demo data). Start and
 * stop block; call them from worker threads.
 */
public interface SandboxBackend {

    List<ManagedCluster> clusters();

    void startAll();

    void stopAll();

    static SandboxBackend of(Sandbox sandbox) {
        List<ManagedCluster> clusters = sandbox.clusters().stream().map(ManagedCluster::of).toList();
        return new SandboxBackend() {
            @Override
            public List<ManagedCluster> clusters() {
                return clusters;
            }

            @Override
            public void startAll() {
                sandbox.start();
            }

            @Override
            public void stopAll() {
                sandbox.stop();
            }
        };
    }

    /** No sandbox: the GUI runs with no local clusters. */
    static SandboxBackend none() {
        return new SandboxBackend() {
            @Override
            public List<ManagedCluster> clusters() {
                return List.of();
            }

            @Override
            public void startAll() {
            }

            @Override
            public void stopAll() {
            }
        };
    }
}
