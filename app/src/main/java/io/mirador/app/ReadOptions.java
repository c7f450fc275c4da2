package io.mirador.app;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.StartAt;
import io.mirador.cluster.record.StopAt;
import io.mirador.cluster.record.filter.Filter;
import io.mirador.cluster.record.filter.FilterSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What to read, shared by consume, search and export: the same choices as the message browser. */
final class ReadOptions {

    @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = {"-p", "--partitions"}, split = ",", paramLabel = "N[,N...]",
            description = "Partitions to read (default: all).")
    List<Integer> partitions = List.of();

    @Option(names = "--from", paramLabel = "earliest|latest|latest-N|OFFSET|ISO-TIME|@MILLIS",
            description = "Where to start in each partition (default: earliest). Times without a zone are local.")
    String from = "earliest";

    @Option(names = "--to", paramLabel = "end|live|OFFSET|ISO-TIME|@MILLIS",
            description = "Where to stop (default: end, the end offsets when the read starts; live follows new records).")
    String to = "end";

    @Option(names = {"-f", "--filter"}, paramLabel = "EXPR",
            description = "Keep only records matching EXPR, e.g. 'value.user.id == 42 and headers.source == \"web\"'.")
    String filter;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Find by key: read only the partition the default partitioner sends KEY (UTF-8) to.")
    String key;

    /** The read these options describe; bad values are usage errors (exit 2) with the reason. */
    ReadSpec spec(CommandSpec command, long limit) {
        ZoneId zone = ZoneId.systemDefault();
        try {
            Set<Integer> chosen = new LinkedHashSet<>(partitions);
            ReadSpec spec = new ReadSpec(topic, chosen, StartAt.parse(from, zone), StopAt.parse(to, zone), null, limit);
            if (filter != null) {
                Filter compiled = Filter.compile(filter);
                spec = spec.withFilter(compiled::test);
            }
            return spec;
        } catch (FilterSyntaxException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--filter: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
