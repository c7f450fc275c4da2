package io.mirador.ui.page.messages.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.RecordJson;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.common.record.TimestampType;

/**
 * What the record detail shows for the selected record: key and value viewers, headers, metadata, and the copy
 * commands. Follows the {@code record} it is given (the Messages page's selection); a new selection cancels the
 * renders of the previous one. Holds no Node.
 *
 * <p>Threading: UI thread only; rendering and building large copies run on the executor's workers.
 */
public final class RecordDetailModel {

    /** Characters of a header value shown in the table; the copy has them all. */
    static final int HEADER_CHARS = 1024;

    /** One header as shown: its value as text when it is UTF-8, else as hex. */
    public record HeaderRow(String name, String value, String encoding) {
    }

    /** One line of the metadata list. */
    public record Field(String name, String value) {
    }

    private final ValueRenderer renderer;
    private final TaskExecutor executor;
    private final TimeDisplay time;
    private final ValueViewModel key;
    private final ValueViewModel value;
    private final ReadOnlyObjectWrapper<KafkaRecord> record = new ReadOnlyObjectWrapper<>(this, "record", null);
    private final ObservableList<HeaderRow> headers = FXCollections.observableArrayList();
    private final ObservableList<Field> metadata = FXCollections.observableArrayList();
    private final ObservableList<HeaderRow> headersView = FXCollections.unmodifiableObservableList(headers);
    private final ObservableList<Field> metadataView = FXCollections.unmodifiableObservableList(metadata);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No record selected");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public RecordDetailModel(ObservableValue<KafkaRecord> selected, ValueRenderer renderer, TaskExecutor executor,
                             TimeDisplay time) {
        this.renderer = renderer;
        this.executor = executor;
        this.time = time;
        this.key = new ValueViewModel("key", renderer, executor);
        this.value = new ValueViewModel("value", renderer, executor);
        // By identity, not equals: records are equal by topic, partition and offset, and a record with the same
        // coordinates (another cluster, re-read after a topic was recreated) must still be shown afresh.
        selected.addListener((javafx.beans.InvalidationListener) obs -> {
            KafkaRecord now = selected.getValue();
            if (now != record.get()) {
                show(now);
            }
        });
        time.zoneProperty().addListener((obs, old, now) -> metadata.setAll(fields(record.get())));
        show(selected.getValue());
    }

    private void show(KafkaRecord shown) {
        record.set(shown);
        notice.set("");
        boolean present = shown != null;
        key.show(present ? shown.key() : null, present);
        value.show(present ? shown.value() : null, present);
        headers.setAll(present ? headerRows(shown) : List.of());
        metadata.setAll(fields(shown));
        title.set(present ? shown.topic() + " · partition " + shown.partition() + " · offset " + shown.offset()
                : "No record selected");
    }

    private List<HeaderRow> headerRows(KafkaRecord shown) {
        List<HeaderRow> rows = new ArrayList<>();
        for (KafkaRecord.RecordHeader header : shown.recordHeaders()) {
            byte[] bytes = header.value();
            if (bytes == null) {
                rows.add(new HeaderRow(header.key(), "", "null"));
                continue;
            }
            // Header values are small by habit, not by rule: render only what the table can show.
            ValueRenderer.Rendered text = renderer.render(bytes, BasicValueRenderer.TEXT, HEADER_CHARS);
            boolean isText = BasicValueRenderer.strictPrefix(bytes, HEADER_CHARS) != null
                    && BasicValueRenderer.printable(text.text());
            ValueRenderer.Rendered shownAs = isText ? text : BasicValueRenderer.hexInline(bytes, HEADER_CHARS);
            rows.add(new HeaderRow(header.key(), shownAs.text() + (shownAs.truncated() ? "…" : ""),
                    isText ? "text" : "hex"));
        }
        return rows;
    }

    private List<Field> fields(KafkaRecord shown) {
        if (shown == null) {
            return List.of();
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Topic", shown.topic()));
        fields.add(new Field("Partition", Integer.toString(shown.partition())));
        fields.add(new Field("Offset", Long.toString(shown.offset())));
        String type = shown.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? "no timestamp type"
                : shown.timestampType().name;
        fields.add(new Field("Timestamp", time.format(shown.timestamp()) + " " + time.zoneLabel() + " (" + type + ")"));
        fields.add(new Field("Leader epoch", shown.leaderEpoch() < 0 ? "unknown" : Integer.toString(shown.leaderEpoch())));
        fields.add(new Field("Key size", shown.key() == null ? "null" : Formats.bytes(shown.key().length)));
        fields.add(new Field("Value size", shown.value() == null ? "null (tombstone)" : Formats.bytes(shown.value().length)));
        fields.add(new Field("Headers", shown.recordHeaders().size() + (shown.recordHeaders().size() == 1 ? " header" : " headers")));
        fields.add(new Field("Total size", Formats.bytes(shown.size()) + " (key, value and headers)"));
        // The consumer decompresses batches and does not say how they were compressed.
        fields.add(new Field("Compression", "not reported by the consumer"));
        return fields;
    }

    /** The key in the format in use, whole (up to {@link ValueViewModel#LOAD_ALL_CHARS}); UI thread. */
    public void copyKey(Consumer<String> onReady) {
        key.copy(text -> copied(onReady, text, "key"), notice::set);
    }

    public void copyValue(Consumer<String> onReady) {
        value.copy(text -> copied(onReady, text, "value"), notice::set);
    }

    /** Headers as {@code name: value} lines, binary values as hex. */
    public void copyHeaders(Consumer<String> onReady) {
        KafkaRecord shown = record.get();
        if (shown == null) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (KafkaRecord.RecordHeader header : shown.recordHeaders()) {
            byte[] bytes = header.value();
            String text = bytes == null ? "null" : RecordJson.utf8(bytes);
            out.append(header.key()).append(": ")
                    .append(text != null ? text : BasicValueRenderer.hexInline(bytes, Integer.MAX_VALUE / 4).text())
                    .append('\n');
        }
        copied(onReady, out.toString(), "headers");
    }

    /** The record as one JSON line (the export form), built on a worker since the value may be 20 MB. */
    public void copyRecord(Consumer<String> onReady) {
        KafkaRecord shown = record.get();
        if (shown == null) {
            return;
        }
        executor.submit("Copying record", () -> RecordJson.toLine(shown).stripTrailing(),
                text -> {
                    if (shown.equals(record.get())) {
                        copied(onReady, text, "record as JSON");
                    }
                },
                failure -> notice.set("Could not copy the record: " + Messages.oneLine(failure)));
    }

    private void copied(Consumer<String> onReady, String text, String what) {
        onReady.accept(text);
        notice.set("Copied " + what + " (" + Formats.count(text.length()) + " characters).");
    }

    public ValueViewModel key() {
        return key;
    }

    public ValueViewModel value() {
        return value;
    }

    public ReadOnlyObjectProperty<KafkaRecord> recordProperty() {
        return record.getReadOnlyProperty();
    }

    public ObservableList<HeaderRow> headers() {
        return headersView;
    }

    public ObservableList<Field> metadata() {
        return metadataView;
    }

    /** "orders · partition 2 · offset 42", or "No record selected". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The outcome of the last copy, one line. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
