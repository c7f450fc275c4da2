package io.mirador.ui.page.messages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.ResultSpool;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.cluster.record.filter.Filter;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.BackgroundTask;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.task.TaskInfo;
import io.mirador.ui.util.Formats;

/**
 * One read of the Messages page, from its start to its end or cancellation; a new read gets a new session.
 *
 * <p>Worker side: {@link #execute} resolves what needs the cluster (the key's partition, the partitions a filter
 * allows), opens the scan and runs it; as the {@link ScanListener} it files each poll's records. A search puts
 * every match in its {@link ResultSpool} (no cap, on disk) and hands the first page (at most {@code pageSize}
 * records and {@code pageBytes} bytes, contiguous from match 0, so the next page starts right after it) to the UI
 * through {@link #pending()}. A live tail hands everything to the bounded {@link #pending()} buffer.
 *
 * <p>Threading: the listener methods and {@code execute} run on the read's worker; {@link #cancel()} on any
 * thread; the rest is read by the UI thread's tick. Handing over goes through {@link PendingRecords} and volatile
 * fields only.
 */
final class ReadSession implements ScanListener {

    enum Kind { SEARCH, TAIL }

    /** What to read: the form's spec (with the filter's predicate), the compiled filter, the key to find. */
    record Request(String cluster, ReadSpec spec, Filter filter, byte[] key, String description) {
    }

    private final Kind kind;
    private final Request request;
    private final ResultSpool spool;
    private final PendingRecords pending;
    private final int pageSize;
    /** Worker only: what may still go to the first page; once a record does not fit, nothing more does. */
    private long firstPageLeft;
    private long firstPageBytesLeft;
    private volatile ScanProgress progress;
    private volatile Integer keyPartition;
    private volatile boolean nothingToScan;
    private volatile boolean cancelled;
    private volatile TaskExecutor.Progress taskProgress = (f, m) -> { };
    /** Guarded by this: the scan once opened, so a cancel that comes first still reaches it. */
    private ScanFactory.Scan scan;
    /** UI thread: the executor's handle, to drop the callbacks of a cancelled read. */
    private BackgroundTask task;

    ReadSession(Kind kind, Request request, int pageSize, long pageBytes, int tailCapacity, long tailBytes) {
        this.kind = kind;
        this.request = request;
        this.pageSize = pageSize;
        this.firstPageLeft = pageSize;
        this.firstPageBytesLeft = pageBytes;
        if (kind == Kind.SEARCH) {
            spool = new ResultSpool();
            // The worker already bounds the first page, so this never drops.
            pending = new PendingRecords(pageSize, Long.MAX_VALUE);
        } else {
            spool = null;
            pending = new PendingRecords(tailCapacity, tailBytes);
        }
    }

    Kind kind() {
        return kind;
    }

    Request request() {
        return request;
    }

    /** The search's results; null for a live tail. Closed by the owner when the session is dropped. */
    ResultSpool spool() {
        return spool;
    }

    PendingRecords pending() {
        return pending;
    }

    /** The latest progress; null before the first poll. */
    ScanProgress progress() {
        return progress;
    }

    /** The partition the key of "find by key" goes to, once known; null otherwise. */
    Integer keyPartition() {
        return keyPartition;
    }

    /** True when the filter rules out every chosen partition: the read ended without scanning. */
    boolean nothingToScan() {
        return nothingToScan;
    }

    boolean isCancelled() {
        return cancelled;
    }

    void task(BackgroundTask handle) {
        task = handle;
    }

    /** Stops the read; its records and callbacks are ignored from now on. Any thread; idempotent. */
    void cancel() {
        cancelled = true;
        ScanFactory.Scan open;
        synchronized (this) {
            open = scan;
        }
        if (open != null) {
            open.cancel();
        }
        BackgroundTask handle = task;
        if (handle != null) {
            handle.cancel();
        }
    }

    /** Runs the read on the calling worker thread. */
    ScanProgress execute(RecordSource source, ScanFactory scans, TaskExecutor.Progress progressSink) {
        taskProgress = progressSink;
        ReadSpec spec = request.spec();
        Optional<Set<Integer>> filterPartitions = request.filter() == null ? Optional.empty()
                : request.filter().partitions();
        if (request.key() != null || filterPartitions.isPresent()) {
            int count = source.partitions(request.cluster(), spec.topic());
            if (request.key() != null) {
                spec = spec.forKey(request.key(), count);
                keyPartition = spec.partitions().iterator().next();
            }
            if (filterPartitions.isPresent()) {
                Set<Integer> allowed = spec.partitions().isEmpty()
                        ? IntStream.range(0, count).boxed().collect(Collectors.toSet())
                        : new HashSet<>(spec.partitions());
                allowed.retainAll(filterPartitions.get());
                if (allowed.isEmpty()) {
                    nothingToScan = true;
                    return new ScanProgress(0, 0, 0, 0, 0);
                }
                spec = spec.withPartitions(allowed);
            }
        }
        ScanFactory.Scan opened = scans.open(request.cluster(), spec, this);
        synchronized (this) {
            scan = opened;
        }
        if (cancelled) {
            opened.cancel();
        }
        return opened.run();
    }

    @Override
    public void onRecords(List<KafkaRecord> batch) {
        if (cancelled) {
            return;
        }
        if (spool == null) {
            pending.offer(batch);
            return;
        }
        spool.append(batch);
        if (firstPageLeft <= 0) {
            return;
        }
        List<KafkaRecord> page = new ArrayList<>();
        for (KafkaRecord record : batch) {
            boolean first = firstPageLeft == pageSize;
            if (firstPageLeft <= 0 || (!first && record.size() > firstPageBytesLeft)) {
                firstPageLeft = 0;
                break;
            }
            page.add(record);
            firstPageLeft--;
            firstPageBytesLeft -= record.size();
        }
        if (!page.isEmpty()) {
            pending.offer(page);
        }
    }

    @Override
    public void onProgress(ScanProgress latest) {
        progress = latest;
        double fraction = latest.fraction();
        taskProgress.update(fraction < 0 ? TaskInfo.INDETERMINATE : fraction,
                Formats.count(latest.scanned()) + " records scanned");
    }
}
