package io.mirador.ui.page.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.SandboxBackend;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.task.TaskMonitor;
import io.mirador.ui.util.TimeDisplay;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real Messages page in a headless stage on a real one-broker sandbox cluster. Thirty records with known
 * timestamps a day ago, one a minute, spread over three partitions, are produced once; the tests seek and search
 * them through the page's controls and tail a second topic while a plain producer writes to it. Controls are read
 * on the FX thread ({@link #fx}); waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class MessagesPageTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration UI = Duration.ofSeconds(30);
    private static final String TOPIC = "events";
    private static final String LIVE_TOPIC = "live-events";
    private static final int COUNT = 30;
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    /** Timestamp of record i is BASE + i minutes; a day ago, since brokers refuse times far in the future. */
    private static final long BASE = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            .toEpochMilli();

    private static Sandbox sandbox;
    private static FxTaskExecutor executor;
    private static SandboxService sandboxService;
    private static ClusterClients clients;
    private static TimeDisplay time;
    private static MessagesViewModel model;
    private static MessagesPage page;
    private static KafkaProducer<String, String> producer;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startClusterAndShowPage() throws Exception {
        FxToolkit.registerPrimaryStage();
        sandbox = new Sandbox(new SandboxSpec(List.of("local-a"), 1, null, 0, false, 0));
        executor = new FxTaskExecutor(new TaskMonitor());
        fx(() -> {
            sandboxService = new SandboxService(SandboxBackend.of(sandbox), executor);
            Connections connections = new Connections(sandboxService, ConnectionStore.inMemory(), executor);
            clients = new ClusterClients(connections);
            time = new TimeDisplay(ZONE);
            model = new MessagesViewModel(connections, new KafkaRecordSource(connections, clients), executor, time);
            page = new MessagesPage(model);
            return null;
        });
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene((Parent) page.view(), 1200, 760));
            stage.show();
        });
        fx(() -> {
            page.shown();
            sandboxService.startAll();
            return null;
        });
        await().atMost(STARTUP).until(() -> fx(() -> sandboxService.bootstrapServers("local-a").isPresent()));
        String bootstrap = fx(() -> sandboxService.bootstrapServers("local-a").orElseThrow());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(LIVE_TOPIC, 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        for (int i = 0; i < COUNT; i++) {
            String kind = i % 5 == 0 ? "alert" : "info";
            producer.send(new ProducerRecord<>(TOPIC, i % 3, BASE + i * 60_000L, "k" + i,
                    "{\"n\":" + i + ",\"kind\":\"" + kind + "\"}")).get(30, TimeUnit.SECONDS);
        }
        await().atMost(UI).until(() -> fx(() -> {
            model.refreshTopics();
            return model.topics().containsAll(List.of(TOPIC, LIVE_TOPIC));
        }));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (page != null) {
            fx(() -> {
                model.stop();
                page.hidden();
                return null;
            });
        }
        if (producer != null) {
            producer.close();
        }
        if (clients != null) {
            clients.close();
        }
        if (sandboxService != null) {
            sandboxService.shutdownNow();
        }
        if (executor != null) {
            executor.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void seekingToATimeShowsExactlyTheRecordsFromThatTimeOn() throws Exception {
        chooseTopic(TOPIC);
        LocalDateTime from = LocalDateTime.ofInstant(Instant.ofEpochMilli(BASE + 10 * 60_000L), ZONE);
        fx(() -> {
            model.filterProperty().set("");
            model.form().startProperty().set(SeekForm.Start.TIME);
            model.form().startDateProperty().set(from.toLocalDate());
            model.form().startTimeProperty().set(SeekForm.formatTime(from.toLocalTime()));
            model.form().stopProperty().set(SeekForm.Stop.END);
            return null;
        });
        assertThat(fx(() -> robot.lookup("#messages-start-zone").queryLabeled().getText())).isEqualTo("Asia/Tokyo");

        robot.clickOn("#messages-read");
        awaitDone();

        List<KafkaRecord> shown = rows();
        assertThat(shown).extracting(KafkaRecord::timestamp)
                .containsExactlyElementsOf(IntStream.range(10, COUNT).mapToObj(i -> BASE + i * 60_000L).toList());
        assertThat(shown).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(IntStream.range(10, COUNT).mapToObj(i -> "k" + i).toList());
        long first = BASE + 10 * 60_000L;
        assertThat(cellTexts()).contains(TimeDisplay.format(first, ZONE));

        fx(() -> {
            time.utcProperty().set(true);
            return null;
        });
        await().atMost(UI).until(() -> cellTexts().contains(TimeDisplay.format(first, ZoneId.of("UTC"))));
        assertThat(fx(() -> robot.lookup("#messages-start-zone").queryLabeled().getText())).isEqualTo("UTC");
        fx(() -> {
            time.utcProperty().set(false);
            return null;
        });
    }

    @Test
    void aSearchFindsExactlyTheMatchingRecordsAndABadFilterSaysWhere() throws Exception {
        chooseTopic(TOPIC);
        fx(() -> {
            model.form().startProperty().set(SeekForm.Start.EARLIEST);
            model.form().stopProperty().set(SeekForm.Stop.END);
            model.filterProperty().set("");
            return null;
        });

        robot.clickOn("#messages-filter").write("value.kind == ");
        assertThat(fx(() -> robot.lookup("#messages-filter-problem").queryLabeled().getText()))
                .contains("at position 14");
        robot.clickOn("#messages-read");
        assertThat(fx(() -> model.runningProperty().get())).as("a bad filter does not run").isFalse();

        robot.write("\"alert\"");
        assertThat(fx(() -> model.filterProblemProperty().get())).isEmpty();
        robot.clickOn("#messages-read");
        awaitDone();

        assertThat(rows()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("k0", "k5", "k10", "k15", "k20", "k25");
        assertThat(fx(() -> model.pageTextProperty().get())).isEqualTo("Matches 1–6 of 6");
        assertThat(fx(() -> model.progressTextProperty().get())).contains("30 scanned").contains("6 matches");
    }

    @Test
    void aLiveTailShowsARecordProducedWhileItRuns() throws Exception {
        chooseTopic(LIVE_TOPIC);
        fx(() -> {
            model.filterProperty().set("");
            return null;
        });

        robot.clickOn("#messages-tail");
        // Follows once the consumer polls: from then on, anything produced is new to it.
        await().atMost(UI).until(() -> fx(() -> model.progressTextProperty().get()).startsWith("Live"));
        producer.send(new ProducerRecord<>(LIVE_TOPIC, 1, System.currentTimeMillis(), "fresh", "hello, tail"))
                .get(30, TimeUnit.SECONDS);

        await().atMost(UI).until(() -> rows().stream().anyMatch(r -> "fresh".equals(new String(r.key(),
                StandardCharsets.UTF_8))));
        await().atMost(UI).until(() -> cellTexts().contains("hello, tail"));
        assertThat(fx(() -> model.liveProperty().get())).isTrue();

        robot.clickOn("#messages-stop");
        await().atMost(UI).until(() -> !fx(() -> model.runningProperty().get()));
        assertThat(rows()).hasSize(1);
    }

    private void chooseTopic(String topic) throws Exception {
        if (topic.equals(fx(() -> model.selectedTopicProperty().get()))) {
            return;
        }
        robot.clickOn("#messages-topic").push(KeyCode.SHORTCUT, KeyCode.A);
        robot.write(topic);
        assertThat(fx(() -> robot.lookup("#messages-topic").queryComboBox().getEditor().getText()))
                .as("narrowing the list while typing keeps every keystroke").isEqualTo(topic);
        robot.type(KeyCode.ENTER);
        await().atMost(UI).until(() -> topic.equals(fx(() -> model.selectedTopicProperty().get())));
        await().atMost(UI).until(() -> fx(() -> model.partitionCountProperty().get()) > 0);
        fx(() -> {
            robot.lookup("#messages-topic").queryComboBox().hide();
            return null;
        });
    }

    private void awaitDone() {
        await().atMost(UI).until(() -> fx(() -> !model.runningProperty().get()
                && model.progressTextProperty().get().startsWith("Done")));
    }

    @SuppressWarnings("unchecked")
    private List<KafkaRecord> rows() throws Exception {
        return fx(() -> List.copyOf(robot.lookup("#messages-table").queryAs(TableView.class).getItems()));
    }

    private List<String> cellTexts() throws Exception {
        return fx(() -> robot.lookup("#messages-table .table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText).filter(t -> t != null).toList());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
