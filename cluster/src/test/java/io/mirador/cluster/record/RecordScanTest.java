package io.mirador.cluster.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.mirador.cluster.ClusterConnection;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.record.filter.Filter;
import io.mirador.cluster.testing.SharedKafka;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.record.TimestampType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reads, searches, export and import against a real broker, over a dataset whose every record is known. */
@Tag("integration")
class RecordScanTest {

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka("records", 1);

    private static final String TOPIC = "known";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 300;
    // A day ago, on a whole minute: brokers refuse timestamps more than an hour ahead.
    private static final long T0 = (System.currentTimeMillis() - 86_400_000L) / 60_000 * 60_000;
    private static final List<KafkaRecord> WRITTEN = new ArrayList<>();
    private static ClusterConnection connection;

    @BeforeAll
    static void writeKnownRecords() throws Exception {
        connection = new ClusterConnection("records", KAFKA.cluster().bootstrapServers());
        KAFKA.client().admin().createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1),
                new NewTopic("big", 1, (short) 1).configs(Map.of("max.message.bytes", String.valueOf(25 << 20)))))
                .all().get(30, TimeUnit.SECONDS);
        try (RecordWriter writer = new RecordWriter(connection)) {
            for (int i = 0; i < RECORDS; i++) {
                KafkaRecord record = new KafkaRecord(TOPIC, i % PARTITIONS, -1, T0 + i * 1000L, TimestampType.CREATE_TIME,
                        ("user-" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"n\":" + i + ",\"user\":{\"id\":" + (i % 10) + "}}").getBytes(StandardCharsets.UTF_8),
                        List.of(new KafkaRecord.RecordHeader("event-type", (i % 2 == 0 ? "even" : "odd").getBytes(StandardCharsets.UTF_8))),
                        -1);
                writer.send(TOPIC, record, 1);
                WRITTEN.add(record);
            }
        }
    }

    @Test
    void readsEverythingFromEarliestToTheEnd() {
        List<KafkaRecord> read = scan(ReadSpec.wholeTopic(TOPIC));
        assertThat(read).hasSize(RECORDS);
        assertThat(read).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(WRITTEN.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList());
        KafkaRecord first = read.stream().min(Comparator.comparingLong(KafkaRecord::timestamp)).orElseThrow();
        assertThat(first.timestamp()).isEqualTo(T0);
        assertThat(first.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(first.recordHeaders()).extracting(KafkaRecord.RecordHeader::key).containsExactly("event-type");
    }

    @Test
    void latestMinusNTakesTheLastNOfEachPartition() {
        List<KafkaRecord> read = scan(ReadSpec.wholeTopic(TOPIC).from(StartAt.parse("latest-5", ZoneOffset.UTC)));
        assertThat(read).hasSize(5 * PARTITIONS);
        assertThat(read).allSatisfy(r -> assertThat(r.offset()).isGreaterThanOrEqualTo(RECORDS / PARTITIONS - 5));
    }

    @Test
    void startsAndStopsAtTimes() {
        Instant from = Instant.ofEpochMilli(T0 + 100_000);
        Instant to = Instant.ofEpochMilli(T0 + 150_000);
        List<KafkaRecord> read = scan(ReadSpec.wholeTopic(TOPIC)
                .from(StartAt.parse(from.toString(), ZoneOffset.UTC))
                .to(StopAt.parse("@" + to.toEpochMilli(), ZoneOffset.UTC)));
        assertThat(read).extracting(KafkaRecord::timestamp).hasSize(50)
                .allSatisfy(ts -> assertThat(ts).isBetween(from.toEpochMilli(), to.toEpochMilli() - 1));
    }

    @Test
    void startsAtAnOffsetInChosenPartitionsAndStopsAtACount() {
        List<KafkaRecord> read = scan(ReadSpec.wholeTopic(TOPIC).withPartitions(Set.of(1))
                .from(new StartAt.AtOffset(90)).withLimit(7));
        assertThat(read).extracting(KafkaRecord::offset).containsExactly(90L, 91L, 92L, 93L, 94L, 95L, 96L);
        assertThat(read).extracting(KafkaRecord::partition).containsOnly(1);
    }

    @Test
    void searchFindsExactlyTheMatchingRecordsAndReportsProgress() {
        Filter filter = Filter.compile("value.user.id == 3 and headers.event-type == \"odd\"");
        List<ScanProgress> progress = new CopyOnWriteArrayList<>();
        List<KafkaRecord> found = new ArrayList<>();
        ScanProgress last = new RecordScan(connection, ReadSpec.wholeTopic(TOPIC).withFilter(filter::test),
                listener(found, progress)).run();

        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            if (i % 10 == 3 && i % 2 == 1) {
                expected.add(i);
            }
        }
        assertThat(found).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(i -> "user-" + i).toList());
        assertThat(last.scanned()).isEqualTo(RECORDS);
        assertThat(last.matched()).isEqualTo(expected.size());
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(progress).isNotEmpty();
    }

    @Test
    void findByKeyScansOnlyTheKeysPartition() {
        byte[] key = "user-42".getBytes(StandardCharsets.UTF_8);
        int partition = ReadSpec.partitionForKey(key, PARTITIONS);
        String topic = "keyed";
        KAFKA.client().await(KAFKA.client().admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all(), "create");
        try (RecordWriter writer = new RecordWriter(connection)) {
            for (int i = 0; i < 90; i++) {
                writer.send(topic, new KafkaRecord(topic, -1, -1, -1, null,
                        ("user-" + (i % 45)).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8),
                        List.of(), -1), 1);
            }
        }
        List<KafkaRecord> found = new ArrayList<>();
        ScanProgress last = new RecordScan(connection, ReadSpec.wholeTopic(topic).forKey(key, PARTITIONS),
                listener(found, new ArrayList<>())).run();

        assertThat(found).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("v42", "v87");
        assertThat(found).extracting(KafkaRecord::partition).containsOnly(partition);
        assertThat(last.scanned()).as("only one partition is read").isLessThan(90);
        assertThat(last.total()).isEqualTo(last.scanned());
    }

    @Test
    void aLiveReadFollowsNewRecordsUntilCancelled() throws Exception {
        List<KafkaRecord> found = new CopyOnWriteArrayList<>();
        RecordScan scan = new RecordScan(connection, ReadSpec.wholeTopic(TOPIC).from(StartAt.latest(0)).to(StopAt.live()),
                listener(found, new ArrayList<>()));
        CompletableFuture<ScanProgress> running = CompletableFuture.supplyAsync(scan::run);
        try (RecordWriter writer = new RecordWriter(connection)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                writer.send(TOPIC, new KafkaRecord(TOPIC, 0, -1, -1, null, null, "tail".getBytes(StandardCharsets.UTF_8),
                        List.of(), -1), 1);
                return !found.isEmpty();
            });
        }
        scan.cancel();
        ScanProgress last = running.get(10, TimeUnit.SECONDS);
        assertThat(last.total()).isEqualTo(-1);
        assertThat(found).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("tail"));
    }

    @Test
    void exportThenImportRoundTripsByteForByteIncludingBinaryKeys() throws Exception {
        String source = "binary-src";
        String target = "binary-copy";
        KAFKA.client().await(KAFKA.client().admin().createTopics(List.of(new NewTopic(source, 2, (short) 1),
                new NewTopic(target, 2, (short) 1))).all(), "create");
        List<KafkaRecord> originals = new ArrayList<>();
        try (RecordWriter writer = new RecordWriter(connection)) {
            for (int i = 0; i < 50; i++) {
                byte[] key = {(byte) 0xFF, (byte) i, 0, (byte) 0xC3};
                byte[] value = i % 5 == 0 ? null : ("välue-" + i + "\n\"quoted\"").getBytes(StandardCharsets.UTF_8);
                KafkaRecord r = new KafkaRecord(source, i % 2, -1, T0 + i, TimestampType.CREATE_TIME, key, value,
                        List.of(new KafkaRecord.RecordHeader("bin", new byte[] {0, 1, 2}),
                                new KafkaRecord.RecordHeader("none", null)), -1);
                writer.send(source, r, 1);
                originals.add(r);
            }
        }
        StringWriter export = new StringWriter();
        new RecordScan(connection, ReadSpec.wholeTopic(source), batch -> batch.forEach(r -> RecordJson.write(r, export))).run();
        assertThat(export.toString().lines()).hasSize(50).allSatisfy(line -> assertThat(line).contains("\"keyBase64\""));

        long imported;
        try (RecordWriter writer = new RecordWriter(connection)) {
            imported = writer.sendLines(target, new BufferedReader(new StringReader(export.toString())), true, n -> { });
        }
        assertThat(imported).isEqualTo(50);
        List<KafkaRecord> copies = scan(ReadSpec.wholeTopic(target));
        assertThat(copies).hasSize(50);
        for (KafkaRecord original : originals) {
            KafkaRecord copy = copies.stream().filter(c -> c.timestamp() == original.timestamp()).findFirst().orElseThrow();
            assertThat(copy.key()).isEqualTo(original.key());
            assertThat(copy.value()).isEqualTo(original.value());
            assertThat(copy.partition()).isEqualTo(original.partition());
            assertThat(copy.recordHeaders()).hasSize(2);
            assertThat(copy.recordHeaders().get(0).value()).isEqualTo(new byte[] {0, 1, 2});
            assertThat(copy.recordHeaders().get(1).value()).isNull();
        }
    }

    @Test
    void aTwentyMegabyteValueIsReadWhole() {
        byte[] value = new byte[20 << 20];
        Arrays.fill(value, (byte) 'x');
        try (RecordWriter writer = new RecordWriter(connection)) {
            writer.send("big", new KafkaRecord("big", -1, -1, -1, null, new byte[] {1, 2}, value, List.of(), -1), 1);
        }
        List<KafkaRecord> read = scan(ReadSpec.wholeTopic("big"));
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.value()).hasSize(20 << 20);
            assertThat(r.size()).isEqualTo((20 << 20) + 2);
        });
    }

    @Test
    void unknownTopicsAndPartitionsGetOneLineReasons() {
        assertThatThrownBy(() -> scan(ReadSpec.wholeTopic("nope")))
                .isInstanceOf(ClusterException.class).hasMessage("topic nope does not exist on cluster records");
        assertThatThrownBy(() -> scan(ReadSpec.wholeTopic(TOPIC).withPartitions(Set.of(0, 7))))
                .isInstanceOf(ClusterException.class).hasMessage("topic known has partitions 0 to 2: there is no partition 7");
    }

    private static List<KafkaRecord> scan(ReadSpec spec) {
        List<KafkaRecord> read = Collections.synchronizedList(new ArrayList<>());
        new RecordScan(connection, spec, listener(read, new ArrayList<>())).run();
        return read;
    }

    private static ScanListener listener(List<KafkaRecord> into, List<ScanProgress> progress) {
        return new ScanListener() {
            @Override
            public void onRecords(List<KafkaRecord> batch) {
                into.addAll(batch);
            }

            @Override
            public void onProgress(ScanProgress p) {
                progress.add(p);
            }
        };
    }
}
