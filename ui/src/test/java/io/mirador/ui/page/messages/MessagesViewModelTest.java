package io.mirador.ui.page.messages;

import static io.mirador.ui.page.messages.ScriptedScans.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mirador.broker.ClusterState;
import io.mirador.cluster.ClusterException;
import io.mirador.cluster.record.KafkaRecord;
import io.mirador.cluster.record.ReadSpec;
import io.mirador.cluster.record.StartAt;
import io.mirador.cluster.record.StopAt;
import io.mirador.ui.service.ConnectionStore;
import io.mirador.ui.service.Connections;
import io.mirador.ui.service.SandboxService;
import io.mirador.ui.task.DirectTaskExecutor;
import io.mirador.ui.testing.FakeSandbox;
import io.mirador.ui.util.TimeDisplay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Messages view-model on the test thread, without JavaFX: the direct executor runs each read synchronously
 * and plays the UI thread, frame ticks happen when the test calls {@link DirectTaskExecutor#tick()}, and scans
 * are scripts ({@link ScriptedScans}) that hand batches to the listener like a real scan.
 */
class MessagesViewModelTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final long T0 = ZonedDateTime.of(2026, 1, 15, 10, 0, 0, 0, PARIS).toInstant().toEpochMilli();

    private final DirectTaskExecutor executor = new DirectTaskExecutor();
    private final FakeSandbox backend = new FakeSandbox("local-a");
    private final ScriptedScans scans = new ScriptedScans();
    private final TimeDisplay time = new TimeDisplay(PARIS);
    private MessagesViewModel model;

    @BeforeEach
    void setUp() {
        scans.source.partitions.put("local-a", Map.of("orders", 6, "payments", 1));
        SandboxService sandbox = new SandboxService(backend, executor);
        backend.cluster(0).set(ClusterState.RUNNING);
        Connections connections = new Connections(sandbox, ConnectionStore.inMemory(), executor);
        model = new MessagesViewModel(connections, scans.source, scans, executor, time);
        model.setActive(true);
        model.selectedTopicProperty().set("orders");
    }

    @Test
    void listsTopicsAndLearnsThePartitionCountOfTheChosenTopic() {
        assertThat(model.clusterNames()).containsExactly("local-a");
        assertThat(model.topics()).containsExactly("orders", "payments");
        assertThat(model.partitionCountProperty().get()).isEqualTo(6);
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void buildsTheReadFromTheSeekForm() {
        SeekForm form = model.form();
        form.partitionsProperty().set("0, 2-3");
        form.startProperty().set(SeekForm.Start.TIME);
        form.startDateProperty().set(LocalDate.of(2026, 1, 15));
        form.startTimeProperty().set("10:00");
        form.stopProperty().set(SeekForm.Stop.OFFSET);
        form.stopOffsetProperty().set("500");

        assertThat(model.read()).isTrue();

        ReadSpec spec = scans.last().spec;
        assertThat(spec.topic()).isEqualTo("orders");
        assertThat(spec.partitions()).containsExactlyInAnyOrder(0, 2, 3);
        assertThat(spec.start()).isEqualTo(new StartAt.AtTime(java.time.Instant.ofEpochMilli(T0)));
        assertThat(spec.stop()).isEqualTo(new StopAt.AtOffset(500));
        assertThat(spec.limit()).isEqualTo(Long.MAX_VALUE);

        form.startProperty().set(SeekForm.Start.LATEST);
        form.latestCountProperty().set("25");
        form.stopProperty().set(SeekForm.Stop.COUNT);
        form.stopCountProperty().set("7");
        form.partitionsProperty().set("all");
        model.read();
        spec = scans.last().spec;
        assertThat(spec.partitions()).isEmpty();
        assertThat(spec.start()).isEqualTo(StartAt.latest(25));
        assertThat(spec.stop()).isEqualTo(StopAt.end());
        assertThat(spec.limit()).isEqualTo(7);

        form.stopProperty().set(SeekForm.Stop.LIVE);
        model.read();
        assertThat(scans.last().spec.stop()).isEqualTo(StopAt.live());
        assertThat(model.liveProperty().get()).as("the live script ended").isFalse();
    }

    @Test
    void timesKeepTheirInstantWhenTheDisplayZoneSwitches() {
        SeekForm form = model.form();
        form.startProperty().set(SeekForm.Start.TIME);
        form.startDateProperty().set(LocalDate.of(2026, 1, 15));
        form.startTimeProperty().set("00:30:00");

        time.utcProperty().set(true);

        assertThat(form.startDateProperty().get()).isEqualTo(LocalDate.of(2026, 1, 14));
        assertThat(form.startTimeProperty().get()).isEqualTo("23:30:00");
        model.read();
        assertThat(scans.last().spec.start()).isEqualTo(new StartAt.AtTime(
                ZonedDateTime.of(2026, 1, 15, 0, 30, 0, 0, PARIS).toInstant()));
    }

    @Test
    void aFormMistakeIsOneLineAndReadsNothing() {
        model.form().partitionsProperty().set("1,9");
        assertThat(model.read()).isFalse();
        assertThat(model.problemProperty().get())
                .isEqualTo("Partitions: the topic has partitions 0 to 5, there is no partition 9.");

        model.form().partitionsProperty().set("");
        model.form().startProperty().set(SeekForm.Start.OFFSET);
        model.form().startOffsetProperty().set("-3");
        assertThat(model.read()).isFalse();
        assertThat(model.problemProperty().get()).isEqualTo("Start offset: '-3' is not a whole number ≥ 0.");
        assertThat(scans.opened).isEmpty();
    }

    @Test
    void aMalformedFilterShowsItsPositionAndDoesNotRun() {
        model.filterProperty().set("value.status == ");

        assertThat(model.filterProblemProperty().get())
                .startsWith("Filter: ").contains("at position 16").doesNotContain("\n").doesNotContain("Exception");
        assertThat(model.filterErrorPositionProperty().get()).isEqualTo(16);
        assertThat(model.read()).isFalse();
        assertThat(model.tail()).isFalse();
        assertThat(scans.opened).isEmpty();

        model.filterProperty().set("value.status == \"FAILED\"");
        assertThat(model.filterProblemProperty().get()).isEmpty();
        assertThat(model.filterErrorPositionProperty().get()).isEqualTo(-1);
        assertThat(model.read()).isTrue();
    }

    @Test
    void aSearchKeepsEveryMatchInTheSpoolAndShowsItAPageAtATime() {
        model.pageSizeProperty().set(100);
        // 1,000 records over 3 partitions, timestamps out of read order; every fourth one fails.
        for (int i = 0; i < 1000; i++) {
            int partition = i % 3;
            scans.records.add(record("orders", partition, i / 3, T0 + (i * 7919L) % 1000,
                    "k" + i, "{\"status\":\"" + (i % 4 == 0 ? "FAILED" : "OK") + "\",\"n\":" + i + "}"));
        }
        model.filterProperty().set("value.status == \"FAILED\"");

        model.read();

        List<KafkaRecord> failed = scans.records.stream().filter(r -> value(r).contains("FAILED")).toList();
        assertThat(failed).hasSize(250);
        assertThat(model.pageTextProperty().get()).isEqualTo("Matches 1–100 of 250");
        assertThat(model.records()).containsExactlyInAnyOrderElementsOf(failed.subList(0, 100));
        assertThat(model.records()).isSortedAccordingTo(ResultsWindow.ORDER);
        assertThat(model.progressTextProperty().get()).contains("Done").contains("1,000 scanned").contains("250 matches");
        assertThat(model.progressProperty().get()).isEqualTo(1.0);
        assertThat(model.canPreviousPageProperty().get()).isFalse();

        List<KafkaRecord> seen = new ArrayList<>(model.records());
        model.nextPage();
        assertThat(model.pageTextProperty().get()).isEqualTo("Matches 101–200 of 250");
        seen.addAll(model.records());
        model.nextPage();
        assertThat(model.pageTextProperty().get()).isEqualTo("Matches 201–250 of 250");
        assertThat(model.canNextPageProperty().get()).isFalse();
        seen.addAll(model.records());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(model.records()).isSortedAccordingTo(ResultsWindow.ORDER);

        model.previousPage();
        assertThat(model.pageTextProperty().get()).isEqualTo("Matches 101–200 of 250");
        assertThat(model.records()).containsExactlyInAnyOrderElementsOf(failed.subList(100, 200));
    }

    @Test
    void pagesAreAlsoBoundedByBytes() {
        byte[] big = new byte[1 << 20];
        List<KafkaRecord> records = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            records.add(new KafkaRecord("orders", 0, i, T0 + i, null, null, big, List.of(), 0));
        }
        scans.records = records;
        model.read();
        // 128 MB of 1 MB values: 127 whole records fit beside the first.
        assertThat(model.records().size()).isLessThan(130).isGreaterThan(100);
        int first = model.records().size();
        model.nextPage();
        assertThat(model.records().get(0).offset()).isEqualTo(first);
        model.previousPage();
        assertThat(model.records().get(0).offset()).isZero();
    }

    @Test
    void findByKeyReadsOnlyThePartitionOfTheKey() {
        int partition = ReadSpec.partitionForKey("user-42".getBytes(StandardCharsets.UTF_8), 6);
        for (int p = 0; p < 6; p++) {
            scans.records.add(record("orders", p, 0, T0, "user-42", "wrong partition or right one"));
            scans.records.add(record("orders", p, 1, T0 + 1, "user-7", "other key"));
        }
        model.keyProperty().set("user-42");

        assertThat(model.findByKey()).isTrue();

        assertThat(scans.last().spec.partitions()).containsExactly(partition);
        assertThat(model.records()).singleElement().satisfies(r -> {
            assertThat(r.partition()).isEqualTo(partition);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("user-42");
        });
        assertThat(model.progressTextProperty().get()).startsWith("Key in partition " + partition);

        model.keyProperty().set("");
        assertThat(model.findByKey()).isFalse();
        assertThat(model.problemProperty().get()).isEqualTo("Type the key to find.");
    }

    @Test
    void aFilterOnPartitionsNarrowsTheRead() {
        model.filterProperty().set("partition == 2 or partition == 4");
        model.read();
        assertThat(scans.last().spec.partitions()).containsExactlyInAnyOrder(2, 4);

        model.form().partitionsProperty().set("0,1");
        int opened = scans.opened.size();
        model.read();
        assertThat(scans.opened).as("nothing can match: no scan").hasSize(opened);
        assertThat(model.progressTextProperty().get()).contains("rules out every chosen partition");
    }

    @Test
    void aLiveTailHandsBatchesToTheTableOncePerFrameAndKeepsTheNewest() {
        model.tailCapacityProperty().set(1000);
        int timers = executor.activePeriodicCount();
        List<Integer> sizesAfterTicks = new ArrayList<>();
        scans.script = scan -> {
            scan.deliver(records(0, 300));
            assertThat(model.records()).as("nothing before the frame").isEmpty();
            executor.tick();
            sizesAfterTicks.add(model.records().size());
            scan.deliver(records(300, 400));
            scan.deliver(records(700, 400));
            scan.deliver(records(1100, 400));
            executor.tick();
            sizesAfterTicks.add(model.records().size());
            assertThat(model.reads().uiUpdates()).as("one table update per frame, not per batch").isEqualTo(2);
            // No frame for a long time: the worker side stays bounded too.
            for (int i = 0; i < 10; i++) {
                scan.deliver(records(1500 + i * 500, 500));
            }
            assertThat(model.reads().session().pending().size()).isEqualTo(1000);
            assertThat(executor.activePeriodicCount()).as("the frame tick").isEqualTo(timers + 1);
        };

        assertThat(model.tail()).isTrue();

        assertThat(sizesAfterTicks).containsExactly(300, 1000);
        assertThat(scans.last().spec.start()).isEqualTo(StartAt.latest(0));
        assertThat(scans.last().spec.stop()).isEqualTo(StopAt.live());
        assertThat(model.records()).hasSize(1000);
        assertThat(model.records().get(0).offset()).isEqualTo(5500);
        assertThat(model.records().get(999).offset()).isEqualTo(6499);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(executor.activePeriodicCount()).as("the frame tick stops with the read").isEqualTo(timers);
    }

    @Test
    void pauseKeepsReadingIntoTheBufferAndResumeShowsIt() {
        scans.script = scan -> {
            scan.deliver(records(0, 10));
            executor.tick();
            model.pause();
            scan.deliver(records(10, 20));
            executor.tick();
            assertThat(model.records()).hasSize(10);
            assertThat(model.progressTextProperty().get()).startsWith("Paused").contains("20 waiting");
            model.resume();
            assertThat(model.records()).hasSize(30);
            model.stop();
            scan.deliver(records(30, 5));
            executor.tick();
        };

        model.tail();

        assertThat(scans.last().cancelled).isTrue();
        assertThat(model.records()).as("records after stop are ignored").hasSize(30);
        assertThat(model.progressTextProperty().get()).startsWith("Stopped");
    }

    @Test
    void aNewReadCancelsTheRunningOne() {
        List<KafkaRecord> first = records(0, 5);
        List<KafkaRecord> second = records(100, 3);
        ScriptedScans.Script secondScript = scan -> scan.deliver(second);
        scans.script = scan -> {
            scan.deliver(first);
            scans.script = secondScript;
            model.read();
            assertThat(scan.cancelled).isTrue();
            scan.deliver(records(200, 5));
            executor.tick();
        };

        model.tail();

        assertThat(scans.opened).hasSize(2);
        assertThat(model.records()).containsExactlyElementsOf(second);
        assertThat(model.liveProperty().get()).isFalse();
    }

    @Test
    void aReadQueuedBehindANewerOneNeverStarts() {
        executor.holdWork();
        model.read();
        model.read();
        executor.runPending();
        assertThat(scans.opened).hasSize(1);
    }

    @Test
    void failuresAreOneLine() {
        scans.failure = new ClusterException("cannot reach cluster local-a: connection refused", null);
        assertThat(model.read()).isTrue();
        assertThat(model.problemProperty().get()).isEqualTo("cannot reach cluster local-a: connection refused");
        assertThat(model.runningProperty().get()).isFalse();

        scans.failure = null;
        model.selectedTopicProperty().set("nope");
        assertThat(model.problemProperty().get()).isEqualTo("Topic nope: topic nope does not exist on cluster local-a");
    }

    @Test
    void anotherTopicClearsTheResultsAndTheSelection() {
        scans.records.addAll(records(0, 3));
        model.read();
        model.selectedRecordProperty().set(model.records().get(1));

        model.selectedTopicProperty().set("payments");

        assertThat(model.records()).isEmpty();
        assertThat(model.selectedRecordProperty().get()).isNull();
        assertThat(model.partitionCountProperty().get()).isEqualTo(1);
    }

    private static List<KafkaRecord> records(int firstOffset, int count) {
        List<KafkaRecord> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = firstOffset + i;
            list.add(record("orders", 0, offset, T0 + offset, "k" + offset, "v" + offset));
        }
        return list;
    }

    private static String value(KafkaRecord r) {
        return new String(r.value(), StandardCharsets.UTF_8);
    }
}
