package io.mirador.ui.page.messages.inspect;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;

import io.mirador.ui.service.RecordSource;
import io.mirador.ui.util.Formats;

/**
 * Sends a JSON-lines file (the {@code RecordJson} export form) to a topic from a worker thread, for "produce from
 * file" and import: counts the lines first so progress has a total, then streams them through
 * {@link RecordSource#sendLines}; a cancel stops at the next line (records before it are sent already).
 */
final class JsonLinesFile {

    private JsonLinesFile() {
    }

    /** Worker thread. @return the records written */
    static long send(RecordSource source, String cluster, String topic, Path file, boolean keepPartitions,
                     Transfer.Control control) throws IOException {
        long total = countRecords(file, control);
        control.progress(total == 0 ? 1 : 0, "Sending 0 of " + Formats.count(total) + " records to " + topic);
        try (BufferedReader reader = new CancellableReader(Files.newBufferedReader(file, StandardCharsets.UTF_8),
                control, topic)) {
            return source.sendLines(cluster, topic, reader, keepPartitions, sent -> control.progress(
                    total == 0 ? 1 : Math.min(1, (double) sent / total),
                    "Sent " + Formats.count(sent) + " of " + Formats.count(total) + " records to " + topic));
        }
    }

    /** Non-blank lines: what {@code sendLines} will send. */
    static long countRecords(Path file, Transfer.Control control) throws IOException {
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    count++;
                }
                if ((count & 0xffff) == 0) {
                    control.checkCancelled("Cancelled before anything was sent.");
                }
            }
        }
        return count;
    }

    /** Stops {@code sendLines} at the next line once cancelled: it lets runtime exceptions through. */
    private static final class CancellableReader extends BufferedReader {
        private final Transfer.Control control;
        private final String topic;
        private long lines;

        CancellableReader(BufferedReader in, Transfer.Control control, String topic) {
            super(in);
            this.control = control;
            this.topic = topic;
        }

        @Override
        public String readLine() throws IOException {
            if (control.cancelled()) {
                throw new CancellationException("Cancelled: the first " + Formats.count(lines)
                        + " lines of the file were sent to " + topic + ", the rest not.");
            }
            String line = super.readLine();
            if (line != null) {
                lines++;
            }
            return line;
        }
    }
}
