package io.mirador.ui;

import java.util.Objects;

import javafx.application.Application;

/** Entry point for the app module: opens the main window and returns once it was closed. */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    /**
     * Starts JavaFX with {@link MiradorApplication} and blocks until the window was closed and the sandbox
     * stopped. JavaFX allows one launch per JVM, so call this once.
     *
     * <p>System properties: {@code mirador.reportStartup=true} prints {@code window-visible-ms=<N>} once the
     * window is shown (N counted from JVM start); {@code mirador.exitAfterShown=true} then closes the app.
     */
    public static void launch(GuiOptions options) {
        MiradorApplication.configure(Objects.requireNonNull(options, "options"));
        Application.launch(MiradorApplication.class);
    }
}
