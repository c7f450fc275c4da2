package io.mirador.ui.page.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ResultSpool;
import io.mirador.ui.task.Messages;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The records the table shows, and for a search which part of its {@link ResultSpool} they are.
 *
 * <p>Invariants: {@link #items()} is always sorted by {@link #ORDER} (timestamp, then partition, then offset);
 * it holds at most a page (a search) or the tail's capacity (a live tail), and at most about {@code maxBytes} of
 * records, so memory stays bounded however many records match. A search page is a contiguous run of the spool
 * (matches in the order they were read) sorted for display: {@code [start, start + items.size())}. Order across
 * pages is the read's, not the timestamp's — a spool of millions is not sorted.
 *
 * <p>Threading: UI thread. Pages are read from the spool on a worker; a page that arrives after the window moved
 * on (another page asked for, a new read) is dropped.
 */
final class ResultsWindow {

    /** Display order: timestamp, then partition, then offset. */
    static final Comparator<KafkaRecord> ORDER = Comparator.comparingLong(KafkaRecord::timestamp)
            .thenComparingInt(KafkaRecord::partition).thenComparingLong(KafkaRecord::offset);

    /** Beyond this many separate insertion points a batch replaces the list in one change instead. */
    private static final int MAX_INSERT_RUNS = 32;
    /** Records read from the spool at once when paging; adapted down for big records. */
    private static final int CHUNK = 256;

    private final TaskExecutor executor;
    private final ObservableList<KafkaRecord> items = FXCollections.observableArrayList();
    private final ObservableList<KafkaRecord> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private long bytes;
    private ResultSpool spool;
    private long start;
    private long spoolSize;
    /** True while the window shows the search's first page as it fills: new first-page records are merged in. */
    private boolean following;
    /** Bumped whenever the window changes meaning; a page read for an older generation is dropped. */
    private long generation;
    private boolean loading;

    ResultsWindow(TaskExecutor executor) {
        this.executor = executor;
    }

    ObservableList<KafkaRecord> items() {
        return itemsView;
    }

    /** Empties the window and forgets the spool (its owner closes it). */
    void clear() {
        generation++;
        spool = null;
        start = 0;
        spoolSize = 0;
        following = false;
        loading = false;
        bytes = 0;
        items.clear();
        update();
    }

    /** Shows the first page of a new search, filled as its matches arrive. */
    void attach(ResultSpool results) {
        clear();
        spool = results;
        following = true;
        update();
    }

    /** Whether the window shows a search's results (paging applies) rather than a tail. */
    boolean isSearch() {
        return spool != null;
    }

    /** The search found this many matches so far. */
    void spoolSize(long size) {
        spoolSize = size;
        update();
    }

    /** Adds first-page records of a search; ignored once the user paged away. */
    void firstPage(List<KafkaRecord> records) {
        if (following && !records.isEmpty()) {
            add(records);
            update();
        }
    }

    /** Adds a tail's records, then drops the oldest beyond {@code maxRecords} and {@code maxBytes}. */
    void tail(List<KafkaRecord> records, int maxRecords, long maxBytes) {
        if (!records.isEmpty()) {
            add(records);
        }
        int drop = 0;
        long kept = bytes;
        while (items.size() - drop > 1 && (items.size() - drop > maxRecords || kept > maxBytes)) {
            kept -= items.get(drop).size();
            drop++;
        }
        if (drop > 0) {
            items.remove(0, drop);
            bytes = kept;
        }
        update();
    }

    long bytes() {
        return bytes;
    }

    /** Merges {@code records} in display order, in as few list changes as possible (the table keeps its selection). */
    private void add(List<KafkaRecord> records) {
        List<KafkaRecord> batch = new ArrayList<>(records);
        batch.sort(ORDER);
        for (KafkaRecord r : batch) {
            bytes += r.size();
        }
        if (items.isEmpty() || ORDER.compare(batch.get(0), items.get(items.size() - 1)) >= 0) {
            items.addAll(batch);
            return;
        }
        // Runs of the batch that go into the same gap of the list, found from the end so indexes stay valid.
        List<int[]> runs = new ArrayList<>();
        int end = batch.size();
        while (end > 0) {
            int at = insertionPoint(batch.get(end - 1));
            int begin = end - 1;
            while (begin > 0 && insertionPoint(batch.get(begin - 1)) == at) {
                begin--;
            }
            runs.add(new int[] {at, begin, end});
            end = begin;
            if (runs.size() > MAX_INSERT_RUNS) {
                List<KafkaRecord> merged = new ArrayList<>(items.size() + batch.size());
                merged.addAll(items);
                merged.addAll(batch);
                merged.sort(ORDER);
                items.setAll(merged);
                return;
            }
        }
        for (int[] run : runs) {
            items.addAll(run[0], batch.subList(run[1], run[2]));
        }
    }

    /** Index after every item that sorts at or before {@code r}. */
    private int insertionPoint(KafkaRecord r) {
        int found = Collections.binarySearch(items, r, ORDER);
        return found >= 0 ? found + 1 : -found - 1;
    }

    void nextPage(int pageSize, long maxBytes) {
        if (canNext.get()) {
            load(start + items.size(), true, pageSize, maxBytes);
        }
    }

    void previousPage(int pageSize, long maxBytes) {
        if (canPrevious.get()) {
            load(start, false, pageSize, maxBytes);
        }
    }

    ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    /** E.g. "Matches 10,001–20,000 of 54,321"; empty for a tail or no read. */
    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    long start() {
        return start;
    }

    /** Reads the page after {@code from} (forward) or before it (backward) off the UI thread, then shows it. */
    private void load(long from, boolean forward, int pageSize, long maxBytes) {
        ResultSpool results = spool;
        long wanted = ++generation;
        following = false;
        loading = true;
        update();
        executor.submit("Reading search results", () -> forward ? forward(results, from, pageSize, maxBytes)
                        : backward(results, from, pageSize, maxBytes),
                page -> {
                    if (wanted == generation) {
                        loading = false;
                        show(page);
                    }
                },
                failure -> {
                    if (wanted == generation) {
                        loading = false;
                        text.set("Could not read results: " + Messages.oneLine(failure));
                    }
                });
    }

    private void show(Page page) {
        List<KafkaRecord> sorted = new ArrayList<>(page.records());
        sorted.sort(ORDER);
        start = page.start();
        bytes = sorted.stream().mapToLong(KafkaRecord::size).sum();
        items.setAll(sorted);
        update();
    }

    private void update() {
        canPrevious.set(spool != null && !loading && start > 0);
        canNext.set(spool != null && !loading && start + items.size() < spoolSize);
        if (spool == null) {
            text.set("");
        } else if (spoolSize == 0) {
            text.set("No matches");
        } else if (items.isEmpty()) {
            text.set(Formats.count(spoolSize) + " matches");
        } else {
            text.set("Matches " + Formats.count(start + 1) + "–" + Formats.count(start + items.size()) + " of "
                    + Formats.count(spoolSize));
        }
    }

    /** A run of the spool: the records at {@code [start, start + records.size())}. */
    record Page(long start, List<KafkaRecord> records) {
    }

    /** At most {@code pageSize} records and about {@code maxBytes} from {@code from} on. Worker thread. */
    static Page forward(ResultSpool spool, long from, int pageSize, long maxBytes) {
        List<KafkaRecord> page = new ArrayList<>();
        long bytes = 0;
        long at = from;
        long size = spool.size();
        int chunk = 1;
        while (page.size() < pageSize && at < size) {
            List<KafkaRecord> read = spool.read(at, Math.min(chunk, pageSize - page.size()));
            for (KafkaRecord r : read) {
                if (!page.isEmpty() && bytes + r.size() > maxBytes) {
                    return new Page(from, page);
                }
                page.add(r);
                bytes += r.size();
            }
            at += read.size();
            chunk = nextChunk(bytes, page.size(), maxBytes);
        }
        return new Page(from, page);
    }

    /** At most {@code pageSize} records and about {@code maxBytes} ending just before {@code end}. Worker thread. */
    static Page backward(ResultSpool spool, long end, int pageSize, long maxBytes) {
        List<KafkaRecord> reversed = new ArrayList<>();
        long bytes = 0;
        long at = end;
        int chunk = 1;
        while (reversed.size() < pageSize && at > 0) {
            int count = (int) Math.min(Math.min(chunk, pageSize - reversed.size()), at);
            List<KafkaRecord> read = spool.read(at - count, count);
            for (int i = read.size() - 1; i >= 0; i--) {
                KafkaRecord r = read.get(i);
                if (!reversed.isEmpty() && bytes + r.size() > maxBytes) {
                    Collections.reverse(reversed);
                    return new Page(end - reversed.size(), reversed);
                }
                reversed.add(r);
                bytes += r.size();
            }
            at -= count;
            chunk = nextChunk(bytes, reversed.size(), maxBytes);
        }
        Collections.reverse(reversed);
        return new Page(end - reversed.size(), reversed);
    }

    /** Reads big records few at a time, so one chunk cannot overshoot the byte budget by much. */
    private static int nextChunk(long bytes, int records, long maxBytes) {
        long average = Math.max(1, bytes / Math.max(1, records));
        long room = Math.max(0, maxBytes - bytes);
        return (int) Math.max(1, Math.min(CHUNK, room / average));
    }
}
