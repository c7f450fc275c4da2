package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mirador.broker.Sandbox;
import io.mirador.broker.SandboxSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "target topic never created after SIGKILLs": a {@code mirror} killed during its very first start,
 * while Flyway created the schema of a new state file, left a state database that every later start refused
 * ("not a Mirador state store (found tables: flyway_schema_history)"): H2 commits each CREATE TABLE at once and
 * Flyway writes its history table, with a marker row, before the first migration, so the kill left a history
 * without any applied migration. The mirror then exited at once on every restart and the target topic never
 * appeared. Here the first start is killed right when Flyway logs that step, and the next start must copy.
 */
@Tag("integration")
class MirrorInterruptedStartTest {

    private static final int RECORDS = 200;
    private static Sandbox sandbox;
    private static String src;
    private static String dst;

    @TempDir
    static Path temp;

    @BeforeAll
    static void startClusters() {
        sandbox = new Sandbox(new SandboxSpec(List.of("first-src", "first-dst"), 1, null, 0, false, 0));
        sandbox.start();
        src = sandbox.cluster("first-src").orElseThrow().bootstrapServers();
        dst = sandbox.cluster("first-dst").orElseThrow().bootstrapServers();
    }

    @AfterAll
    static void stopClusters() {
        sandbox.stop();
    }

    /** @param flywayStep the start of the Flyway log line on which the first start is killed */
    @ParameterizedTest(name = "killed at \"{0}\"")
    @ValueSource(strings = {"Creating Schema History table", "Migrating schema"})
    void aMirrorKilledWhileItCreatesItsStateStartsOnTheNextTry(String flywayStep) throws Exception {
        String topic = flywayStep.startsWith("Creating") ? "first-history" : "first-migration";
        TestTopics.create(src, new NewTopic(topic, 2, (short) 1));
        TestTopics.produce(src, RECORDS, i -> new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
        Path state = temp.resolve(topic);

        List<String> firstLog = new CopyOnWriteArrayList<>();
        Process first = mirror(topic, state, firstLog);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> firstLog.stream().anyMatch(l -> l.contains(flywayStep)) || !first.isAlive());
        first.destroyForcibly(); // SIGKILL, as soon as Flyway has said what it is doing
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(firstLog).as("the first start reached the step").anyMatch(l -> l.contains(flywayStep));

        List<String> secondLog = new CopyOnWriteArrayList<>();
        Process second = mirror(topic, state, secondLog);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> TestTopics.endOffsets(dst, topic, 2) >= RECORDS || !second.isAlive());
            assertThat(second.isAlive()).as("mirror still running; its last lines: %s",
                    secondLog.subList(Math.max(0, secondLog.size() - 5), secondLog.size())).isTrue();
            assertThat(TestTopics.endOffsets(dst, topic, 2)).isEqualTo(RECORDS);
        } finally {
            if (second.isAlive()) {
                SandboxProcessTest.sigterm(second);
                second.waitFor(60, TimeUnit.SECONDS);
            }
            second.destroyForcibly();
        }
    }

    /**
     * The same cause on main: an existing state is upgraded in place, and H2 commits each ALTER TABLE of a
     * migration at once, so a kill inside {@code V2__topic_identity.sql} (the first start of a newer Mirador on a
     * schema-1 state) leaves some of its columns and no history row for it. Every later start then runs V2 again,
     * fails on the duplicate column and refuses the state ("cannot create or upgrade the schema ...: Failed to
     * execute script V2__topic_identity.sql"): the mirror exits at once, again and again. The state such a kill
     * leaves is built here directly (schema 1 by Flyway, then the first statement of V2), so the test is exact.
     */
    @Test
    void aMirrorKilledWhileItUpgradesItsStateStartsOnTheNextTry() throws Exception {
        String topic = "upgrade";
        TestTopics.create(src, new NewTopic(topic, 2, (short) 1));
        TestTopics.produce(src, RECORDS, i -> new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i));
        Path state = temp.resolve(topic);
        String url = "jdbc:h2:" + state.toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute(firstStatement("/db/migration/V2__topic_identity.sql"));
        }

        List<String> log = new CopyOnWriteArrayList<>();
        Process mirror = mirror(topic, state, log);
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> TestTopics.endOffsets(dst, topic, 2) >= RECORDS || !mirror.isAlive());
            assertThat(mirror.isAlive()).as("mirror still running; its last lines: %s",
                    log.subList(Math.max(0, log.size() - 3), log.size())).isTrue();
            assertThat(TestTopics.endOffsets(dst, topic, 2)).isEqualTo(RECORDS);
        } finally {
            if (mirror.isAlive()) {
                SandboxProcessTest.sigterm(mirror);
                mirror.waitFor(60, TimeUnit.SECONDS);
            }
            mirror.destroyForcibly();
        }
    }

    private static String firstStatement(String resource) throws IOException {
        try (InputStream in = MirrorInterruptedStartTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return sql.substring(0, sql.indexOf(';')).trim();
        }
    }

    /** {@code mirror --verbose}: Flyway's INFO lines, like every log line, go to stderr, collected in {@code log}. */
    private static Process mirror(String topic, Path state, List<String> log) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", SandboxProcessTest.jar().toString(), "--verbose", "mirror", "--from", src,
                "--to", dst, "--topics", topic, "--state", state.toString(), "--progress-interval", "2")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    log.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "mirror-log-" + topic);
        pump.setDaemon(true);
        pump.start();
        return p;
    }
}
