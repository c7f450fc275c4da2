package io.mirador.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The copy as a user runs it, JVM start included: the raw pipe ({@link RawPipe#main}) and {@code mirador mirror},
 * each a child JVM started inside the clock, timed until the target holds every record. Both create their target
 * topic inside the clock too. Extra flags for both child JVMs (e.g. a flight recording) come from the system
 * property {@code bench.child.jvmArgs}, space-separated; {@code %n} in it becomes the run's name. With
 * {@code bench.mirror.baseline=OTHER.jar}, a third contender runs that jar's {@code mirror} (an older build, say),
 * so that a change is compared with its baseline in the same run.
 */
final class ProcessContenders {

    /** CPU time of the last child, read just before it was stopped; the benchmark runs one copy at a time. */
    private static volatile double lastChildCpuMs;

    private ProcessContenders() {
    }

    static List<Contender> of(String source, String target, Backlog backlog, TargetWatch watch, Path appJar) {
        List<Contender> list = new ArrayList<>(List.of(new RawPipeProcess(source, target, backlog, watch),
                new MirrorProcess(source, target, backlog, watch, appJar, "")));
        String baseline = System.getProperty("bench.mirror.baseline", "");
        if (!baseline.isEmpty()) {
            list.add(new MirrorProcess(source, target, backlog, watch, Path.of(baseline), "baseline "));
        }
        return list;
    }

    /** {@code java -cp mirador-bench.jar io.mirador.bench.RawPipe ...}: one consumer, one producer, then exit. */
    private record RawPipeProcess(String source, String target, Backlog backlog, TargetWatch watch)
            implements Contender, ThreadCpu.Reporting {

        @Override
        public double lastCpuMs() {
            return lastChildCpuMs;
        }

        @Override
        public String name() {
            return "raw pipe process (JVM start included)";
        }

        @Override
        public CopyTime copy(int round) throws Exception {
            String targetTopic = "rawproc-r" + round + "." + backlog.topic();
            String benchJar = Path.of(RawPipe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            List<String> command = java("rawproc-r" + round + "-" + backlog.valueBytes());
            command.addAll(List.of("-cp", benchJar, RawPipe.class.getName(), source, target, backlog.topic(), targetTopic));
            return time(command, targetTopic, backlog, watch, null);
        }
    }

    /** {@code java -jar mirador.jar mirror ...} with a fresh state and alias, stopped with SIGTERM once done. */
    private record MirrorProcess(String source, String target, Backlog backlog, TargetWatch watch, Path appJar,
                                 String label) implements Contender, ThreadCpu.Reporting {

        @Override
        public double lastCpuMs() {
            return lastChildCpuMs;
        }

        @Override
        public String name() {
            return label + "mirador mirror process (JVM start included)";
        }

        @Override
        public CopyTime copy(int round) throws Exception {
            String alias = (label.isEmpty() ? "mirproc-r" : "mirbase-r") + round;
            String targetTopic = alias + "." + backlog.topic();
            Path state = Files.createTempDirectory("mirador-bench-mirror-");
            try {
                List<String> command = java(alias + "-" + backlog.valueBytes());
                command.addAll(List.of("-jar", appJar.toString(), "mirror", "--from", source, "--to", target,
                        "--topics", backlog.topic(), "--naming", "prefix", "--alias", alias,
                        "--state", state.resolve("state").toString()));
                return time(command, targetTopic, backlog, watch, state.resolve("mirror.log"));
            } finally {
                MiradorRunner.deleteQuietly(state);
            }
        }
    }

    private static List<String> java(String runName) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty("bench.child.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            for (String arg : extra.split("\\s+")) {
                command.add(arg.replace("%n", runName));
            }
        }
        return command;
    }

    /** Starts {@code command}, waits for the target to hold the backlog, then stops the child (SIGTERM). */
    private static Contender.CopyTime time(List<String> command, String targetTopic, Backlog backlog, TargetWatch watch,
                                          Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path output = log != null ? log : Files.createTempFile("mirador-bench-child-", ".log");
        builder.redirectOutput(output.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long first = 0;
            long deadline = System.currentTimeMillis() + 600_000;
            while (true) {
                long count = watch.count(targetTopic);
                if (count > 0 && first == 0) {
                    first = System.nanoTime();
                }
                if (count >= backlog.records()) {
                    Contender.CopyTime time = Contender.CopyTime.since(start, first);
                    lastChildCpuMs = process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(-1.0);
                    return time;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("child exited with " + process.exitValue() + ": "
                            + String.join(" ", command) + "\n" + Files.readString(output));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(targetTopic + " holds " + count + " of " + backlog.records());
                }
                Thread.sleep(20); // the same polling as TargetWatch.await
            }
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            watch.delete(targetTopic);
            if (log == null) {
                Files.deleteIfExists(output);
            }
        }
    }
}
