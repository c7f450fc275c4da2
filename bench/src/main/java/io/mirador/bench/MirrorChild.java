package io.mirador.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar mirador.jar mirror ...} child process, as a user starts it, its output (stdout and stderr)
 * in a log file of its own. The soak benchmark kills it with SIGKILL, stops it with SIGTERM, and when it stalls
 * takes a thread dump of it with the JDK's {@code jstack}.
 */
final class MirrorChild {

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private MirrorChild(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code mirror --from source --to target --topics topic --state state} plus {@code extra} arguments,
     * with the JVM's default heap unless {@code bench.soak.mirrorHeap} (e.g. {@code -Xmx512m}) says otherwise.
     */
    static MirrorChild start(Path appJar, String source, String target, String topic, Path state, Path log,
                             List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(MirrorProcessMemory.javaBin()));
        String heap = System.getProperty("bench.soak.mirrorHeap");
        if (heap != null && !heap.isBlank()) {
            command.add(heap);
        }
        command.addAll(List.of("-jar", appJar.toString(), "mirror", "--from", source, "--to", target,
                "--topics", topic, "--state", state.toString(), "--progress-interval", "5"));
        command.addAll(extra);
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new MirrorChild(process, log, started);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Milliseconds since the process was started. */
    long ageMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Unix), then waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager stops it: the command closes the route and prints its last line.
     *
     * @return the exit code, or -1 when it did not stop within a minute (then it is killed)
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(60, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        kill9();
        return -1;
    }

    /** Writes a thread dump of the running process to {@code file}; returns what went wrong, or null. */
    String jstack(Path file) {
        Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
        try {
            Process p = new ProcessBuilder(jstack.toString(), "-l", String.valueOf(process.pid()))
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "jstack did not answer within 60 s";
            }
            return p.exitValue() == 0 ? null : "jstack exited with " + p.exitValue() + " (see " + file + ")";
        } catch (IOException | InterruptedException e) {
            return "jstack failed: " + e;
        }
    }

    /** The last {@code n} lines of its output. */
    List<String> tail(int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(no output: " + e.getMessage() + ")");
        }
    }

    /** Its output lines that name an error: progress lines ending in error=..., exceptions, ERROR log lines. */
    List<String> errorLines() {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains("error=") || l.contains("Exception") || l.contains("ERROR")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
