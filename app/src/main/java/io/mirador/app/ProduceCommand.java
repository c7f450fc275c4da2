package io.mirador.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import io.mirador.cluster.ClusterException;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.RecordWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mirador produce}: one record per stdin line. {@code --format json} lines are records in the export form
 * ({@code {"key":"k","value":"v","headers":[...]}}); {@code text} lines are values, with an optional key before
 * {@code --key-separator}. {@code auto} (the default) takes a line as a record when it is a JSON object with a
 * {@code value} or {@code valueBase64} field, else as text.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Write stdin lines to a topic: JSON record lines or plain values.")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions cluster = new ConnectionOptions();

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String topic;

    @Option(names = "--format", paramLabel = "auto|json|text", description = "How to read lines (default: auto).")
    String format = "auto";

    @Option(names = {"-K", "--key-separator"}, paramLabel = "SEP",
            description = "In text lines, the key is what comes before the first SEP.")
    String keySeparator;

    @Override
    public Integer call() throws Exception {
        if (!List.of("auto", "json", "text").contains(format)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be auto, json or text, not " + format);
        }
        PrintWriter err = spec.commandLine().getErr();
        long written = 0;
        long lineNumber = 0;
        // The first line of the JSON lines gathered in jsonLines, for messages that name a line of the input.
        long jsonFirstLine = 1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
             RecordWriter writer = new RecordWriter(cluster.connection(spec))) {
            StringBuilder jsonLines = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (isRecordLine(line)) {
                    if (jsonLines.length() == 0) {
                        jsonFirstLine = lineNumber;
                    }
                    jsonLines.append(line).append('\n');
                } else {
                    written += flush(writer, jsonLines, jsonFirstLine, written);
                    try {
                        writer.send(topic, textRecord(line), 1);
                    } catch (ClusterException e) {
                        throw new ClusterException("line " + lineNumber + ": " + e.getMessage() + " (" + written
                                + " records before it were written)", e);
                    }
                    written++;
                }
            }
            written += flush(writer, jsonLines, jsonFirstLine, written);
        }
        err.println("produced " + written + " records to " + topic);
        err.flush();
        return 0;
    }

    private long flush(RecordWriter writer, StringBuilder jsonLines, long firstLine, long writtenBefore) {
        if (jsonLines.length() == 0) {
            return 0;
        }
        long n = writer.sendLines(topic, new BufferedReader(new StringReader(jsonLines.toString())), false, c -> { },
                firstLine, writtenBefore);
        jsonLines.setLength(0);
        return n;
    }

    private boolean isRecordLine(String line) {
        if (format.equals("json")) {
            return !line.isBlank();
        }
        if (format.equals("text")) {
            return false;
        }
        String t = line.trim();
        return t.startsWith("{") && t.endsWith("}") && (t.contains("\"value\"") || t.contains("\"valueBase64\""));
    }

    private KafkaRecord textRecord(String line) {
        byte[] key = null;
        String value = line;
        if (keySeparator != null) {
            int at = line.indexOf(keySeparator);
            if (at >= 0) {
                key = line.substring(0, at).getBytes(StandardCharsets.UTF_8);
                value = line.substring(at + keySeparator.length());
            }
        }
        return new KafkaRecord(topic, -1, -1, -1, null, key, value.getBytes(StandardCharsets.UTF_8), List.of(), -1);
    }
}
