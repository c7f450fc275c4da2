package io.mirador.ui.page.mirroring;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.ui.page.mirroring.detail.RouteDetailModel;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.mirroring.LocalMirroring;
import io.mirador.ui.service.mirroring.RegisteringMirroring;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.testing.PageFixture;
import io.mirador.ui.testing.TestTopics;
import io.mirador.ui.util.TimeDisplay;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Mirroring page end to end, headless: a two-cluster sandbox, the engine in this process, the route created
 * in the editor; records arrive in the target, pause holds them back, resume lets them through, and the detail
 * shows the partitions.
 */
@Tag("integration")
class MirroringPageTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration COPY = Duration.ofSeconds(90);

    @RegisterExtension
    static final PageFixture sandbox = PageFixture.sandbox("mir-a", "mir-b");

    private static ReplicationStore store;
    private static RegisteringMirroring mirroring;
    private static MirroringPage page;
    private static String source;
    private static String target;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        store = JdbcReplicationStore.open("jdbc:h2:mem:");
        Connections connections = sandbox.connections();
        FxTaskExecutor executor = sandbox.executor();
        onFx(() -> {
            KafkaRecordSource records = new KafkaRecordSource(connections, sandbox.clients());
            mirroring = new RegisteringMirroring(new LocalMirroring(store, EngineSettings.defaults()),
                    new RegisteringMirroring.ClusterResolver() {
                        @Override
                        public ClusterConnection connection(String name) {
                            return connections.connection(name);
                        }

                        @Override
                        public boolean sandbox(String name) {
                            return true;
                        }
                    });
            MirroringPageModel model = new MirroringPageModel(mirroring, (url, token) -> null, connections, executor);
            page = new MirroringPage(model,
                    service -> new RoutesViewModel(service, connections, records::topics, executor, question -> true),
                    service -> new RouteDetailModel(service, executor, new TimeDisplay()));
        });
        Fx.show(page.view(), 1200, 760);
        onFx(page::shown);
        sandbox.startAll();
        sandbox.awaitRunning();
        source = sandbox.bootstrap("mir-a");
        target = sandbox.bootstrap("mir-b");
        TestTopics.create(source, new NewTopic("orders", 3, (short) 1));
        produce(0, 200);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        if (mirroring != null) {
            mirroring.close();
        }
        store.close();
    }

    @Test
    void aRouteMadeInTheEditorCopiesPausesResumesAndShowsItsPartitions() throws Exception {
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#mirroring-demo").queryAs(Button.class).isVisible()));
        assertThat(fx(() -> robot.lookup("#mirroring-demo").queryAs(Button.class).getText()))
                .isEqualTo("Mirror mir-a → mir-b");

        robot.clickOn("#routes-new");
        await().atMost(UI).until(() -> present("#route-editor-name"));
        robot.clickOn("#route-editor-name").write("orders-copy");
        onFx(() -> {
            this.<String>combo("#route-editor-source").setValue("mir-a");
            this.<String>combo("#route-editor-target").setValue("mir-b");
        });
        robot.clickOn("#route-editor-include").write("orders");
        await().atMost(UI).until(() -> previewSources().equals(List.of("orders")));
        robot.clickOn("#route-editor-save");
        await().atMost(UI).until(() -> !present("#route-editor-name"));

        await().atMost(COPY).until(() -> endOffsets(target) == 200);
        assertThat(fx(() -> robot.lookup("#mirroring-demo").queryAs(Button.class).isVisible()))
                .as("the first-run shortcut goes once a route exists").isFalse();

        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#routes-pause").queryAs(Button.class).isDisabled()));
        robot.clickOn("#routes-pause");
        await().atMost(UI).until(() -> "PAUSED".equals(fx(() -> page.routes().model().route("orders-copy")
                .orElseThrow().state())));
        produce(200, 100);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> endOffsets(target) == 200);

        await().atMost(UI).until(() -> !fx(() -> robot.lookup("#routes-resume").queryAs(Button.class).isDisabled()));
        robot.clickOn("#routes-resume");
        await().atMost(COPY).until(() -> endOffsets(target) == 300);

        robot.clickOn("#routes-details");
        await().atMost(UI).until(() -> fx(() -> page.detail() != null
                && page.detail().model().rows().allPartitions().size() == 3));
        assertThat(fx(() -> page.detail().model().rows().allPartitions().stream()
                .mapToLong(p -> p.checkpoint()).sum())).isEqualTo(300);
    }

    private static void produce(int from, int count) {
        TestTopics.produce(source, count, i -> new ProducerRecord<>("orders", "k" + (from + i), "order " + (from + i)));
    }

    private static long endOffsets(String bootstrap) throws Exception {
        return TestTopics.endOffsets(bootstrap, "orders", 3);
    }

    @SuppressWarnings("unchecked")
    private List<String> previewSources() throws Exception {
        return fx(() -> ((TableView<PreviewRow>) robot.lookup("#route-editor-preview").queryAs(TableView.class))
                .getItems().stream().map(PreviewRow::source).toList());
    }

    @SuppressWarnings("unchecked")
    private <T> ComboBox<T> combo(String id) {
        return robot.lookup(id).queryAs(ComboBox.class);
    }

    private boolean present(String query) throws Exception {
        return fx(() -> robot.lookup(query).tryQuery().isPresent());
    }
}
