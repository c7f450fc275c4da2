package io.mirador.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A restart of a cluster on temporary data keeps that data and its address; only stop deletes the data. The
 * console's Restart button used to run stop then start, which handed out a new cluster id, new ports and no topics.
 */
@Tag("integration")
class TemporaryRestartTest {

    @Test
    void restartKeepsTheClusterIdThePortTheTopicsAndTheRecordsAndStopStillDeletesTheData() throws Exception {
        try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("temp-restart").build())) {
            cluster.start();
            String clusterId = cluster.clusterId();
            String bootstrap = cluster.bootstrapServers();
            Path data = cluster.dataDirectory().orElseThrow();
            SandboxLifecycleTest.produce(bootstrap, "kept", 20);

            cluster.restart();

            assertThat(cluster.state()).isEqualTo(ClusterState.RUNNING);
            assertThat(cluster.clusterId()).isEqualTo(clusterId);
            assertThat(cluster.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(cluster.dataDirectory()).contains(data);
            assertThat(SandboxLifecycleTest.consumeAll(bootstrap, "kept", 20)).hasSize(20).contains("v0", "v19");

            cluster.stop();
            assertThat(Files.exists(data)).as("stop deletes temporary data").isFalse();
        }
    }
}
