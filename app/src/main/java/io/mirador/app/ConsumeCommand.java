package io.mirador.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.RecordJson;
import io.mirador.cluster.record.ScanListener;
import io.mirador.cluster.record.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mirador consume} (and {@code mirador search}): prints records as JSON lines, kcat style. Search is the
 * same read without a cap and with a progress line on stderr.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Print records of a topic, one JSON object per line (partition, offset, timestamp, key, value, headers).")
class ConsumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions cluster = new ConnectionOptions();

    @Mixin
    ReadOptions read = new ReadOptions();

    @Option(names = {"-n", "--max"}, paramLabel = "N", description = "Stop after N records (default: no limit).")
    long max = Long.MAX_VALUE;

    @Option(names = "--format", paramLabel = "json|text",
            description = "json: one JSON object per record (default); text: the value only, Base64 when binary.")
    String format = "json";

    /** Search prints a progress line on stderr about once a second. */
    boolean progressOnStderr() {
        return false;
    }

    @Override
    public Integer call() {
        if (!format.equals("json") && !format.equals("text")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be json or text, not " + format);
        }
        if (max <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1");
        }
        ReadSpec readSpec = read.spec(spec, max);
        ClusterConnection connection = cluster.connection(spec);
        readSpec = RecordCommands.withKey(readSpec, read.key, connection);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = format.equals("json");
        long[] lastReport = {System.nanoTime()};
        ScanProgress last = RecordCommands.run(connection, readSpec, new ScanListener() {
            @Override
            public void onRecords(List<KafkaRecord> batch) {
                for (KafkaRecord record : batch) {
                    if (json) {
                        RecordJson.write(record, out);
                    } else {
                        out.println(text(record.value()));
                    }
                }
                out.flush();
            }

            @Override
            public void onProgress(ScanProgress progress) {
                if (progressOnStderr() && System.nanoTime() - lastReport[0] > 1_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    err.println(RecordCommands.progressLine(progress));
                    err.flush();
                }
            }
        });
        if (progressOnStderr()) {
            err.println("done: " + RecordCommands.progressLine(last));
            err.flush();
        }
        return 0;
    }

    private static String text(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = RecordJson.utf8(value);
        return text != null ? text : Base64.getEncoder().encodeToString(value);
    }

    /** Bytes of a UTF-8 string, for subclasses. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
