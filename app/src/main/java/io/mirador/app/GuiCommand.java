package io.mirador.app;

import io.mirador.ui.GuiLauncher;
import io.mirador.ui.GuiOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mirador gui}: the desktop console, by default on a fresh two-cluster sandbox with demo data. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the desktop console (the default command).")
final class GuiCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @Option(names = "--no-sandbox", description = "Start without local clusters.")
    boolean noSandbox;

    @Option(names = "--no-demo", description = "Do not produce demo data into the first sandbox cluster.")
    boolean noDemo;

    @Option(names = "--state", paramLabel = "PATH_OR_JDBC_URL",
            description = "Mirador's state (saved connections, history, routes): an H2 file path or a JDBC URL."
                    + " Default: ~/.mirador/state.")
    String state = GuiOptions.defaultStateStore();

    @Override
    public void run() {
        GuiLauncher.launch(new GuiOptions(noSandbox ? null : sandbox.toSpec(!noDemo, spec), state, replicatorCommand()));
    }

    /** This same Mirador, run as {@code mirador replicator}: what keeps routes going after the window closes. */
    static java.util.List<String> replicatorCommand() {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java.util.List.of(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "replicator");
    }
}
