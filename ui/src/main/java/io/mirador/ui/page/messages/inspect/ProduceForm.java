package io.mirador.ui.page.messages.inspect;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.RecordJson;
import io.mirador.ui.page.FormModel;
import io.mirador.ui.service.ConnectionEntry;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import io.mirador.ui.util.TimeDisplay;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.TimestampType;

/**
 * The produce dialog's fields and commands: one record (key, value, headers, optional partition and timestamp)
 * sent N times, or a JSON-lines file. {@link #prefill(KafkaRecord)} fills it from a record for "Re-send"; a key or
 * value that is binary or over {@link #EDITABLE_BYTES} is kept as bytes instead of being put in a text field.
 *
 * <p>A value marked JSON, or starting with { or [, must parse; {@link #jsonProblemProperty()} says where it breaks.
 * An empty key field means no key (null). Threading: UI thread; sending runs on the executor's workers.
 */
public final class ProduceForm extends FormModel {

    /** Keys and values up to this size are put in the text fields by a re-send; larger ones are kept as bytes. */
    public static final int EDITABLE_BYTES = 256 * 1024;
    public static final int MAX_REPEAT = 100_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss][.SSS]");

    /** One header to send; {@code base64} means the value field holds Base64 of binary bytes. */
    public static final class HeaderEntry {
        private final StringProperty name = new SimpleStringProperty(this, "name", "");
        private final StringProperty value = new SimpleStringProperty(this, "value", "");
        private final BooleanProperty base64 = new SimpleBooleanProperty(this, "base64", false);

        public StringProperty nameProperty() {
            return name;
        }

        public StringProperty valueProperty() {
            return value;
        }

        public BooleanProperty base64Property() {
            return base64;
        }

        boolean isBlank() {
            return isBlank(name.get()) && isBlank(value.get());
        }

        private static boolean isBlank(String s) {
            return s == null || s.isEmpty();
        }
    }

    private final ClusterTopic target;
    private final RecordSource source;
    private final TimeDisplay time;
    private final Transfer transfer;
    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final BooleanProperty valueIsJson = new SimpleBooleanProperty(this, "valueIsJson", false);
    private final BooleanProperty tombstone = new SimpleBooleanProperty(this, "tombstone", false);
    private final StringProperty partition = new SimpleStringProperty(this, "partition", "");
    private final StringProperty timestamp = new SimpleStringProperty(this, "timestamp", "");
    private final StringProperty repeat = new SimpleStringProperty(this, "repeat", "1");
    private final ObservableList<HeaderEntry> headers =
            FXCollections.observableArrayList(h -> new Observable[] {h.name, h.value, h.base64});
    private final ReadOnlyObjectWrapper<byte[]> keptKey = new ReadOnlyObjectWrapper<>(this, "keptKey", null);
    private final ReadOnlyObjectWrapper<byte[]> keptValue = new ReadOnlyObjectWrapper<>(this, "keptValue", null);
    private final ReadOnlyObjectWrapper<JsonCheck.Problem> jsonProblem = new ReadOnlyObjectWrapper<>(this, "jsonProblem");

    /** @param clusters {@code Connections.entries()} */
    public ProduceForm(ObservableList<ConnectionEntry> clusters, RecordSource source, TaskExecutor executor, TimeDisplay time) {
        this.target = new ClusterTopic(clusters, source, executor);
        this.source = source;
        this.time = time;
        this.transfer = new Transfer(executor);
        watch(target.clusterProperty(), target.topicProperty(), key, value, valueIsJson, tombstone, partition,
                timestamp, repeat, headers, keptKey, keptValue);
    }

    /** Sets where to send (the page's cluster and topic); either may be null to leave it. */
    public ProduceForm prefill(String cluster, String topic) {
        if (cluster != null) {
            target.clusterProperty().set(cluster);
        }
        if (topic != null) {
            target.topicProperty().set(topic);
        }
        return this;
    }

    /**
     * Fills key, value and headers from {@code record} for a re-send; the topic becomes the record's topic (change it
     * or the cluster to send elsewhere). Partition and timestamp are left blank: the producer chooses, as for a new
     * record.
     */
    public ProduceForm prefill(KafkaRecord record) {
        target.topicProperty().set(record.topic());
        byte[] k = record.key();
        String keyText = k == null ? "" : editable(k);
        keptKey.set(k != null && keyText == null ? k : null);
        key.set(keyText == null ? "" : keyText);
        byte[] v = record.value();
        tombstone.set(v == null);
        String valueText = v == null ? "" : editable(v);
        keptValue.set(v != null && valueText == null ? v : null);
        value.set(valueText == null ? "" : valueText);
        valueIsJson.set(false);
        partition.set("");
        timestamp.set("");
        repeat.set("1");
        headers.clear();
        for (KafkaRecord.RecordHeader header : record.recordHeaders()) {
            HeaderEntry entry = addHeader(header.key(), "");
            byte[] bytes = header.value();
            String text = bytes == null ? "" : RecordJson.utf8(bytes);
            if (text == null) {
                entry.base64.set(true);
                entry.value.set(Base64.getEncoder().encodeToString(bytes));
            } else {
                entry.value.set(text);
            }
        }
        return this;
    }

    /** The bytes as text when they are small UTF-8, else null (they are kept as bytes). */
    private static String editable(byte[] bytes) {
        return bytes.length <= EDITABLE_BYTES ? RecordJson.utf8(bytes) : null;
    }

    public HeaderEntry addHeader(String name, String headerValue) {
        HeaderEntry entry = new HeaderEntry();
        entry.name.set(name);
        entry.value.set(headerValue);
        headers.add(entry);
        return entry;
    }

    /** Drops the kept key bytes, so the key field is used (empty: no key). */
    public void discardKeptKey() {
        keptKey.set(null);
    }

    public void discardKeptValue() {
        keptValue.set(null);
    }

    /** Sends the record {@code repeat} times; the outcome (or the refusal) becomes the transfer's status. */
    public void send() {
        validate();
        if (!isValid()) {
            return;
        }
        KafkaRecord record = toRecord();
        String cluster = target.clusterName();
        String topic = target.topicName();
        int times = repeatCount();
        transfer.start("Producing to " + topic, control -> source.send(cluster, topic, record, times),
                sent -> describe(sent, topic));
    }

    /** Sends every line of a JSON-lines file (export form) to the topic; partitions and timestamps of lines are kept. */
    public void sendFile(Path file) {
        String problem = target.check();
        if (!problem.isEmpty()) {
            return;
        }
        String cluster = target.clusterName();
        String topic = target.topicName();
        transfer.start("Producing " + file.getFileName() + " to " + topic,
                control -> JsonLinesFile.send(source, cluster, topic, file, true, control),
                count -> "Sent " + Formats.count(count) + (count == 1 ? " record" : " records") + " from "
                        + file.getFileName() + " to " + topic + ".");
    }

    public void cancel() {
        transfer.cancel();
    }

    private static String describe(List<RecordMetadata> sent, String topic) {
        if (sent.isEmpty()) {
            return "Nothing sent.";
        }
        RecordMetadata first = sent.get(0);
        RecordMetadata last = sent.get(sent.size() - 1);
        if (sent.size() == 1) {
            return "Sent 1 record to " + topic + ", partition " + first.partition() + ", offset " + first.offset() + ".";
        }
        return "Sent " + Formats.count(sent.size()) + " records to " + topic + " (first: partition " + first.partition()
                + ", offset " + first.offset() + "; last: partition " + last.partition() + ", offset " + last.offset() + ").";
    }

    /** The record to send; valid forms only. Offset and leader epoch are meaningless for a new record: -1. */
    KafkaRecord toRecord() {
        byte[] k = keptKey.get() != null ? keptKey.get()
                : key.get().isEmpty() ? null : key.get().getBytes(StandardCharsets.UTF_8);
        byte[] v = tombstone.get() ? null
                : keptValue.get() != null ? keptValue.get() : value.get().getBytes(StandardCharsets.UTF_8);
        List<KafkaRecord.RecordHeader> list = new ArrayList<>();
        for (HeaderEntry h : headers) {
            if (!h.isBlank()) {
                byte[] bytes = h.base64.get() ? Base64.getDecoder().decode(h.value.get().trim())
                        : h.value.get().getBytes(StandardCharsets.UTF_8);
                list.add(new KafkaRecord.RecordHeader(h.name.get().trim(), bytes));
            }
        }
        int p = isBlank(partition.get()) ? -1 : Integer.parseInt(partition.get().trim());
        long ts = parseTimestamp(timestamp.get()).orElse(-1L);
        return new KafkaRecord(target.topicName(), p, -1, ts, TimestampType.CREATE_TIME, k, v, list, -1);
    }

    @Override
    protected String check() {
        String where = target.check();
        if (!where.isEmpty()) {
            jsonProblem.set(null);
            return where;
        }
        JsonCheck.Problem json = jsonCheck();
        jsonProblem.set(json);
        if (json != null) {
            return "The value is not valid JSON: " + json.describe() + ".";
        }
        for (HeaderEntry h : headers) {
            if (h.isBlank()) {
                continue;
            }
            if (isBlank(h.name.get())) {
                return "A header needs a name.";
            }
            if (h.base64.get()) {
                try {
                    Base64.getDecoder().decode(h.value.get().trim());
                } catch (IllegalArgumentException e) {
                    return "Header " + h.name.get().trim() + " is marked Base64 but is not: " + e.getMessage() + ".";
                }
            }
        }
        if (!isBlank(partition.get())) {
            try {
                if (Integer.parseInt(partition.get().trim()) < 0) {
                    return "Partition must be 0 or more (or blank to let the key decide).";
                }
            } catch (NumberFormatException e) {
                return "Partition must be a whole number (or blank to let the key decide).";
            }
        }
        if (!isBlank(timestamp.get()) && parseTimestamp(timestamp.get()).isEmpty()) {
            return "Timestamp must look like 2026-11-25 10:15:30 (" + time.zoneLabel()
                    + ") or be epoch milliseconds, or be blank for now.";
        }
        int times = repeatCount();
        if (times < 1 || times > MAX_REPEAT) {
            return "Send it 1 to " + Formats.count(MAX_REPEAT) + " times.";
        }
        return "";
    }

    /** The JSON problem of the value when it must be JSON (marked, or starting with { or [), else null. */
    private JsonCheck.Problem jsonCheck() {
        if (tombstone.get() || keptValue.get() != null) {
            return null;
        }
        String text = value.get() == null ? "" : value.get();
        String start = text.stripLeading();
        boolean mustBeJson = valueIsJson.get() || start.startsWith("{") || start.startsWith("[");
        return mustBeJson ? JsonCheck.check(text).orElse(null) : null;
    }

    private int repeatCount() {
        try {
            return Integer.parseInt(repeat.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            return -1;
        }
    }

    /** Epoch milliseconds, or a date-time in the display's zone ("2026-11-25 10:15[:30[.123]]"). */
    Optional<Long> parseTimestamp(String text) {
        if (isBlank(text)) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(t, TIMESTAMP).atZone(time.zone()).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public ClusterTopic target() {
        return target;
    }

    public Transfer transfer() {
        return transfer;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public BooleanProperty valueIsJsonProperty() {
        return valueIsJson;
    }

    /** Send a null value (a delete marker on compacted topics). */
    public BooleanProperty tombstoneProperty() {
        return tombstone;
    }

    public StringProperty partitionProperty() {
        return partition;
    }

    /** Blank for now, epoch milliseconds, or a date-time in {@link TimeDisplay}'s zone. */
    public StringProperty timestampProperty() {
        return timestamp;
    }

    public StringProperty repeatProperty() {
        return repeat;
    }

    public ObservableList<HeaderEntry> headers() {
        return headers;
    }

    /** A key kept as bytes from a re-send (binary or large); null when the key field is used. */
    public ReadOnlyObjectProperty<byte[]> keptKeyProperty() {
        return keptKey.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<byte[]> keptValueProperty() {
        return keptValue.getReadOnlyProperty();
    }

    /** Where the value stops being JSON, when it must be JSON; null otherwise. */
    public ReadOnlyObjectProperty<JsonCheck.Problem> jsonProblemProperty() {
        return jsonProblem.getReadOnlyProperty();
    }

    /** The zone timestamps are typed in, e.g. "UTC". */
    public String zoneLabel() {
        return time.zoneLabel();
    }
}
