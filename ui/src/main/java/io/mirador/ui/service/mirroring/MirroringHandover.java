package io.mirador.ui.service.mirroring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mirador.replicator.engine.RouteStatus;
import io.mirador.replicator.route.RouteDefinition;

/**
 * Closing the window while routes run, and the user chose to keep them running: the in-process engine stops
 * (writing every checkpoint), the state file is released, and a headless {@code mirador replicator} child process
 * takes over the same state file and carries on from those checkpoints, so nothing is lost or copied twice
 * beyond what a restart always may. Routes that use a sandbox cluster are paused first: the sandbox stops with
 * the window.
 *
 * <p>Blocking; call from a worker thread. No JavaFX here.
 */
public final class MirroringHandover {

    private static final Pattern LISTENING = Pattern.compile("replicator listening on (\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** What the child became: where its REST API listens, its log, and the routes paused for the sandbox. */
    public record Result(String url, Path log, List<String> pausedRoutes) {
    }

    private MirroringHandover() {
    }

    /** The routes that are copying now (neither paused nor failed): what closing the window would stop. */
    public static List<String> runningRoutes(MirroringService mirroring) {
        List<String> running = new ArrayList<>();
        for (RouteStatus status : mirroring.statuses()) {
            String state = status.state() == null ? "" : status.state().toUpperCase(Locale.ROOT);
            if (state.equals("RUNNING") || state.equals("STARTING")) {
                running.add(status.route());
            }
        }
        return running;
    }

    /**
     * Hands the routes over to a headless replicator.
     *
     * @param closeEngineAndStore stops the engine (checkpoints written) and closes the state store, releasing the
     *                            file for the child
     * @param command             the command that runs {@code mirador replicator}, without its options
     * @param statePath           the state file the child opens (the GUI's, now closed)
     * @param log                 where the child's output goes; the child outlives the GUI, so no pipes
     */
    public static Result handOver(MirroringService mirroring, Set<String> sandboxClusters, Runnable closeEngineAndStore,
                                  List<String> command, String statePath, Path log) throws IOException {
        List<String> paused = new ArrayList<>();
        for (RouteDefinition route : mirroring.routes()) {
            if (!route.isPaused() && (sandboxClusters.contains(route.source()) || sandboxClusters.contains(route.target()))) {
                mirroring.pause(route.name(), true);
                paused.add(route.name());
            }
        }
        closeEngineAndStore.run();
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("--state", statePath, "--port", "0"));
        Process child = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        String url = awaitUrl(child, log).orElseThrow(() -> new IOException(
                "the headless replicator did not start; see " + log));
        return new Result(url, log, paused);
    }

    /** Reads the child's log until it says where it listens, it dies, or the time is up. */
    private static Optional<String> awaitUrl(Process child, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "");
            if (m.find()) {
                return Optional.of(m.group(1));
            }
            if (!child.isAlive()) {
                return Optional.empty();
            }
            try {
                // Polling a file written by another process: there is nothing to wait on but time.
                child.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
