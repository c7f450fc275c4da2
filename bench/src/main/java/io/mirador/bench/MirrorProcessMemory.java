package io.mirador.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Peak memory of the real {@code mirador mirror} process: runs {@code java [heap] -jar mirador.jar mirror} as a
 * child copying the backlog (prefix naming, a fresh alias per run, so a fresh target topic) and samples its
 * VmHWM (peak resident set) from /proc every 100 ms until the target holds every record. Once with the JVM's
 * default heap and once with a small explicit one, to show it fits.
 */
final class MirrorProcessMemory {

    private final Path appJar;
    private final String source;
    private final String target;
    private final Backlog backlog;
    private final TargetWatch watch;

    MirrorProcessMemory(Path appJar, String source, String target, Backlog backlog, TargetWatch watch) {
        this.appJar = appJar;
        this.source = source;
        this.target = target;
        this.backlog = backlog;
        this.watch = watch;
    }

    /** {@code heapFlag} is e.g. {@code -Xmx256m}, or null for the JVM's default. */
    void run(String heapFlag, String alias) throws Exception {
        Path state = Files.createTempDirectory("mirador-bench-mirror-");
        String targetTopic = alias + "." + backlog.topic();
        List<String> command = new ArrayList<>(List.of(javaBin()));
        if (heapFlag != null) {
            command.add(heapFlag);
        }
        command.addAll(List.of("-jar", appJar.toString(), "mirror", "--from", source, "--to", target,
                "--topics", backlog.topic(), "--naming", "prefix", "--alias", alias,
                "--state", state.resolve("state").toString()));
        Path log = state.resolve("mirror.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peakKb = 0;
        try {
            long deadline = System.currentTimeMillis() + 600_000;
            while (watch.count(targetTopic) < backlog.records()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mirror exited with " + process.exitValue() + ": " + tail(log));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("mirror did not finish in time: " + tail(log));
                }
                peakKb = Math.max(peakKb, vmHwmKb(process.pid()));
                Thread.sleep(100);
            }
            peakKb = Math.max(peakKb, vmHwmKb(process.pid()));
        } finally {
            double elapsed = (System.nanoTime() - start) / 1e6;
            process.destroy(); // SIGTERM: the mirror command stops its route cleanly.
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            String heap = heapFlag != null ? heapFlag.substring("-Xmx".length()) : defaultMaxHeap();
            System.out.printf(Locale.ROOT, "  mirror process, heap max %-10s peak RSS (VmHWM) %6.0f MB, copied %d records in %.1f s%n",
                    heap, peakKb / 1024.0, backlog.records(), elapsed / 1000);
            watch.delete(targetTopic);
            MiradorRunner.deleteQuietly(state);
        }
    }

    private static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // The process may be gone between the check and the read: keep the last figure.
        }
        return 0;
    }

    /** The max heap a child JVM gets without -Xmx (a quarter of RAM by default), as the JVM itself reports it. */
    private static String defaultMaxHeap() {
        try {
            Process p = new ProcessBuilder(javaBin(), "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains(" MaxHeapSize ")) {
                        long bytes = Long.parseLong(line.split("=")[1].trim().split("\\s+")[0]);
                        return (bytes >> 20) + "m(def)";
                    }
                }
            } finally {
                p.waitFor();
            }
        } catch (Exception e) {
            // fall through
        }
        return "default";
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
