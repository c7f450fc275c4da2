package io.mirador.ui.page.messages;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.testing.Fx;
import io.mirador.ui.testing.PageFixture;
import io.mirador.ui.testing.TestTopics;
import io.mirador.ui.util.TimeDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The real Messages page in a headless stage on a real one-broker sandbox cluster. Thirty records with known
 * timestamps a day ago, one a minute, spread over three partitions, are produced once; the tests seek and search
 * them through the page's controls and tail a second topic while a plain producer writes to it. Controls are read
 * on the FX thread ({@link Fx#fx}); waits are Awaitility polls, never sleeps.
 */
@Tag("integration")
class MessagesPageTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final String TOPIC = "events";
    private static final String LIVE_TOPIC = "live-events";
    private static final int COUNT = 30;
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    /** Timestamp of record i is BASE + i minutes; a day ago, since brokers refuse times far in the future. */
    private static final long BASE = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            .toEpochMilli();

    @RegisterExtension
    static final PageFixture sandbox = PageFixture.sandbox("local-a");

    private static TimeDisplay time;
    private static MessagesViewModel model;
    private static MessagesPage page;
    private static String bootstrap;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startClusterAndShowPage() throws Exception {
        onFx(() -> {
            time = new TimeDisplay(ZONE);
            model = new MessagesViewModel(sandbox.connections(),
                    new KafkaRecordSource(sandbox.connections(), sandbox.clients()), sandbox.executor(), time);
            page = new MessagesPage(model);
        });
        Fx.show(page.view(), 1200, 760);
        onFx(page::shown);
        sandbox.startAll();
        sandbox.awaitRunning();
        bootstrap = sandbox.bootstrap("local-a");
        TestTopics.create(bootstrap, new NewTopic(TOPIC, 3, (short) 1), new NewTopic(LIVE_TOPIC, 2, (short) 1));
        TestTopics.produce(bootstrap, COUNT, i -> new ProducerRecord<>(TOPIC, i % 3, BASE + i * 60_000L, "k" + i,
                "{\"n\":" + i + ",\"kind\":\"" + (i % 5 == 0 ? "alert" : "info") + "\"}"));
        await().atMost(UI).until(() -> fx(() -> {
            model.refreshTopics();
            return model.topics().containsAll(List.of(TOPIC, LIVE_TOPIC));
        }));
    }

    @AfterAll
    static void hidePage() throws Exception {
        if (page != null) {
            onFx(() -> {
                model.stop();
                page.hidden();
            });
        }
    }

    @Test
    void seekingToATimeShowsExactlyTheRecordsFromThatTimeOn() throws Exception {
        chooseTopic(TOPIC);
        LocalDateTime from = LocalDateTime.ofInstant(Instant.ofEpochMilli(BASE + 10 * 60_000L), ZONE);
        onFx(() -> {
            model.filterProperty().set("");
            model.form().startProperty().set(SeekForm.Start.TIME);
            model.form().startDateProperty().set(from.toLocalDate());
            model.form().startTimeProperty().set(SeekForm.formatTime(from.toLocalTime()));
            model.form().stopProperty().set(SeekForm.Stop.END);
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

        onFx(() -> {
            time.utcProperty().set(true);
        });
        await().atMost(UI).until(() -> cellTexts().contains(TimeDisplay.format(first, ZoneId.of("UTC"))));
        assertThat(fx(() -> robot.lookup("#messages-start-zone").queryLabeled().getText())).isEqualTo("UTC");
        onFx(() -> {
            time.utcProperty().set(false);
        });
    }

    @Test
    void aSearchFindsExactlyTheMatchingRecordsAndABadFilterSaysWhere() throws Exception {
        chooseTopic(TOPIC);
        onFx(() -> {
            model.form().startProperty().set(SeekForm.Start.EARLIEST);
            model.form().stopProperty().set(SeekForm.Stop.END);
            model.filterProperty().set("");
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
        onFx(() -> {
            model.filterProperty().set("");
        });

        robot.clickOn("#messages-tail");
        // Follows once the consumer polls: from then on, anything produced is new to it.
        await().atMost(UI).until(() -> fx(() -> model.progressTextProperty().get()).startsWith("Live"));
        TestTopics.produce(bootstrap, 1,
                i -> new ProducerRecord<>(LIVE_TOPIC, 1, System.currentTimeMillis(), "fresh", "hello, tail"));

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
        onFx(() -> {
            robot.lookup("#messages-topic").queryComboBox().hide();
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
}
