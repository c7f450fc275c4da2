package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mirror} against two real clusters: the checks before the engine starts run in-process; a rate-limited
 * copy runs the real jar as a child process, stopped with SIGTERM, its home directory a temporary one.
 */
@Tag("integration")
class MirrorCommandTest {

    private static Sandbox sandbox;
    private static String src;
    private static String dst;

    @TempDir
    Path home;

    @BeforeAll
    static void startClusters() {
        sandbox = new Sandbox(new SandboxSpec(List.of("mirror-src", "mirror-dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("mirror-src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("mirror-dst").orElseThrow().bootstrapServers();
    }

    @AfterAll
    static void stopClusters() {
        sandbox.stop();
    }

    @Test
    void anUnreachableTargetIsNamedBeforeAnythingStarts() {
        CliTest.Result result = CliTest.run("mirror", "--from", src, "--to", "127.0.0.1:1", "--topics", "x",
                "--state", home.resolve("state").toString());
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("mirador: cannot reach the target cluster (--to 127.0.0.1:1): ");
        assertThat(home.resolve("state.mv.db")).as("no state for a run that never started").doesNotExist();
    }

    @Test
    void anInvalidGroupPatternIsAUsageErrorInOneLine() {
        CliTest.Result result = CliTest.run("mirror", "--from", src, "--to", dst, "--topics", "x", "--groups", "(",
                "--state", home.resolve("state").toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).first().asString().contains("groups.include").contains("not a valid regular expression");
        assertThat(home.resolve("state.mv.db")).doesNotExist();
    }

    @Test
    void theSameClusterOnBothSidesIsRefused() {
        CliTest.Result result = CliTest.run("mirror", "--from", src, "--to", src.replace("127.0.0.1", "localhost"),
                "--topics", "x", "--state", home.resolve("state").toString());
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.errLines()).singleElement().asString().contains("are the same Kafka cluster (id "
                + sandbox.cluster("mirror-src").orElseThrow().clusterId() + ")");
    }

    @Test
    void aRecordRateIsHonouredAndTheLastLineHasTheTotals() throws Exception {
        TestTopics.create(src, new NewTopic("rated.records", 2, (short) 1));
        TestTopics.produce(src, 3_000, i -> new ProducerRecord<>("rated.records", i % 2, "k" + i, "v" + i));
        // 1000 records/s after a burst of one second's worth: the last 2000 records take at least 2 s.
        double seconds = copy("rated.records", "1000/s", 3_000);
        assertThat(seconds).as("seconds from the first to the last record on the target").isGreaterThan(1.5);
    }

    @Test
    void aByteRateIsHonoured() throws Exception {
        TestTopics.create(src, new NewTopic("rated.bytes", 2, (short) 1));
        String value = "x".repeat(1_000);
        TestTopics.produce(src, 1_500, i -> new ProducerRecord<>("rated.bytes", i % 2, "k" + i, value));
        // 1.5 MB at 500 KB/s after a burst of one second's worth: the last MB takes at least 2 s.
        double seconds = copy("rated.bytes", "500KB/s", 1_500);
        assertThat(seconds).as("seconds from the first to the last record on the target").isGreaterThan(1.5);
    }

    /**
     * Mirrors {@code topic} with {@code --rate rate} and no {@code --state}, until all {@code records} are on the
     * target, then stops it with SIGTERM; checks the state's place and the final totals.
     *
     * @return seconds from the first record seen on the target to the last
     */
    private double copy(String topic, String rate, int records) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Duser.home=" + home, "-jar", SandboxProcessTest.jar().toString(),
                "mirror", "--from", src, "--to", dst, "--topics", topic, "--rate", rate, "--progress-interval", "1"));
        Process mirror = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = SandboxProcessTest.pump(mirror, lines);
        try {
            long[] first = {0};
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                long n = TestTopics.endOffsets(dst, topic, 2);
                if (n > 0 && first[0] == 0) {
                    first[0] = System.nanoTime();
                }
                return n >= records || !mirror.isAlive();
            });
            double seconds = (System.nanoTime() - first[0]) / 1e9;
            assertThat(mirror.isAlive()).as("mirror still running: %s", lines).isTrue();

            SandboxProcessTest.sigterm(mirror);
            assertThat(mirror.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            assertThat(mirror.exitValue()).isZero();

            Path state = home.resolve(".mirador").resolve(MirrorCommand.defaultState(src, dst, topic).getFileName());
            assertThat(lines.get(0)).isEqualTo("mirroring " + topic + " from " + src + " to " + dst + " (state " + state + ")");
            assertThat(Path.of(state + ".mv.db")).exists();
            assertThat(lines).last().asString().startsWith("stopped: state=STOPPED copied=" + records + " ");
            return seconds;
        } finally {
            mirror.destroyForcibly();
        }
    }
}
