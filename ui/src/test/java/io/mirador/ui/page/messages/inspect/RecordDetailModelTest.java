package io.mirador.ui.page.messages.inspect;

import static io.mirador.ui.page.messages.inspect.Records.binary;
import static io.mirador.ui.page.messages.inspect.Records.bigText;
import static io.mirador.ui.page.messages.inspect.Records.record;
import static io.mirador.ui.page.messages.inspect.Records.text;
import static io.mirador.ui.page.messages.inspect.Records.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.RecordJson;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The record detail's model on the calling thread: no FX toolkit. */
class RecordDetailModelTest {

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final SimpleObjectProperty<KafkaRecord> selected = new SimpleObjectProperty<>();
    private final TimeDisplay time = new TimeDisplay(ZoneOffset.ofHours(1));
    private final RecordDetailModel model = new RecordDetailModel(selected, new BasicValueRenderer(), executor, time);

    @Test
    void autoChoosesJsonTextOrHexAndShowsTheTreeForJson() {
        selected.set(text("user-1", "{\"a\":1,\"b\":[true,null,\"x\"]}"));
        assertThat(model.value().usedFormatProperty().get()).isEqualTo("JSON");
        assertThat(model.value().text()).isEqualTo("{\n  \"a\" : 1,\n  \"b\" : [ true, null, \"x\" ]\n}");
        assertThat(model.value().jsonProperty().get().get("a").asInt()).isEqualTo(1);
        assertThat(model.value().summaryProperty().get()).isEqualTo("JSON · 27 B");
        assertThat(model.key().usedFormatProperty().get()).isEqualTo("Text");
        assertThat(model.key().text()).isEqualTo("user-1");

        selected.set(record(binary(20), utf8("plain words")));
        assertThat(model.key().usedFormatProperty().get()).isEqualTo("Hex");
        assertThat(model.key().text()).startsWith("00000000  00 0a 11 18 1f 26 2d 34  3b 42 49 50 57 5e 65 6c  |.....&-4;BIPW^el|\n");
        assertThat(model.value().usedFormatProperty().get()).isEqualTo("Text");
        assertThat(model.value().jsonProperty().get()).isNull();

        selected.set(text(null, "[1, 2"));
        assertThat(model.value().usedFormatProperty().get()).as("broken JSON is text").isEqualTo("Text");
        assertThat(model.key().noteProperty().get()).isEqualTo("No key (null)");
    }

    @Test
    void aChosenFormatIsKeptAcrossRecordsAndExplainsWhenItDoesNotFit() {
        selected.set(text("k", "hello"));
        model.value().formatProperty().set("Base64");
        assertThat(model.value().text()).isEqualTo("aGVsbG8=");
        selected.set(text("k", "{\"a\":"));
        model.value().formatProperty().set("JSON");
        assertThat(model.value().usedFormatProperty().get()).isEqualTo("Text");
        assertThat(model.value().fallbackProperty().get())
                .startsWith("Could not show as JSON: Not valid JSON at line 1, column 6").endsWith("; shown as text");
        assertThat(model.value().noteProperty().get()).as("said once, in the warning").isEmpty();
        model.value().formatProperty().set("Hex");
        assertThat(model.value().text()).isEqualTo("00000000  7b 22 61 22 3a                                    |{\"a\":|\n");
        assertThat(model.value().fallbackProperty().get()).isEmpty();
    }

    /** Issue 18: "Int" on bytes that are no int showed hex with only a muted note at the bottom. */
    @Test
    void aNumberFormatThatDoesNotFitTheBytesSaysSoAndWhichWasUsed() {
        RecordDetailModel decoded = new RecordDetailModel(selected, new DecoderRenderer(() -> ""), executor, time);
        ValueViewModel value = decoded.value();
        selected.set(record(utf8("k"), new byte[] {1, 2, 3, 4, 5, 6, 7}));
        value.formatProperty().set("Int");

        assertThat(value.usedFormatProperty().get()).isEqualTo("Hex");
        assertThat(value.fallbackProperty().get()).isEqualTo("Not a 4-byte int (7 bytes): shown as hex");
        assertThat(value.noteProperty().get()).isEmpty();

        value.formatProperty().set("Long");
        assertThat(value.fallbackProperty().get()).isEqualTo("Not an 8-byte long (7 bytes): shown as hex");
        value.formatProperty().set("UUID");
        assertThat(value.fallbackProperty().get()).startsWith("Could not show as UUID: not a UUID")
                .endsWith(": shown as hex");

        value.formatProperty().set("Int");
        selected.set(record(utf8("k"), new byte[] {0, 0, 0, 42}));
        assertThat(value.text()).isEqualTo("42");
        assertThat(value.fallbackProperty().get()).as("a 4-byte value is an int").isEmpty();
        selected.set(record(utf8("k"), null));
        assertThat(value.fallbackProperty().get()).as("no bytes, nothing to fall back from").isEmpty();
        value.formatProperty().set(ValueRenderer.AUTO);
        selected.set(record(utf8("k"), new byte[] {(byte) 0xFF, 0, 1}));
        assertThat(value.usedFormatProperty().get()).isEqualTo("Hex");
        assertThat(value.fallbackProperty().get()).as("Auto chose hex; nothing was refused").isEmpty();
    }

