package io.mirador.app;

import picocli.CommandLine.Command;

/** {@code mirador search}: consume without a cap, with a progress line on stderr about once a second. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Scan a topic's whole range for records matching --filter; matches on stdout as JSON lines,"
                + " progress on stderr. No result cap.")
final class SearchCommand extends ConsumeCommand {

    @Override
    boolean progressOnStderr() {
        return true;
    }
}
