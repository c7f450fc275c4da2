package io.mirador.app;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mirador sandbox}: runs the local clusters headless until SIGINT or SIGTERM, then stops them cleanly
 * and exits 0. Its output is a contract for scripts: one {@code cluster NAME bootstrap=HOST:PORT} line per
 * cluster, then {@code ready}.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Run local Kafka clusters (KRaft, in-process) until interrupted.")
final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SandboxOptions sandbox = new SandboxOptions();

    @Option(names = "--demo", description = "Produce demo website-activity events into the first cluster.")
    boolean demo;

    @Override
    public Integer call() {
        Sandbox running = new Sandbox(sandbox.toSpec(demo, spec));
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown);
        running.start();
        PrintWriter out = spec.commandLine().getOut();
        for (EmbeddedKafkaCluster cluster : running.clusters()) {
            out.println("cluster " + cluster.name() + " bootstrap=" + cluster.bootstrapServers());
        }
        out.println("ready");
        out.flush();
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.stop();
        out.println("stopped");
        out.flush();
        return 0;
    }
}
