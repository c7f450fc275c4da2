package io.mirador.cluster.testing;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.cluster.ClusterClient;
import io.mirador.cluster.topic.TestKafka;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded cluster and its client for a whole test class: register it as a static
 * {@code @RegisterExtension} field; it starts before the class's {@code @BeforeAll} methods and stops after all.
 */
public final class SharedKafka implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final int brokers;
    private EmbeddedKafkaCluster cluster;
    private ClusterClient client;

    public SharedKafka(String name, int brokers) {
        this.name = name;
        this.brokers = brokers;
    }

    public EmbeddedKafkaCluster cluster() {
        return cluster;
    }

    public ClusterClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = TestKafka.start(name, brokers);
        client = TestKafka.client(cluster);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.stop();
        }
    }
}
