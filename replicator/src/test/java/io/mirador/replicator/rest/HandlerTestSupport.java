package io.mirador.replicator.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh engine on in-memory H2 and the real REST pipeline in an {@code EmbeddedChannel}, per test. */
abstract class HandlerTestSupport {

    protected TestEngines engines;
    protected RestChannel channel;

    @BeforeEach
    void openChannel() {
        engines = new TestEngines();
        prepare(engines);
        channel = new RestChannel(engines.config());
    }

    /** Sets up the engine's clusters, routes or events before the channel opens; nothing by default. */
    protected void prepare(TestEngines engines) {
    }

    @AfterEach
    void closeChannel() {
        channel.close();
        engines.close();
    }
}
