package io.mirador.replicator.testing;

import java.util.List;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.engine.ReplicationEngine;
import io.mirador.replicator.state.ReplicationStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real embedded clusters of one broker each, shared by a test class: started before its first test, stopped
 * after its last. Register as a static field: {@code @RegisterExtension static final SharedClusters clusters =
 * SharedClusters.named("src", "dst");}.
 */
public final class SharedClusters implements BeforeAllCallback, AfterAllCallback {

    private final List<String> names;
    private Sandbox sandbox;

    private SharedClusters(List<String> names) {
        this.names = names;
    }

    public static SharedClusters named(String... names) {
        return new SharedClusters(List.of(names));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = new Sandbox(new SandboxSpec(names, 1, null, 0, false, 0));
        sandbox.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.stop();
    }

    public String bootstrap(String name) {
        return sandbox.cluster(name).orElseThrow().bootstrapServers();
    }

    public String clusterId(String name) {
        return sandbox.cluster(name).orElseThrow().clusterId();
    }

    /** A started engine on {@code store}, every cluster registered under its own name unless the store has it. */
    public ReplicationEngine engine(ReplicationStore store, EngineSettings settings) {
        ReplicationEngine engine = new ReplicationEngine(store, settings);
        for (String name : names) {
            if (store.cluster(name).isEmpty()) {
                engine.createCluster(new ClusterConnection(name, bootstrap(name)));
            }
        }
        engine.start();
        return engine;
    }
}
