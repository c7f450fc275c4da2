package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.testing.Fx.fx;
import static io.mirador.ui.testing.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.FxTaskExecutor;
import io.mirador.ui.testing.PageFixture;
import io.mirador.ui.testing.TestTopics;
import io.mirador.ui.util.TimeDisplay;
import javafx.scene.control.Labeled;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The produce dialog and the export and import models against a real one-broker sandbox cluster: a record with
 * headers is typed into the dialog, sent, and read back with a plain consumer; then the topic is exported as a range
 * and imported into another topic. Waits are Awaitility polls.
 */
@Tag("integration")
class ProduceDialogTest {

    private static final Duration UI = Duration.ofSeconds(30);
    private static final String CLUSTER = "local-a";

    @RegisterExtension
    static final PageFixture sandbox = PageFixture.sandbox(CLUSTER);

    private static FxTaskExecutor executor;
    private static Connections connections;
    private static RecordSource records;
    private final FxRobot robot = new FxRobot();

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        executor = sandbox.executor();
        connections = sandbox.connections();
        records = fx(() -> new KafkaRecordSource(connections, sandbox.clients()));
        sandbox.startAll();
        await().atMost(PageFixture.STARTUP).until(() -> fx(() -> connections.entry(CLUSTER)
                .map(ConnectionEntry::available).orElse(false)));
        TestTopics.create(sandbox.bootstrap(CLUSTER), new NewTopic("produced", 2, (short) 1),
                new NewTopic("imported", 2, (short) 1));
    }

    @Test
    void producesARecordWithHeadersThroughTheDialogThenExportsAndImportsTheTopic() throws Exception {
        ProduceForm form = fx(() -> new ProduceForm(connections.entries(), records, executor, new TimeDisplay(ZoneOffset.UTC))
                .prefill(CLUSTER, "produced"));
        ProduceDialog dialog = fx(() -> {
            ProduceDialog d = new ProduceDialog(null, form);
            d.show();
            return d;
        });
        await().atMost(UI).until(() -> fx(() -> robot.lookup("#produce-value").tryQuery().isPresent()));
        robot.clickOn("#produce-key").write("user-1");
        robot.clickOn("#produce-value").write("{\"amount\": 12");
        await().atMost(UI).until(() -> fx(() -> form.jsonProblemProperty().get() != null));
        assertThat(fx(() -> robot.lookup("#produce-ok").query().isDisabled())).as("broken JSON is not sent").isTrue();
        assertThat(fx(() -> ((Labeled) robot.lookup("#produce-json-error").query()).getText())).startsWith("JSON error at line 1");
        robot.write("}");
        await().atMost(UI).until(() -> fx(() -> form.problem().isEmpty()));
        robot.clickOn("#produce-header-name-0").write("trace-id");
        robot.clickOn("#produce-header-value-0").write("abc-123");
        robot.clickOn("#produce-add-header");
        robot.clickOn("#produce-header-name-1").write("source");
        robot.clickOn("#produce-header-value-1").write("mirador");
        robot.clickOn("#produce-partition").write("1");
        robot.clickOn("#produce-ok");

        await().atMost(UI).until(() -> fx(() -> form.transfer().statusProperty().get().startsWith("Sent 1 record")));
        assertThat(fx(() -> form.transfer().statusProperty().get())).isEqualTo("Sent 1 record to produced, partition 1, offset 0.");
        assertThat(fx(() -> ((Labeled) robot.lookup("#produce-status").query()).getText())).startsWith("Sent 1 record");
        onFx(() -> {
            dialog.close();
        });

        List<ConsumerRecord<byte[], byte[]>> read = readAll("produced", 1);
        assertThat(read).hasSize(1);
        ConsumerRecord<byte[], byte[]> got = read.get(0);
        assertThat(new String(got.key(), StandardCharsets.UTF_8)).isEqualTo("user-1");
        assertThat(new String(got.value(), StandardCharsets.UTF_8)).isEqualTo("{\"amount\": 12}");
        assertThat(got.partition()).isEqualTo(1);
        assertThat(new String(got.headers().lastHeader("trace-id").value(), StandardCharsets.UTF_8)).isEqualTo("abc-123");
        assertThat(new String(got.headers().lastHeader("source").value(), StandardCharsets.UTF_8)).isEqualTo("mirador");

        // Export the whole topic as a range, then import the file into another topic.
        Path file = dir.resolve("produced.jsonl");
        ExportModel export = fx(() -> ExportModel.ofRange(records, CLUSTER, ReadSpec.wholeTopic("produced"), executor));
        onFx(() -> {
            export.targetProperty().set(file);
            export.start();
        });
        await().atMost(UI).until(() -> fx(() -> !export.transfer().runningProperty().get()));
        assertThat(fx(() -> export.transfer().statusProperty().get())).isEqualTo("Exported 1 record to " + file + ".");
        assertThat(Files.readString(file)).startsWith("{\"topic\":\"produced\",\"partition\":1,\"offset\":0,")
                .contains("\"key\":\"user-1\"", "{\"key\":\"trace-id\",\"value\":\"abc-123\"}");

        ImportModel importer = fx(() -> new ImportModel(connections.entries(), records, executor).prefill(CLUSTER, "imported"));
        onFx(() -> {
            importer.fileProperty().set(file);
            importer.start();
        });
        await().atMost(UI).until(() -> fx(() -> !importer.transfer().runningProperty().get()));
        assertThat(fx(() -> importer.transfer().statusProperty().get()))
                .isEqualTo("Imported 1 record from produced.jsonl to imported on local-a.");
        List<ConsumerRecord<byte[], byte[]>> imported = readAll("imported", 1);
        assertThat(imported.get(0).partition()).as("the line's partition is kept").isEqualTo(1);
        assertThat(KafkaRecord.of(imported.get(0)).recordHeaders()).extracting(KafkaRecord.RecordHeader::key)
                .containsExactly("trace-id", "source");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrap(CLUSTER),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(UI).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= expected;
            });
        }
        return read;
    }
}
