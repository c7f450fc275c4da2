package io.mirador.ui.testing;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import atlantafx.base.theme.PrimerLight;
import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import javafx.application.Application;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * A real sandbox of one-broker clusters and the app's services over it, shared by the tests of one class, for
 * headless page tests: register it as a static {@code @RegisterExtension} field. Before the class's
 * {@code @BeforeAll} methods it registers the primary stage, sets the app's AtlantaFX theme and builds, on the FX
 * thread like the app, the FX executor, the {@link SandboxService}, in-memory {@link Connections} and
 * {@link ClusterClients}; the clusters start only on {@link #startAll()}, so each test chooses whether its page is
 * shown before or after. After the class's {@code @AfterAll} methods it closes the stages, the clients, the clusters
 * and the executor.
 */
public final class PageFixture implements BeforeAllCallback, AfterAllCallback {

    /** How long the clusters may take to start. */
    public static final Duration STARTUP = Duration.ofSeconds(90);

    private final List<String> names;
    private Sandbox sandbox;
    private FxTaskExecutor executor;
    private SandboxService sandboxService;
    private Connections connections;
    private ClusterClients clients;

    private PageFixture(List<String> names) {
        this.names = names;
    }

    /** A sandbox of one one-broker cluster per name, without demo data. */
    public static PageFixture sandbox(String... clusters) {
        return new PageFixture(List.of(clusters));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        sandbox = new Sandbox(new SandboxSpec(names, 1, null, 0, false, 0));
        executor = new FxTaskExecutor(new TaskMonitor());
        // The services' observable state belongs to the FX thread: build them there, as the app does.
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            sandboxService = new SandboxService(SandboxBackend.of(sandbox), executor);
            connections = new Connections(sandboxService, ConnectionStore.inMemory(), executor);
            clients = new ClusterClients(connections);
        });
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            FxToolkit.cleanupStages();
        } finally {
            if (clients != null) {
                clients.close();
            }
            if (sandboxService != null) {
                sandboxService.shutdownNow();
            } else if (sandbox != null) {
                sandbox.close();
            }
            if (executor != null) {
                executor.close();
            }
        }
    }

    /** Starts every cluster in the background, as the app does on start-up. */
    public void startAll() throws Exception {
        onFx(sandboxService::startAll);
    }

    /** Waits for every cluster of the sandbox to be running. */
    public void awaitRunning() {
        await().atMost(STARTUP).until(() -> fx(() -> sandboxService.clusters().stream()
                .allMatch(ClusterInfo::running)));
    }

    /** Bootstrap servers of a running cluster; any thread. */
    public String bootstrap(String cluster) {
        return sandboxService.bootstrapServers(cluster).orElseThrow();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public FxTaskExecutor executor() {
        return executor;
    }

    public SandboxService sandboxService() {
        return sandboxService;
    }

    public Connections connections() {
        return connections;
    }

    public ClusterClients clients() {
        return clients;
    }
}
