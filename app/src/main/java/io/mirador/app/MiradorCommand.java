package io.mirador.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code mirador}: with no command, opens the desktop console (as {@code mirador gui}). */
@Command(name = "mirador", mixinStandardHelpOptions = true, version = "Mirador 0.1.0",
        description = "A desktop console for Apache Kafka that mirrors data between clusters.",
        subcommands = {GuiCommand.class, SandboxCommand.class, MirrorCommand.class, ReplicatorCommand.class,
            FailoverCommand.class, FailoverCommand.FailbackCommand.class,
            ConsumeCommand.class, SearchCommand.class, ProduceCommand.class, ExportCommand.class, ImportCommand.class})
final class MiradorCommand implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log at INFO level, Kafka's brokers and clients included.")
    void verbose(boolean on) {
        if (on) {
            Logging.verbose();
        }
    }

    @Override
    public void run() {
        new GuiCommand().run();
    }
}