    @Test
    void aTwentyMegabyteValueIsRenderedTruncatedThenLoadAllRendersTheRestPageByPage() {
        byte[] big = bigText(20 << 20);
        selected.set(record(utf8("k"), big));
        ValueViewModel value = model.value();
        assertThat(value.truncatedProperty().get()).isTrue();
        assertThat(value.text()).hasSize(ValueViewModel.PREVIEW_CHARS);
        assertThat(value.pageTextProperty().get().length()).isLessThanOrEqualTo(ValueViewModel.PAGE_CHARS);
        assertThat(value.noteProperty().get()).isEqualTo("Showing the first 1,048,576 characters of 20.0 MB");
        assertThat(value.canLoadAllProperty().get()).isTrue();
        int pages = value.pageCountProperty().get();
        assertThat(pages).isGreaterThan(30);
        value.nextPage();
        assertThat(value.pageProperty().get()).isEqualTo(1);
        assertThat(value.pageTextProperty().get()).startsWith("the quick").as("pages break after a line").isNotEmpty();

        value.loadAll();
        assertThat(value.text()).hasSize(20 << 20);
        assertThat(value.truncatedProperty().get()).isFalse();
        assertThat(value.canLoadAllProperty().get()).isFalse();
        assertThat(value.pageProperty().get()).as("back to the first page").isZero();
        assertThat(value.pageTextProperty().get().length()).isLessThanOrEqualTo(ValueViewModel.PAGE_CHARS);

        value.formatProperty().set("Hex");
        assertThat(value.text().length()).isLessThanOrEqualTo(ValueViewModel.PREVIEW_CHARS);
        assertThat(value.truncatedProperty().get()).as("a format change starts from the preview again").isTrue();
    }

    @Test
    void aNewerSelectionCancelsTheRenderOfTheOlderOne() {
        executor.holdWork();
        selected.set(text("first", "first value"));
        selected.set(text("second", "second value"));
        assertThat(model.value().loadingProperty().get()).isTrue();
        executor.runPending();
        assertThat(model.value().text()).isEqualTo("second value");
        assertThat(model.key().text()).isEqualTo("second");
        assertThat(model.value().loadingProperty().get()).isFalse();
    }

    @Test
    void headersShowTextOrHex() {
        selected.set(record(utf8("k"), utf8("v"), new KafkaRecord.RecordHeader("trace-id", utf8("abc")),
                new KafkaRecord.RecordHeader("bin", new byte[] {0, 1, (byte) 0xff}),
                new KafkaRecord.RecordHeader("empty", null)));
        assertThat(model.headers()).containsExactly(
                new RecordDetailModel.HeaderRow("trace-id", "abc", "text"),
                new RecordDetailModel.HeaderRow("bin", "00 01 ff", "hex"),
                new RecordDetailModel.HeaderRow("empty", "", "null"));
        List<String> copied = new ArrayList<>();
        model.copyHeaders(copied::add);
        assertThat(copied).containsExactly("trace-id: abc\nbin: 00 01 ff\nempty: null\n");
    }

    @Test
    void metadataInTheDisplayZoneAndHonestAboutWhatIsUnknown() {
        selected.set(record(utf8("key"), utf8("value!"), new KafkaRecord.RecordHeader("h", utf8("1"))));
        assertThat(model.metadata()).contains(
                new RecordDetailModel.Field("Topic", "orders"),
                new RecordDetailModel.Field("Partition", "2"),
                new RecordDetailModel.Field("Offset", "42"),
                new RecordDetailModel.Field("Timestamp", "2025-11-25 11:00:00.123 +01:00 (CreateTime)"),
                new RecordDetailModel.Field("Leader epoch", "unknown"),
                new RecordDetailModel.Field("Key size", "3 B"),
                new RecordDetailModel.Field("Value size", "6 B"),
                new RecordDetailModel.Field("Total size", "11 B (key, value and headers)"),
                new RecordDetailModel.Field("Compression", "not reported by the consumer"));
        time.utcProperty().set(true);
        assertThat(model.metadata()).contains(new RecordDetailModel.Field("Timestamp", "2025-11-25 10:00:00.123 UTC (CreateTime)"));
        assertThat(model.titleProperty().get()).isEqualTo("orders · partition 2 · offset 42");

        selected.set(null);
        assertThat(model.metadata()).isEmpty();
        assertThat(model.value().pageTextProperty().get()).isEmpty();
        assertThat(model.titleProperty().get()).isEqualTo("No record selected");
    }

    @Test
    void copiesTheWholeValueAndTheRecordAsItsJsonLine() {
        byte[] big = bigText(3 << 20);
        KafkaRecord r = record(binary(5), big, new KafkaRecord.RecordHeader("h", utf8("x")));
        selected.set(r);
        List<String> copied = new ArrayList<>();
        model.copyValue(copied::add);
        assertThat(copied.get(0)).as("the copy is not cut at the preview").hasSize(3 << 20);
        model.copyRecord(copied::add);
        assertThat(copied.get(1)).isEqualTo(RecordJson.toLine(r).stripTrailing());
        assertThat(model.noticeProperty().get()).startsWith("Copied record as JSON");
        model.copyKey(copied::add);
        assertThat(copied.get(2)).isEqualTo("00000000  00 0a 11 18 1f                                    |.....|\n");
    }
}
