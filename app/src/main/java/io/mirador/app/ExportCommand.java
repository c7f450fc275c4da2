package io.mirador.app;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordCsv;
import io.mirador.cluster.record.RecordJson;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mirador export}: a range of a topic to a JSON-lines (importable) or CSV file, streamed, with progress on
 * stderr. Written to a temporary file first and moved into place at the end, so an interrupted export never leaves
 * a half file under the requested name.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a topic's records to a JSON-lines or CSV file (keys, values, headers, timestamps; binary as Base64).")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions cluster = new ConnectionOptions();

    @Mixin
    ReadOptions read = new ReadOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "File to write.")
    Path output;

    @Option(names = "--format", paramLabel = "jsonl|csv", description = "jsonl (default; what import reads) or csv.")
    String format = "jsonl";

    @Override
    public Integer call() throws IOException {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be jsonl or csv, not " + format);
        }
        FileOptions.writable(spec, "--output", output);
        if (read.to.equalsIgnoreCase("live") || read.to.equalsIgnoreCase("never")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "an export needs an end: --to cannot be live");
        }
        ReadSpec readSpec = read.spec(spec, Long.MAX_VALUE);
        ClusterConnection connection = cluster.connection(spec);
        readSpec = RecordCommands.withKey(readSpec, read.key, connection);
        Path target = output.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        PrintWriter err = spec.commandLine().getErr();
        boolean csv = format.equals("csv");
        long[] lastReport = {System.nanoTime()};
        ScanProgress last;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
            if (csv) {
                out.write(RecordCsv.HEADER);
            }
            last = RecordCommands.run(connection, readSpec, new ScanListener() {
                @Override
                public void onRecords(List<KafkaRecord> batch) {
                    for (KafkaRecord record : batch) {
                        if (csv) {
                            RecordCsv.write(record, out);
                        } else {
                            RecordJson.write(record, out);
                        }
                    }
                }

                @Override
                public void onProgress(ScanProgress progress) {
                    if (System.nanoTime() - lastReport[0] > 1_000_000_000L) {
                        lastReport[0] = System.nanoTime();
                        err.println(RecordCommands.progressLine(progress));
                        err.flush();
                    }
                }
            });
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        err.println("exported " + last.matched() + " records to " + output);
        err.flush();
        return 0;
    }
}
