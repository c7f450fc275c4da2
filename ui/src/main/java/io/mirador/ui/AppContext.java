package io.mirador.ui;

import io.mirador.broker.Sandbox;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.GroupSource;
import io.mirador.ui.service.KafkaGroupSource;
import io.mirador.ui.service.KafkaOverviewSource;
import io.mirador.ui.service.KafkaTopicSource;
import io.mirador.ui.service.OverviewSource;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.TopicSource;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;

/**
 * The services of one running GUI, wired once at start. Created on the FX thread; {@link #close()} blocks
 * while the sandbox stops.
 */
public final class AppContext implements AutoCloseable {

    private final TaskMonitor monitor = new TaskMonitor();
    private final FxTaskExecutor executor = new FxTaskExecutor(monitor);
    private final SandboxService sandbox;
    private final ClusterClients clients;
    private final TopicSource topics;
    private final GroupSource groups;
    private final OverviewSource overview;

    AppContext(GuiOptions options) {
        SandboxBackend backend = options.sandbox() == null
                ? SandboxBackend.none()
                : SandboxBackend.of(new Sandbox(options.sandbox()));
        this.sandbox = new SandboxService(backend, executor);
        this.clients = new ClusterClients(sandbox);
        this.topics = new KafkaTopicSource(clients);
        this.groups = new KafkaGroupSource(clients);
        this.overview = new KafkaOverviewSource(clients);
    }

    public TaskMonitor monitor() {
        return monitor;
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    public SandboxService sandbox() {
        return sandbox;
    }

    public TopicSource topics() {
        return topics;
    }

    public GroupSource groups() {
        return groups;
    }

    public OverviewSource overview() {
        return overview;
    }

    /** Stops the sandbox (if still running) and releases clients and threads. Blocks. */
    @Override
    public void close() {
        clients.close();
        sandbox.shutdownNow();
        executor.close();
    }
}
