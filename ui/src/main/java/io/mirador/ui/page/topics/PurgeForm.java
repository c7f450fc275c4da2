package io.mirador.ui.page.topics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mirador.cluster.topic.PartitionDetail;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which records of a topic to delete: all of them, or those before an offset in chosen partitions. A partition
 * whose offset is left blank is not touched. Offsets are checked against the latest offsets known when the form
 * was made; the broker checks again against the real ones.
 */
public final class PurgeForm extends Form {

    /** One partition; {@code earliest} and {@code latest} are -1 when unknown. */
    public static final class Row {
        private final int partition;
        private final long earliest;
        private final long latest;
        private final StringProperty before = new SimpleStringProperty(this, "before", "");

        Row(int partition, long earliest, long latest) {
            this.partition = partition;
            this.earliest = earliest;
            this.latest = latest;
        }

        public int partition() {
            return partition;
        }

        public long earliest() {
            return earliest;
        }

        public long latest() {
            return latest;
        }

        /** Delete the records before this offset; blank leaves the partition alone. */
        public StringProperty beforeProperty() {
            return before;
        }
    }

    private final String topic;
    private final BooleanProperty all = new SimpleBooleanProperty(this, "all", true);
    private final ObservableList<Row> rows = FXCollections.observableArrayList(row -> new Observable[] {row.before});

    /**
     * @param partitions the topic's partitions with their offsets when known (the open detail), else empty
     * @param count      the topic's partition count, used when {@code partitions} is empty
     */
    public PurgeForm(String topic, List<PartitionDetail> partitions, int count) {
        this.topic = topic;
        if (partitions.isEmpty()) {
            for (int p = 0; p < count; p++) {
                rows.add(new Row(p, -1, -1));
            }
        } else {
            partitions.forEach(p -> rows.add(new Row(p.partition(), p.earliestOffset(), p.latestOffset())));
        }
        watch(all, rows);
    }

    /**
     * The offsets read after the form opened (the detail was not open): every row gets them, what was typed stays.
     */
    void offsetsRead(List<PartitionDetail> partitions) {
        Map<Integer, String> typed = new TreeMap<>();
        rows.forEach(row -> typed.put(row.partition, row.before.get()));
        rows.setAll(partitions.stream().map(p -> {
            Row row = new Row(p.partition(), p.earliestOffset(), p.latestOffset());
            row.before.set(typed.getOrDefault(p.partition(), ""));
            return row;
        }).toList());
    }

    public String topic() {
        return topic;
    }

    /** True: delete every record; false: per partition, up to the offsets of {@link #rows()}. */
    public BooleanProperty allProperty() {
        return all;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Partition to "delete before" offset, for the rows filled in. Valid forms only. */
    Map<Integer, Long> offsets() {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Row row : rows) {
            if (!isBlank(row.before.get())) {
                offsets.put(row.partition, parseLong(row.before.get(), 0));
            }
        }
        return offsets;
    }

    @Override
    protected String check() {
        if (all.get()) {
            return "";
        }
        boolean any = false;
        for (Row row : rows) {
            if (isBlank(row.before.get())) {
                continue;
            }
            any = true;
            Long offset = parseLong(row.before.get(), 0);
            if (offset == null) {
                return "Partition " + row.partition + ": '" + row.before.get().trim() + "' is not an offset.";
            }
            if (row.latest >= 0 && offset > row.latest) {
                return "Partition " + row.partition + " ends at offset " + row.latest + "; purge up to at most that.";
            }
        }
        return any ? "" : "Enter an offset for at least one partition, or purge all records.";
    }
}
