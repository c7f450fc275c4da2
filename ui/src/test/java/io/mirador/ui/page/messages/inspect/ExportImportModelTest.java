package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.page.messages.inspect.Records.binary;
import static io.mirador.ui.page.messages.inspect.Records.record;
import static io.mirador.ui.page.messages.inspect.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordJson;
import io.mirador.cluster.record.StopAt;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.task.DirectTaskExecutor;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of given records and import of a file, without FX (range exports: {@code ProduceDialogTest}). */
class ExportImportModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();

    @TempDir
    Path dir;

    private List<KafkaRecord> records() {
        return List.of(
                record(utf8("k1"), utf8("{\"a\":1}"), new KafkaRecord.RecordHeader("trace-id", utf8("abc"))),
                record(binary(4), utf8("line1\nline2, \"quoted\"")),
                record(null, null));
    }

    @Test
    void exportsTheSelectionAsExactJsonLines() throws Exception {
        ExportModel model = ExportModel.ofRecords(records(), executor);
        assertThat(model.description()).isEqualTo("3 records shown in the table");
        assertThat(model.problem()).isEqualTo("Choose a file to write.");
        Path target = dir.resolve("out.jsonl");
        model.targetProperty().set(target);
        model.start();

        StringBuilder expected = new StringBuilder();
        records().forEach(r -> expected.append(RecordJson.toLine(r)));
        assertThat(Files.readString(target)).isEqualTo(expected.toString());
        assertThat(Files.readString(target)).startsWith("{\"topic\":\"orders\",\"partition\":2,\"offset\":42,"
                + "\"timestamp\":1764064800123,\"timestampType\":\"CreateTime\",\"key\":\"k1\",\"value\":\"{\\\"a\\\":1}\","
                + "\"headers\":[{\"key\":\"trace-id\",\"value\":\"abc\"}]}\n");
        assertThat(model.transfer().statusProperty().get()).isEqualTo("Exported 3 records to " + target + ".");
        assertThat(leftovers()).containsExactly("out.jsonl");
    }

    @Test
    void exportsCsvWithItsHeaderLine() throws Exception {
        ExportModel model = ExportModel.ofRecords(records(), executor);
        model.formatProperty().set(ExportModel.Format.CSV);
        assertThat(model.suggestedFileName()).isEqualTo("orders.csv");
        Path target = dir.resolve("out.csv");
        model.targetProperty().set(target);
        model.start();
        assertThat(Files.readString(target)).isEqualTo("partition,offset,timestamp,key,value,headers\n"
                + "2,42,1764064800123,k1,\"{\"\"a\"\":1}\",trace-id=abc\n"
                + "2,42,1764064800123,base64:AAoRGA==,\"line1\nline2, \"\"quoted\"\"\",\n"
                + "2,42,1764064800123,,,\n");
    }

    @Test
    void aCancelledExportLeavesNoFileAndKeepsAnOlderOne() throws Exception {
        Path target = dir.resolve("keep.jsonl");
        Files.writeString(target, "older\n");
        List<KafkaRecord> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(record(utf8("k" + i), utf8("v" + i)));
        }
        ExportModel model = ExportModel.ofRecords(many, executor);
        model.targetProperty().set(target);
        executor.holdWork();
        model.start();
        assertThat(model.transfer().runningProperty().get()).isTrue();
        model.cancel();
        executor.runPending();
        assertThat(model.transfer().statusProperty().get()).isEqualTo("Export cancelled; no file was written.");
        assertThat(model.transfer().failedProperty().get()).isFalse();
        assertThat(Files.readString(target)).isEqualTo("older\n");
        assertThat(leftovers()).containsExactly("keep.jsonl");
    }

    @Test
    void aLiveRangeCannotBeExported() {
        ReadSpec live = ReadSpec.wholeTopic("orders").to(StopAt.live());
        ExportModel model = ExportModel.ofRange(new FakeRecordSource(), "local-a", live, executor);
        model.targetProperty().set(dir.resolve("x.jsonl"));
        assertThat(model.problem()).isEqualTo("An export needs an end: choose a stop other than live.");
        assertThat(model.description()).isEqualTo("topic orders on local-a, all partitions");
    }

    @Test
    void importsAFileCountingRecordsAndReportsABadLine() throws Exception {
        FakeRecordSource source = new FakeRecordSource();
        ImportModel model = new ImportModel(FXCollections.observableArrayList(new ConnectionEntry("local-a",
                ConnectionEntry.Kind.SANDBOX, true, "", new ClusterConnection("local-a", "x:1"))), source, executor);
        Path file = dir.resolve("in.jsonl");
        StringBuilder lines = new StringBuilder();
        records().forEach(r -> lines.append(RecordJson.toLine(r)));
        lines.append("\n\n");
        Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        assertThat(model.problem()).isEqualTo("Choose a JSON-lines file to import.");
        model.fileProperty().set(file);
        assertThat(model.problem()).isEqualTo("Choose a cluster.");
        model.prefill("local-a", "orders-copy");
        assertThat(model.problem()).isEmpty();
        model.start();
        assertThat(model.transfer().statusProperty().get())
                .isEqualTo("Imported 3 records from in.jsonl to orders-copy on local-a.");
        assertThat(source.lines).hasSize(3);
        assertThat(source.lines.get(1).key()).isEqualTo(binary(4));
        assertThat(source.lines.get(2).value()).isNull();

        Files.writeString(file, "{\"value\":\"ok\"}\nnot json\n");
        model.start();
        assertThat(model.transfer().failedProperty().get()).isTrue();
        assertThat(model.transfer().statusProperty().get()).startsWith("Importing in.jsonl to orders-copy failed: not a JSON object");
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
