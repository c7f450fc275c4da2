package io.mirador.ui.page.messages.inspect;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordCsv;
import io.mirador.cluster.record.RecordJson;
import io.mirador.cluster.record.RecordScan;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import io.mirador.cluster.record.StopAt;
import io.mirador.ui.page.FormModel;
import io.mirador.ui.service.RecordSource;
import io.mirador.ui.task.TaskExecutor;
import io.mirador.ui.util.Formats;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Exports records to a file: the records given (the page's selection) or a whole range read with
 * {@link RecordSource#scan}, as JSON lines (what import reads back) or CSV. Streams to a temporary file next to
 * the target and moves it into place only when complete, so a cancel or a failure never leaves a half file under
 * the chosen name. Threading: UI thread; the writing runs on the executor's workers.
 */
public final class ExportModel extends FormModel {

    public enum Format {
        JSON_LINES("JSON lines (importable)", "jsonl"), CSV("CSV (spreadsheets)", "csv");

        private final String label;
        private final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Writes the records to {@code out} on the worker; returns how many. */
    private interface Feed {
        long write(Writer out, Format format, Transfer.Control control) throws IOException;
    }

    private final String description;
    private final String suggestedName;
    private final Feed feed;
    private final String rangeProblem;
    private final Transfer transfer;
    private final ObjectProperty<Format> format = new SimpleObjectProperty<>(this, "format", Format.JSON_LINES);
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>(this, "target", null);

    private ExportModel(String description, String suggestedName, Feed feed, String rangeProblem, TaskExecutor executor) {
        this.description = description;
        this.suggestedName = suggestedName;
        this.feed = feed;
        this.rangeProblem = rangeProblem;
        this.transfer = new Transfer(executor);
        watch(format, target);
    }

    /** Exports exactly {@code records}, in their order. */
    public static ExportModel ofRecords(List<KafkaRecord> records, TaskExecutor executor) {
        List<KafkaRecord> chosen = List.copyOf(records);
        String topic = chosen.isEmpty() ? "records" : chosen.get(0).topic();
        // The records shown in the table, whatever is selected in it: say so, "selected" misled.
        String what = Formats.count(chosen.size()) + (chosen.size() == 1 ? " record" : " records") + " shown in the table";
        return new ExportModel(what, topic, (out, format, control) -> {
            long written = 0;
            for (KafkaRecord record : chosen) {
                control.checkCancelled("Export cancelled; no file was written.");
                write(record, format, out);
                written++;
                if ((written & 0xff) == 0) {
                    control.progress((double) written / chosen.size(), "Exported " + Formats.count(written) + " of "
                            + Formats.count(chosen.size()) + " records");
                }
            }
            return written;
        }, chosen.isEmpty() ? "The table shows no records: read some first." : "", executor);
    }

    /** Exports what {@code spec} reads on {@code cluster}; the range must end (no live stop). */
    public static ExportModel ofRange(RecordSource source, String cluster, ReadSpec spec, TaskExecutor executor) {
        String what = "topic " + spec.topic() + " on " + cluster + (spec.partitions().isEmpty() ? ", all partitions"
                : ", partitions " + spec.partitions().stream().sorted().toList().toString().replaceAll("[\\[\\]]", ""));
        String problem = spec.stop() instanceof StopAt.Live ? "An export needs an end: choose a stop other than live." : "";
        return new ExportModel(what, spec.topic(), (out, format, control) -> scan(source, cluster, spec, out, format, control),
                problem, executor);
    }

    private static long scan(RecordSource source, String cluster, ReadSpec spec, Writer out, Format format,
                             Transfer.Control control) throws IOException {
        AtomicReference<IOException> writeFailure = new AtomicReference<>();
        AtomicReference<RecordScan> scanRef = new AtomicReference<>();
        RecordScan scan = source.scan(cluster, spec, new ScanListener() {
            @Override
            public void onRecords(List<KafkaRecord> batch) {
                try {
                    for (KafkaRecord record : batch) {
                        write(record, format, out);
                    }
                } catch (UncheckedIOException e) {
                    // Stop the read rather than let the scan report a disk error as a cluster error.
                    writeFailure.compareAndSet(null, e.getCause());
                    scanRef.get().cancel();
                }
            }

            @Override
            public void onProgress(ScanProgress progress) {
                control.progress(progress.fraction(), "Exported " + Formats.count(progress.matched()) + " records ("
                        + Formats.count(progress.scanned()) + " read)");
            }
        });
        scanRef.set(scan);
        control.onCancel(scan::cancel);
        ScanProgress last = scan.run();
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        control.checkCancelled("Export cancelled; no file was written.");
        return last.matched();
    }

    private static void write(KafkaRecord record, Format format, Writer out) {
        if (format == Format.CSV) {
            RecordCsv.write(record, out);
        } else {
            RecordJson.write(record, out);
        }
    }

    /** Starts writing {@link #targetProperty()}; the transfer's status tells how it ended. */
    public void start() {
        validate();
        if (!isValid()) {
            return;
        }
        Path file = target.get().toAbsolutePath();
        Format chosen = format.get();
        transfer.start("Exporting to " + file.getFileName(), control -> writeFile(file, chosen, control),
                count -> "Exported " + Formats.count(count) + (count == 1 ? " record" : " records") + " to " + file + ".");
    }

    public void cancel() {
        transfer.cancel();
    }

    /** Worker thread. */
    private long writeFile(Path file, Format chosen, Transfer.Control control) throws IOException {
        Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        long count;
        try {
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                if (chosen == Format.CSV) {
                    out.write(RecordCsv.HEADER);
                }
                count = feed.write(out, chosen, control);
            }
            control.checkCancelled("Export cancelled; no file was written.");
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return count;
    }

    @Override
    protected String check() {
        if (rangeProblem != null && !rangeProblem.isEmpty()) {
            return rangeProblem;
        }
        if (target.get() == null) {
            return "Choose a file to write.";
        }
        if (Files.isDirectory(target.get())) {
            return target.get() + " is a folder; choose a file.";
        }
        return "";
    }

    /** "12 records shown in the table" or "topic orders on local-a, all partitions". */
    public String description() {
        return description;
    }

    /** A file name to offer, e.g. "orders.jsonl". */
    public String suggestedFileName() {
        return suggestedName + "." + format.get().extension();
    }

    public ObjectProperty<Format> formatProperty() {
        return format;
    }

    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    public Transfer transfer() {
        return transfer;
    }
}
