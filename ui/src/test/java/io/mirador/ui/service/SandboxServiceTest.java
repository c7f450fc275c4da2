package io.mirador.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.mirador.broker.ClusterState;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.task.TaskInfo;
import io.mirador.ui.testing.FakeSandbox;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class SandboxServiceTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final SandboxService service = new SandboxService(backend, executor);

    @Test
    void startAllPublishesATaskWithProgressPerRunningCluster() {
        List<Double> progress = new ArrayList<>();
        executor.monitor().running().addListener((ListChangeListener<TaskInfo>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(task -> {
                    assertThat(task.title()).isEqualTo("Starting sandbox");
                    task.progressProperty().addListener((obs, old, now) -> progress.add(now.doubleValue()));
                });
            }
        });

        service.startAll();

        assertThat(progress).containsSubsequence(0.5, 1.0);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(executor.monitor().running()).isEmpty();
        assertThat(service.clusters()).extracting(ClusterInfo::state).containsOnly(ClusterState.RUNNING);
    }

    @Test
    void bootstrapServersOnlyForRunningClusters() {
        assertThat(service.bootstrapServers("local-a")).isEmpty();
        backend.cluster(0).start();
        assertThat(service.bootstrapServers("local-a")).contains("127.0.0.1:19092");
        assertThat(service.bootstrapServers("nope")).isEmpty();
    }

    @Test
    void shutdownStopsOnceThenCallsBack() {
        service.startAll();
        List<String> calls = new ArrayList<>();

        service.shutdown(() -> calls.add("then"));
        service.shutdownNow();

        assertThat(calls).containsExactly("then");
        assertThat(backend.stopAllCalls).isEqualTo(1);
        assertThat(service.clusters()).extracting(ClusterInfo::state).containsOnly(ClusterState.STOPPED);
    }
}
