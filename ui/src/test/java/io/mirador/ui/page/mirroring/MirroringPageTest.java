package io.mirador.ui.page.mirroring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import atlantafx.base.theme.PrimerLight;
import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.ClusterConnection;
import io.mirador.replicator.engine.EngineSettings;
import io.mirador.replicator.state.JdbcReplicationStore;
import io.mirador.replicator.state.ReplicationStore;
import io.mirador.ui.page.mirroring.detail.RouteDetailModel;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.service.mirroring.LocalMirroring;
import io.mirador.ui.service.mirroring.RegisteringMirroring;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Mirroring page end to end, headless: a two-cluster sandbox, the engine in this process, the route created
 * in the editor; records arrive in the target, pause holds them back, resume lets them through, and the detail
 * shows the partitions.
 */
@Tag("integration")
class MirroringPageTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final Duration COPY = Duration.ofSeconds(90);

    private static Sandbox sandbox;
    private static SandboxService sandboxService;
    private static FxTaskExecutor executor;
    private static ReplicationStore store;
    private static RegisteringMirroring mirroring;
    private static MirroringPage page;
    private static String source;
    private static String target;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        sandbox = new Sandbox(new SandboxSpec(List.of("mir-a", "mir-b"), 1, null, 0, false, 0));
        store = JdbcReplicationStore.open("jdbc:h2:mem:");
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            executor = new FxTaskExecutor(new TaskMonitor());
            sandboxService = new SandboxService(SandboxBackend.of(sandbox), executor);
            Connections connections = new Connections(sandboxService, ConnectionStore.inMemory(), executor);
            ClusterClients clients = new ClusterClients(connections);
            KafkaRecordSource records = new KafkaRecordSource(connections, clients);
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
            stage.setScene(new Scene((Parent) page.view(), 1200, 760));
            stage.show();
            page.shown();
            sandboxService.startAll();
        });
        await().atMost(Duration.ofSeconds(90)).until(() -> fx(() -> sandboxService.clusters().stream()
                .allMatch(c -> c.running())));
        source = sandbox.cluster("mir-a").orElseThrow().bootstrapServers();
        target = sandbox.cluster("mir-b").orElseThrow().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", source))) {
            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        produce(0, 200);
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        if (mirroring != null) {
            mirroring.close();
        }
        if (executor != null) {
            executor.close();
        }
        store.close();
        sandbox.stop();
    }

    @Test
    void aRouteMadeInTheEditorCopiesPausesResumesAndShowsItsPartitions() throws Exception {
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#mirroring-demo").queryAs(Button.class).isVisible()));
        assertThat(fx(() -> robot.lookup("#mirroring-demo").queryAs(Button.class).getText()))
                .isEqualTo("Mirror mir-a → mir-b");

        robot.clickOn("#routes-new");
        await().atMost(UI).until(() -> present("#route-editor-name"));
        robot.clickOn("#route-editor-name").write("orders-copy");
        fx(() -> {
            this.<String>combo("#route-editor-source").setValue("mir-a");
            this.<String>combo("#route-editor-target").setValue("mir-b");
            return null;
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
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>("orders", "k" + i, "order " + i));
            }
            producer.flush();
        }
    }

    private static long endOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("orders")) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition("orders", p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset).sum();
        }
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

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
