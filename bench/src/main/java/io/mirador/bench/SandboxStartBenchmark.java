package io.mirador.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Sandbox start-up, side by side in one run:
 * <ol>
 *   <li>a bare KRaft cluster from Kafka's own test kit, until a produce is acknowledged (the peer);</li>
 *   <li>Mirador's single-broker sandbox cluster, until a produce is acknowledged (target ≤ 2 s);</li>
 *   <li>Mirador's default two-cluster sandbox, until ready (target ≤ 3 s);</li>
 *   <li>optionally, the desktop window's time to visible, in a child JVM under Monocle (target ≤ 2 s).</li>
 * </ol>
 * Usage: {@code java -cp bench/target/mirador-bench.jar io.mirador.bench.SandboxStartBenchmark [runs] [app-jar]}.
 */
public final class SandboxStartBenchmark {

    private SandboxStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path appJar = args.length > 1 ? Path.of(args[1]) : Path.of("app/target/mirador.jar");
        System.out.printf("Sandbox start-up, %d runs each, %d cores%n", runs, Runtime.getRuntime().availableProcessors());

        warmUp();
        Stats testKit = new Stats();
        Stats single = new Stats();
        Stats pair = new Stats();
        for (int i = 0; i < runs; i++) {
            testKit.add(testKitUntilProduce());
            single.add(miradorUntilProduce());
            pair.add(twoClusterSandboxReady());
        }
        System.out.printf("%-44s %s%n", "Kafka test kit, 1 node, until produce acked", testKit);
        System.out.printf("%-44s %s%n", "Mirador cluster, 1 broker, until produce acked", single);
        System.out.printf("%-44s %s%n", "Mirador sandbox, 2 clusters + demo, ready", pair);
        System.out.printf("ratio Mirador 1-broker / test kit: %.2f (target: 1-broker <= 2000 ms, 2 clusters <= 3000 ms)%n",
                single.median() / testKit.median());

        if (appJar.toFile().isFile()) {
            Stats window = new Stats();
            for (int i = 0; i < Math.min(runs, 3); i++) {
                window.add(windowVisibleMs(appJar));
            }
            System.out.printf("%-44s %s (target <= 2000 ms)%n", "Window time-to-visible (from JVM start)", window);
        } else {
            System.out.println("window time-to-visible: skipped, " + appJar + " not built");
        }
    }

    /** One throw-away start so that class loading is not billed to the first measured contender. */
    private static void warmUp() throws Exception {
        miradorUntilProduce();
        testKitUntilProduce();
    }

    private static double testKitUntilProduce() throws Exception {
        long start = System.nanoTime();
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            produceOne(cluster.bootstrapServers());
            return millisSince(start);
        }
    }

    private static double miradorUntilProduce() {
        long start = System.nanoTime();
        try (EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(ClusterSpec.builder("bench").build())) {
            cluster.start();
            produceOne(cluster.bootstrapServers());
            return millisSince(start);
        }
    }

    private static double twoClusterSandboxReady() {
        long start = System.nanoTime();
        try (Sandbox sandbox = new Sandbox(SandboxSpec.defaults())) {
            sandbox.start();
            return millisSince(start);
        }
    }

    private static void produceOne(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>("bench", "k", "v")).get();
        } catch (Exception e) {
            throw new IllegalStateException("produce failed", e);
        }
    }

    /** Runs the app in a child JVM under headless Monocle and reads the window-visible line it prints. */
    private static double windowVisibleMs(Path appJar) throws Exception {
        String monocle = System.getProperty("bench.monocleJar", "");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dmirador.reportStartup=true", "-Dmirador.exitAfterShown=true"));
        if (!monocle.isEmpty()) {
            command.addAll(List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-cp", appJar + java.io.File.pathSeparator + monocle, "io.mirador.app.Main"));
        } else {
            command.addAll(List.of("-jar", appJar.toString()));
        }
        command.add("gui");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("window-visible-ms=")) {
                    return Double.parseDouble(line.substring("window-visible-ms=".length()));
                }
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
        throw new IllegalStateException("the app did not report its window; is a display (DISPLAY or Monocle) available?");
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
