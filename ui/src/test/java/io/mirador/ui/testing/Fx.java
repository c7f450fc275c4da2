package io.mirador.ui.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The FX thread for headless tests: controls and observable state are read and changed there, never from the test
 * thread, and a stuck FX thread fails the read instead of hanging the test.
 */
public final class Fx {

    /** How long one read or change on the FX thread may take. */
    public static final Duration CALL = Duration.ofSeconds(10);

    private Fx() {
    }

    /** Runs {@code read} on the FX thread and returns its result. */
    public static <T> T fx(Callable<T> read) throws Exception {
        return fx(read, CALL);
    }

    public static <T> T fx(Callable<T> read, Duration timeout) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code change} on the FX thread and waits for it. */
    public static void onFx(Runnable change) throws Exception {
        fx(() -> {
            change.run();
            return null;
        });
    }

    /**
     * Shows {@code view} alone in the primary stage, {@code width} x {@code height}: keep it within Monocle's
     * 1280x800 headless screen, which cannot paint a larger window.
     */
    public static Stage show(Node view, double width, double height) throws Exception {
        return FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene((Parent) view, width, height));
            stage.show();
        });
    }
}
