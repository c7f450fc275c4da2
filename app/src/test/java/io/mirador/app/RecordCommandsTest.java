package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mirador.broker.ClusterSpec;
import io.mirador.broker.EmbeddedKafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * consume, search, export, import and produce against a real broker: produce runs as a child process of the real
 * jar fed through stdin; the others run in-process through {@link Main#run}.
 */
@Tag("integration")
class RecordCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaCluster kafka;
    private static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafkaCluster(ClusterSpec.builder("cli-records").build());
        kafka.start();
        bootstrap = kafka.bootstrapServers();
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("events", 3, (short) 1), new NewTopic("replay", 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            input.append("{\"key\":\"user-").append(i % 20).append("\",\"value\":\"{\\\"n\\\":").append(i)
                    .append(",\\\"user\\\":{\\\"id\\\":").append(i % 20).append("}}\",\"headers\":[{\"key\":\"source\",\"value\":\"")
                    .append(i % 2 == 0 ? "web" : "app").append("\"}]}\n");
        }
        input.append("plain text value\n");
        Process produce = jar("produce", "-b", bootstrap, "-t", "events");
        produce.getOutputStream().write(input.toString().getBytes(StandardCharsets.UTF_8));
        produce.getOutputStream().close();
        assertThat(produce.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(produce.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(produce.exitValue()).as(err).isZero();
        assertThat(err).contains("produced 101 records to events");
    }

    @AfterAll
    static void stop() {
        kafka.stop();
    }

    @Test
    void consumePrintsOneJsonObjectPerRecord() throws Exception {
        CliTest.Result result = CliTest.run("consume", "-b", bootstrap, "-t", "events");
        assertThat(result.code()).as(result.err()).isZero();
        List<JsonNode> records = parse(result.out());
        assertThat(records).hasSize(101);
        assertThat(records).allSatisfy(r -> assertThat(r.has("partition") && r.has("offset") && r.has("timestamp")
                && r.has("key") && r.has("value") && r.has("headers")).isTrue());
        assertThat(records).filteredOn(r -> r.get("value").asText().equals("plain text value")).hasSize(1);
    }

    @Test
    void filterAndMaxNarrowTheOutput() throws Exception {
        CliTest.Result result = CliTest.run("consume", "-b", bootstrap, "-t", "events",
                "--filter", "value.user.id == 7 and headers.source == \"app\"");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(parse(result.out())).extracting(r -> r.get("key").asText()).containsOnly("user-7").hasSize(5);

        CliTest.Result capped = CliTest.run("consume", "-b", bootstrap, "-t", "events", "--max", "3", "--format", "text");
        assertThat(capped.out().lines()).hasSize(3);
    }

    @Test
    void searchScansEverythingAndReportsProgressOnStderr() throws Exception {
        CliTest.Result result = CliTest.run("search", "-b", bootstrap, "-t", "events", "--filter", "value.n >= 90");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(parse(result.out())).hasSize(10);
        assertThat(result.err()).contains("done: scanned 101 of 101 (100.0%)").contains("10 matches");
    }

    @Test
    void findByKeyReadsOnlyTheKeysPartition() throws Exception {
        CliTest.Result result = CliTest.run("search", "-b", bootstrap, "-t", "events", "--key", "user-3");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(parse(result.out())).extracting(r -> r.get("key").asText()).containsOnly("user-3").hasSize(5);
        assertThat(result.err()).doesNotContain("of 101");
    }

    @Test
    void exportThenImportRoundTrips() throws Exception {
        Path file = dir.resolve("events.jsonl");
        CliTest.Result export = CliTest.run("export", "-b", bootstrap, "-t", "events", "-o", file.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported 101 records");
        assertThat(Files.readAllLines(file)).hasSize(101);

        CliTest.Result imported = CliTest.run("import", "-b", bootstrap, "-t", "replay", "-i", file.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        CliTest.Result copy = CliTest.run("consume", "-b", bootstrap, "-t", "replay");
        List<String> original = stripTopicAndOffset(parse(CliTest.run("consume", "-b", bootstrap, "-t", "events").out()));
        assertThat(stripTopicAndOffset(parse(copy.out()))).containsExactlyInAnyOrderElementsOf(original);

        Path csv = dir.resolve("events.csv");
        assertThat(CliTest.run("export", "-b", bootstrap, "-t", "events", "-o", csv.toString(), "--format", "csv").code()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(102).first().isEqualTo("partition,offset,timestamp,key,value,headers");
    }

    @Test
    void malformedFiltersAndPositionsExitTwoWithTheReason() {
        CliTest.Result bad = CliTest.run("consume", "-b", bootstrap, "-t", "events", "--filter", "value.n >= ");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.errLines()).singleElement().asString().contains("--filter").contains("position 11");

        CliTest.Result badFrom = CliTest.run("consume", "-b", bootstrap, "-t", "events", "--from", "yesterday");
        assertThat(badFrom.code()).isEqualTo(2);
        assertThat(badFrom.err()).contains("cannot read 'yesterday' as a start");

        CliTest.Result missing = CliTest.run("consume", "-b", bootstrap, "-t", "no-such-topic");
        assertThat(missing.code()).isEqualTo(1);
        // The cluster is called what the user typed, not an internal name.
        assertThat(missing.errLines()).singleElement().asString()
                .contains("topic no-such-topic does not exist on cluster " + bootstrap).doesNotContain("cli");
    }

    @Test
    void anOversizedJsonRecordIsNamedAtOnceWithTheLinesWrittenBeforeIt() throws Exception {
        String big = "y".repeat(2_000_000);
        String input = "{\"key\":\"a\",\"value\":\"small\"}\n{\"key\":\"b\",\"value\":\"" + big + "\"}\n"
                + "{\"key\":\"c\",\"value\":\"after\"}\n";
        long start = System.nanoTime();
        Process produce = jar("produce", "-b", bootstrap, "-t", "oversized", "--format", "json");
        produce.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        produce.getOutputStream().close();
        assertThat(produce.waitFor(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        String err = new String(produce.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(produce.exitValue()).as(err).isEqualTo(1);
        assertThat(err.lines().toList()).singleElement().asString()
                .startsWith("mirador: line 2: the record is 2,000,")
                .contains("over the 1,048,588 bytes topic oversized accepts (max.message.bytes)")
                .contains("(1 records before it were written)");
        // Without the check, the broker's refusal stalled the record after it until the 30 s delivery timeout.
        assertThat(seconds).as("seconds until the error").isLessThan(25);
        CliTest.Result written = CliTest.run("consume", "-b", bootstrap, "-t", "oversized", "--format", "text");
        assertThat(written.out().lines().toList()).containsExactly("small");
    }

    private static List<String> stripTopicAndOffset(List<JsonNode> records) {
        List<String> result = new ArrayList<>();
        for (JsonNode r : records) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove(List.of("topic", "offset"));
            result.add(r.toString());
        }
        return result;
    }

    private static List<JsonNode> parse(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private static Process jar(String... args) throws IOException {
        Path jar = Path.of(System.getProperty("mirador.jar", "target/mirador.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
