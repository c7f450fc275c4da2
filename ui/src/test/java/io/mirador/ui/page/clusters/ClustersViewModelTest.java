package io.mirador.ui.page.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.mirador.broker.ClusterState;
import io.mirador.ui.service.ClusterInfo;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Runs on the test thread, without JavaFX: the direct executor plays the UI thread. */
class ClustersViewModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a", "local-b");
    private final SandboxService sandbox = new SandboxService(backend, executor);
    private final ClustersViewModel model = new ClustersViewModel(sandbox);

    private ClusterInfo cluster(int index) {
        return model.clusters().get(index);
    }

    @Test
    void listsEveryClusterStoppedAtFirst() {
        assertThat(model.clusters()).extracting(ClusterInfo::name).containsExactly("local-a", "local-b");
        assertThat(model.clusters()).extracting(ClusterInfo::state).containsOnly(ClusterState.STOPPED);
        assertThat(model.summaryProperty().get()).isEqualTo("0 of 2 clusters running");
        assertThat(model.canStart(cluster(0))).isTrue();
        assertThat(model.canStop(cluster(0))).isFalse();
    }

    @Test
    void followsEachStateChangeInOrder() {
        List<ClusterState> seen = new ArrayList<>();
        model.clusters().addListener((ListChangeListener<ClusterInfo>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(c -> seen.add(c.state()));
            }
        });

        backend.cluster(0).set(ClusterState.STARTING);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.STARTING);
        assertThat(model.canStart(cluster(0))).isFalse();
        assertThat(model.canStop(cluster(0))).isFalse();

        backend.cluster(0).start();

        assertThat(seen).containsExactly(ClusterState.STARTING, ClusterState.STARTING, ClusterState.RUNNING);
        ClusterInfo running = cluster(0);
        assertThat(running.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(running.clusterId()).isEqualTo("id-local-a");
        assertThat(running.brokers()).singleElement()
                .satisfies(b -> assertThat(b.address()).isEqualTo("127.0.0.1:19092"))
                .satisfies(b -> assertThat(b.rack()).isEqualTo("rack-a"));
        assertThat(model.summaryProperty().get()).isEqualTo("1 of 2 clusters running");
        assertThat(cluster(1).state()).isEqualTo(ClusterState.STOPPED);
    }

    @Test
    void showsWhyAClusterFailed() {
        backend.cluster(1).fail("cluster local-b cannot listen: port 9092 in use");

        assertThat(cluster(1).state()).isEqualTo(ClusterState.FAILED);
        assertThat(cluster(1).failure()).isEqualTo("cluster local-b cannot listen: port 9092 in use");
        assertThat(model.canStart(cluster(1))).as("a failed cluster can be retried").isTrue();
        assertThat(ClustersViewModel.stateText(cluster(1).state())).isEqualTo("Failed");
    }

    @Test
    void startAndStopCommandsReachTheCluster() {
        model.start(cluster(0));
        assertThat(backend.cluster(0).starts).isEqualTo(1);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.RUNNING);

        model.start(cluster(0));
        assertThat(backend.cluster(0).starts).as("start is not offered while running").isEqualTo(1);

        model.stop(cluster(0));
        assertThat(backend.cluster(0).stops).isEqualTo(1);
        assertThat(cluster(0).state()).isEqualTo(ClusterState.STOPPED);
        assertThat(cluster(0).brokers()).isEmpty();
    }

    @Test
    void aFailedStartShowsInTheStatusBar() {
        backend.cluster(0).failStartWith = "cluster local-a failed to start: disk full";

        model.start(cluster(0));

        assertThat(cluster(0).state()).isEqualTo(ClusterState.FAILED);
        assertThat(executor.monitor().lastErrorProperty().get())
                .isEqualTo("Starting cluster local-a failed: cluster local-a failed to start: disk full");
        assertThat(executor.monitor().running()).isEmpty();
    }

    @Test
    void withoutASandboxSaysSo() {
        ClustersViewModel empty = new ClustersViewModel(new SandboxService(SandboxBackend.none(), executor));

        assertThat(empty.clusters()).isEmpty();
        assertThat(empty.summaryProperty().get()).contains("without a sandbox");
    }
}
