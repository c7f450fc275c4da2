package io.mirador.ui;

import java.nio.file.Path;

import io.mirador.broker.SandboxSpec;

/**
 * How to start the GUI.
 *
 * @param sandbox    the local clusters to start; null: none
 * @param stateStore Mirador's H2 state (saved connections, metric history, routes): a file path without the
 *                   {@code .mv.db} extension or a JDBC URL; null keeps everything in memory for this run only
 * @param replicatorCommand the command that runs {@code mirador replicator} (without its options), used to keep
 *                   routes running after the window closes; empty when that is not possible
 */
public record GuiOptions(SandboxSpec sandbox, String stateStore, java.util.List<String> replicatorCommand) {

    public GuiOptions {
        replicatorCommand = replicatorCommand == null ? java.util.List.of() : java.util.List.copyOf(replicatorCommand);
    }

    public GuiOptions(SandboxSpec sandbox, String stateStore) {
        this(sandbox, stateStore, java.util.List.of());
    }

    /** The default two-cluster sandbox with demo data, and the state in the user's home. */
    public static GuiOptions defaults() {
        return new GuiOptions(SandboxSpec.defaults(), defaultStateStore());
    }

    /** {@code ~/.mirador/state}. */
    public static String defaultStateStore() {
        return Path.of(System.getProperty("user.home"), ".mirador", "state").toString();
    }
}
