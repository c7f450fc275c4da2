package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.page.messages.inspect.Records.binary;
import static io.mirador.ui.page.messages.inspect.Records.record;
import static io.mirador.ui.page.messages.inspect.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.RecordJson;
import io.mirador.ui.service.ClusterClients;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.KafkaRecordSource;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import io.mirador.ui.util.TimeDisplay;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The produce form without FX: validation, prefill for re-send, sending through a fake or refusing source. */
class ProduceFormTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeRecordSource source = new FakeRecordSource();
    private final ObservableList<ConnectionEntry> entries = FXCollections.observableArrayList(
            new ConnectionEntry("local-a", ConnectionEntry.Kind.SANDBOX, true, "", new ClusterConnection("local-a", "x:1")),
            new ConnectionEntry("stopped", ConnectionEntry.Kind.SANDBOX, false, "not running", null),
            new ConnectionEntry("prod", ConnectionEntry.Kind.EXTERNAL, true, "", new ClusterConnection("prod", "y:1")));
    private final ProduceForm form = new ProduceForm(entries, source, executor, new TimeDisplay(java.time.ZoneId.of("UTC")));

    @Test
    void offersReachableClustersAndTheChosenClustersTopics() {
        assertThat(form.target().clusters()).containsExactly("local-a", "prod");
        form.prefill("local-a", "orders");
        assertThat(form.target().topics()).containsExactly("orders", "payments");
        assertThat(form.problem()).isEmpty();
    }

    @Test
    void aValueThatLooksLikeJsonMustParseAndTheErrorSaysWhere() {
        form.prefill("local-a", "orders");
        form.valueProperty().set("{\n  \"a\": 1,\n  \"b\": }\n");
        assertThat(form.jsonProblemProperty().get()).isNotNull();
        assertThat(form.jsonProblemProperty().get().line()).isEqualTo(3);
        assertThat(form.jsonProblemProperty().get().column()).isEqualTo(8);
        assertThat(form.problem()).startsWith("The value is not valid JSON: line 3, column 8: Unexpected character ('}'");

        form.valueProperty().set("{\"a\": 1} {}");
        assertThat(form.problem()).isEqualTo("The value is not valid JSON: line 1, column 10: text after the end of the document.");
        form.valueProperty().set("  [1, 2]");
        assertThat(form.problem()).isEmpty();
        form.valueProperty().set("plain text");
        assertThat(form.problem()).as("not marked JSON, not starting with { or [").isEmpty();
        form.valueIsJsonProperty().set(true);
        assertThat(form.jsonProblemProperty().get().column()).isEqualTo(1);
        form.tombstoneProperty().set(true);
        assertThat(form.problem()).as("a tombstone has no value to check").isEmpty();
    }

    @Test
    void checksPartitionTimestampRepeatAndHeaders() {
        form.prefill("local-a", "orders");
        form.partitionProperty().set("x");
        assertThat(form.problem()).startsWith("Partition must be a whole number");
        form.partitionProperty().set("1");
        form.timestampProperty().set("yesterday");
        assertThat(form.problem()).isEqualTo("Timestamp must look like 2026-11-25 10:15:30 (UTC) or be epoch milliseconds, or be blank for now.");
        form.timestampProperty().set("2025-11-25 10:00:00.123");
        form.repeatProperty().set("0");
        assertThat(form.problem()).isEqualTo("Send it 1 to 100,000 times.");
        form.repeatProperty().set("3");
        ProduceForm.HeaderEntry h = form.addHeader("", "value");
        assertThat(form.problem()).isEqualTo("A header needs a name.");
        h.nameProperty().set("bin");
        h.base64Property().set(true);
        h.valueProperty().set("not base64!");
        assertThat(form.problem()).startsWith("Header bin is marked Base64 but is not");
        h.valueProperty().set("AAH/");
        form.addHeader("trace", "abc");
        form.addHeader("", "");
        form.keyProperty().set("user-1");
        form.valueProperty().set("hello");
        assertThat(form.problem()).isEmpty();

        form.send();
        assertThat(source.sent).hasSize(1);
        FakeRecordSource.Sent sent = source.sent.get(0);
        assertThat(sent.cluster()).isEqualTo("local-a");
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(sent.times()).isEqualTo(3);
        KafkaRecord r = sent.record();
        assertThat(r.partition()).isEqualTo(1);
        assertThat(r.timestamp()).isEqualTo(1_764_064_800_123L);
        assertThat(r.key()).isEqualTo(utf8("user-1"));
        assertThat(r.value()).isEqualTo(utf8("hello"));
        assertThat(r.recordHeaders()).hasSize(2);
        assertThat(r.recordHeaders().get(0).value()).isEqualTo(new byte[] {0, 1, (byte) 0xff});
        assertThat(r.recordHeaders().get(1).value()).isEqualTo(utf8("abc"));
        assertThat(form.transfer().statusProperty().get()).isEqualTo(
                "Sent 3 records to orders (first: partition 1, offset 10; last: partition 1, offset 12).");
        assertThat(form.transfer().failedProperty().get()).isFalse();
    }

    @Test
    void anEmptyKeyIsNoKeyAndATombstoneHasANullValue() {
        form.prefill("local-a", "orders");
        form.tombstoneProperty().set(true);
        form.send();
        assertThat(source.sent.get(0).record().key()).isNull();
        assertThat(source.sent.get(0).record().value()).isNull();
        assertThat(source.sent.get(0).record().timestamp()).isEqualTo(-1);
        assertThat(source.sent.get(0).record().partition()).isEqualTo(-1);
    }

    @Test
    void resendPrefillsFromARecordKeepingBinaryAndLargeBytesAsTheyAre() {
        byte[] bigValue = Records.bigText(ProduceForm.EDITABLE_BYTES + 1);
        KafkaRecord original = record(binary(8), bigValue, new KafkaRecord.RecordHeader("trace", utf8("abc")),
                new KafkaRecord.RecordHeader("raw", new byte[] {0, (byte) 0x80}));
        form.prefill(original).prefill("prod", null);
        assertThat(form.target().topicProperty().get()).isEqualTo("orders");
        assertThat(form.keptKeyProperty().get()).isEqualTo(binary(8));
        assertThat(form.keyProperty().get()).isEmpty();
        assertThat(form.keptValueProperty().get()).isSameAs(bigValue);
        assertThat(form.headers()).hasSize(2);
        assertThat(form.headers().get(1).base64Property().get()).isTrue();
        assertThat(form.headers().get(1).valueProperty().get()).isEqualTo("AIA=");
        form.target().topicProperty().set("orders-copy");
        assertThat(form.problem()).isEmpty();

        form.send();
        KafkaRecord resent = source.sent.get(0).record();
        assertThat(source.sent.get(0).cluster()).isEqualTo("prod");
        assertThat(source.sent.get(0).topic()).isEqualTo("orders-copy");
        assertThat(resent.key()).isEqualTo(original.key());
        assertThat(resent.value()).isEqualTo(original.value());
        assertThat(resent.recordHeaders()).extracting(KafkaRecord.RecordHeader::key).containsExactly("trace", "raw");
        assertThat(resent.recordHeaders().get(1).value()).isEqualTo(new byte[] {0, (byte) 0x80});

        form.prefill(Records.text("k", "{\"small\":true}"));
        assertThat(form.keptKeyProperty().get()).isNull();
        assertThat(form.keptValueProperty().get()).isNull();
        assertThat(form.keyProperty().get()).isEqualTo("k");
        assertThat(form.valueProperty().get()).isEqualTo("{\"small\":true}");
        assertThat(form.headers()).isEmpty();
    }

    @Test
    void aReadOnlyConnectionIsRefusedWithTheServicesOneLineMessage() {
        SandboxService sandbox = new SandboxService(new FakeSandbox(), executor);
        Connections connections = new Connections(sandbox, ConnectionStore.inMemory(), executor);
        connections.save(new ClusterConnection("prod", "localhost:1").withSetting(ClusterConnection.READ_ONLY, "true"),
                null, failure -> { });
        try (ClusterClients clients = new ClusterClients(connections)) {
            ProduceForm readOnly = new ProduceForm(connections.entries(), new KafkaRecordSource(connections, clients),
                    executor, new TimeDisplay(ZoneOffset.UTC));
            readOnly.prefill("prod", "orders");
            readOnly.valueProperty().set("v");
            readOnly.send();
            assertThat(readOnly.transfer().failedProperty().get()).isTrue();
            assertThat(readOnly.transfer().statusProperty().get()).isEqualTo(
                    "Producing to orders failed: connection prod is read-only: turn that off in Connections to change it");
            assertThat(readOnly.transfer().runningProperty().get()).isFalse();
        }
    }

    @Test
    void producesAJsonLinesFileWithProgressAndCanBeCancelled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.jsonl");
        Files.writeString(file, RecordJson.toLine(Records.text("a", "1")) + "\n{\"key\":\"b\",\"value\":\"2\"}\n"
                + "{\"value\":\"3\"}\n", StandardCharsets.UTF_8);
        form.prefill("local-a", "payments");
        form.sendFile(file);
        assertThat(source.lines).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("1", "2", "3");
        assertThat(form.transfer().statusProperty().get()).isEqualTo("Sent 3 records from in.jsonl to payments.");
        assertThat(form.transfer().progressProperty().get()).isEqualTo(1.0);

        source.lines.clear();
        source.afterLine = n -> {
            if (n == 1) {
                form.cancel();
            }
        };
        form.sendFile(file);
        assertThat(source.lines).hasSize(1);
        assertThat(form.transfer().statusProperty().get())
                .isEqualTo("Cancelled: the first 1 lines of the file were sent to payments, the rest not.");
        assertThat(form.transfer().failedProperty().get()).isFalse();
        assertThat(List.of(form.transfer().runningProperty().get())).containsExactly(false);
    }
}
