package io.mirador.bench;

import java.util.List;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;

/**
 * The two embedded clusters every contender copies between, started once in this JVM: {@code src} holds the
 * backlog, {@code dst} receives each contender's copy in a topic of its own. One broker each, so the brokers
 * are the same for everyone and only the copying differs.
 */
final class BenchClusters implements AutoCloseable {

    private final Sandbox sandbox = new Sandbox(new SandboxSpec(List.of("src", "dst"), 1, null, 0, false, 0));

    BenchClusters start() {
        sandbox.start();
        return this;
    }

    String source() {
        return sandbox.cluster("src").orElseThrow().bootstrapServers();
    }

    String target() {
        return sandbox.cluster("dst").orElseThrow().bootstrapServers();
    }

    @Override
    public void close() {
        sandbox.stop();
    }
}
