package io.mirador.ui.service;

import java.util.function.Consumer;

import io.mirador.broker.ClusterState;
import io.mirador.broker.EmbeddedKafkaCluster;

/**
 * One cluster the GUI can start and stop. An interface so view-model tests can drive state changes without
 * Kafka. {@link #start()} and {@link #stop()} block; {@link #snapshot()} may be called from any thread;
 * listeners run on whatever thread changes the state.
 */
public interface ManagedCluster {

    String name();

    ClusterInfo snapshot();

    void start();

    void stop();

    /** Stops and starts again on the same data and address (temporary data included); blocks. */
    void restart();

    void addStateListener(Consumer<ClusterState> listener);

    static ManagedCluster of(EmbeddedKafkaCluster cluster) {
        return new ManagedCluster() {
            @Override
            public String name() {
                return cluster.name();
            }

            @Override
            public ClusterInfo snapshot() {
                ClusterState state = cluster.state();
                boolean running = state == ClusterState.RUNNING;
                return new ClusterInfo(cluster.name(), state,
                        state == ClusterState.FAILED ? cluster.failure().orElse("unknown reason") : null,
                        cluster.clusterId(), cluster.controllerId(), cluster.brokers(),
                        running ? cluster.bootstrapServers() : "", cluster.spec().dataDir().isEmpty());
            }

            @Override
            public void start() {
                cluster.start();
            }

            @Override
            public void stop() {
                cluster.stop();
            }

            @Override
            public void restart() {
                cluster.restart();
            }

            @Override
            public void addStateListener(Consumer<ClusterState> listener) {
                cluster.addStateListener(listener);
            }
        };
    }
}
