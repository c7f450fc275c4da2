package io.mirador.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.mirador.cluster.record.RecordWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mirador import}: replays a JSON-lines export into a topic, keys, values, headers and timestamps kept. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write the records of a JSON-lines export (from 'mirador export' or the message browser) to a topic.")
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions cluster = new ConnectionOptions();

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    String topic;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSON-lines file (default: stdin).")
    Path input;

    @Option(names = "--same-partitions", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep each record's partition when the topic has it (default: true); otherwise the key decides.")
    boolean samePartitions;

    @Override
    public Integer call() throws Exception {
        if (input != null) {
            FileOptions.readable(spec, "--input", input);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (BufferedReader lines = input == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
             RecordWriter writer = new RecordWriter(cluster.connection(spec))) {
            long written = writer.sendLines(topic, lines, samePartitions, n -> { });
            err.println("imported " + written + " records into " + topic);
            err.flush();
        }
        return 0;
    }
}
