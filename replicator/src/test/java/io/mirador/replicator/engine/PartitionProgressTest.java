package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint of one partition over {@link SendBatch}es: it moves only over a contiguous prefix of complete
 * batches, whatever the order of acknowledgements, freezes on a failure and starts afresh on a rewind.
 */
class PartitionProgressTest {

    private static final TopicPartition TARGET = new TopicPartition("t", 0);

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("t", 0), "t", 0, 10,
            io.mirador.replicator.state.TopicIdentity.UNKNOWN);

    /** A batch of source offsets {@code from..to} (inclusive), sent and sealed. */
    private SendBatch sent(long from, long to) {
        SendBatch batch = progress.openBatch((int) (to - from + 1));
        for (long offset = from; offset <= to; offset++) {
            batch.add(offset, 5, System.currentTimeMillis());
        }
        batch.seal();
        return batch;
    }

    private static void ack(SendBatch batch, long targetOffset) {
        batch.onCompletion(new RecordMetadata(TARGET, targetOffset, 0, 0, 1, 4), null);
    }

    private static void fail(SendBatch batch) {
        batch.onCompletion(null, new org.apache.kafka.common.errors.TimeoutException("target down"));
    }

    @Test
    void inOrderAcksMoveTheCheckpointBatchByBatch() {
        SendBatch first = sent(10, 11);
        SendBatch second = sent(12, 12);
        ack(first, 100);
        assertThat(progress.ackedNext).as("one record of the batch is not acknowledged yet").isEqualTo(10);
        ack(first, 101);
        assertThat(progress.ackedNext).isEqualTo(12);
        assertThat(progress.lastTargetOffset).isEqualTo(101);
        ack(second, 102);
        assertThat(progress.ackedNext).isEqualTo(13);
        assertThat(progress.lastTargetOffset).isEqualTo(102);
        assertThat(progress.copiedRecords).isEqualTo(3);
        assertThat(progress.copiedBytes).isEqualTo(15);
        assertThat(progress.inFlightBatches()).isZero();
    }

    @Test
    void aBatchThatOvertakesAnEarlierOneDoesNotMoveTheCheckpointPastIt() {
        SendBatch first = sent(10, 10);
        SendBatch second = sent(11, 12);
        SendBatch third = sent(13, 13);
        ack(second, 200);
        ack(second, 201);
        ack(third, 202);
        assertThat(progress.ackedNext).as("10 is not acknowledged yet").isEqualTo(10);
        assertThat(progress.inFlightBatches()).isEqualTo(3);
        ack(first, 203);
        assertThat(progress.ackedNext).isEqualTo(14);
        assertThat(progress.lastTargetOffset).as("the target offset of the last batch passed").isEqualTo(202);
        assertThat(progress.inFlightBatches()).isZero();
    }

    @Test
    void acksThatArriveBeforeTheBatchIsSealedCompleteItAtTheSeal() {
        SendBatch batch = progress.openBatch(2);
        batch.add(10, 5, 0);
        ack(batch, 1);
        assertThat(progress.ackedNext).as("the batch may still grow").isEqualTo(10);
        batch.add(11, 5, 0);
        ack(batch, 2);
        assertThat(progress.ackedNext).isEqualTo(10);
        batch.seal();
        assertThat(progress.ackedNext).isEqualTo(12);
        assertThat(progress.lastTargetOffset).isEqualTo(2);
    }

    @Test
    void anEmptyBatchNeitherMovesNorHoldsTheCheckpoint() {
        SendBatch empty = progress.openBatch(0);
        SendBatch next = sent(10, 10);
        empty.seal();
        ack(next, 1);
        assertThat(progress.ackedNext).isEqualTo(11);
        assertThat(progress.inFlightBatches()).isZero();
    }

    @Test
    void aBatchGrowsPastItsExpectedSize() {
        SendBatch batch = progress.openBatch(1);
        for (long offset = 10; offset < 20; offset++) {
            batch.add(offset, 5, 0);
        }
        batch.seal();
        for (int i = 0; i < 9; i++) {
            ack(batch, i);
        }
        assertThat(progress.ackedNext).isEqualTo(10);
        ack(batch, 9);
        assertThat(progress.ackedNext).isEqualTo(20);
    }

    @Test
    void offsetsWithoutRecordsInsideABatchArePassedWithIt() {
        SendBatch batch = progress.openBatch(2);
        batch.add(10, 5, 0);
        batch.add(15, 5, 0); // 11..14: a transaction marker, compacted records
        batch.seal();
        ack(batch, 1);
        ack(batch, 2);
        assertThat(progress.ackedNext).isEqualTo(16);
    }

    @Test
    void aFailureFreezesTheCheckpointUntilRewindAndLateCallbacksChangeNothing() {
        SendBatch first = sent(10, 11);
        SendBatch second = sent(12, 12);
        ack(first, 300);
        fail(first);
        ack(second, 301);
        assertThat(progress.failed).isTrue();
        assertThat(progress.failure).hasMessage("target down");
        assertThat(progress.ackedNext).as("nothing moves past a failed record").isEqualTo(10);
        assertThat(progress.copiedRecords).as("acks after a failure do not count").isZero();

        progress.rewind();
        assertThat(progress.failed).isFalse();
        assertThat(progress.inFlightBatches()).isZero();
        SendBatch resent = sent(10, 12);
        fail(second); // the retired producer's late callbacks: neither a new failure ...
        ack(first, 302); // ... nor a completion of an abandoned batch
        assertThat(progress.failed).isFalse();
        assertThat(progress.ackedNext).isEqualTo(10);
        ack(resent, 303);
        ack(resent, 304);
        ack(resent, 305);
        assertThat(progress.ackedNext).isEqualTo(13);
        assertThat(progress.lastTargetOffset).isEqualTo(305);
    }

    @Test
    void aFailureInALaterBatchKeepsTheCheckpointOfTheBatchesBeforeIt() {
        SendBatch first = sent(10, 10);
        SendBatch second = sent(11, 11);
        ack(first, 1);
        fail(second);
        assertThat(progress.ackedNext).isEqualTo(11);
        progress.rewind();
        assertThat(progress.ackedNext).as("a rewind resends from the checkpoint, it never moves it").isEqualTo(11);
    }

    @Test
    void resetMovesTheCheckpointAndDropsWhatWasInFlight() {
        SendBatch old = sent(10, 10);
        progress.resetTo(50);
        ack(old, 1);
        assertThat(progress.ackedNext).isEqualTo(50);
        assertThat(progress.inFlightBatches()).isZero();
    }

    @Test
    void skipFollowsThePositionOnlyWithNothingInFlight() {
        SendBatch batch = sent(10, 10);
        progress.skipTo(15);
        assertThat(progress.ackedNext).isEqualTo(10);
        ack(batch, 1);
        progress.skipTo(15);
        assertThat(progress.ackedNext).as("a transaction marker at 11..14 is passed").isEqualTo(15);
    }

    @Test
    void latenciesAreRecordedPerRecord() {
        long now = System.currentTimeMillis();
        SendBatch batch = progress.openBatch(3);
        batch.add(10, 5, now - 1_000);
        batch.add(11, 5, now - 1_000);
        batch.add(12, 5, now);
        batch.seal();
        for (int i = 0; i < 3; i++) {
            ack(batch, i);
        }
        var window = progress.latency.snapshotAndReset();
        assertThat(window.count()).isEqualTo(3);
        assertThat(window.percentile(0.3)).isLessThan(100);
        assertThat(window.percentile(0.99)).isGreaterThan(900);
    }

    @Test
    void provenanceKeepsTheOriginAndEveryHop() {
        long a = Provenance.hop("cluster-a", "t");
        long b = Provenance.hop("cluster-b", "t");
        byte[] first = Provenance.first(3, 1_000_000_007L, a);
        Provenance read = Provenance.read(first);
        assertThat(read.visited(a)).isTrue();
        assertThat(read.visited(b)).isFalse();
        assertThat(read.originCluster()).isEqualTo(Provenance.hash("cluster-a"));
        byte[] second = read.then(b);
        assertThat(Provenance.read(second).visited(a)).isTrue();
        assertThat(Provenance.read(second).visited(b)).isTrue();
        assertThat(Provenance.HEADER.length() + second.length).isLessThanOrEqualTo(64);
        // The same cluster under another topic is another hop: a processor's output topic is still copied.
        assertThat(Provenance.read(second).visited(Provenance.hop("cluster-a", "t-enriched"))).isFalse();
        // Earlier versions' text header reads as one hop.
        Provenance old = Provenance.read("cluster-a/t/0/42".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(old.visited(a)).isTrue();
        assertThat(Provenance.read(new byte[] {1, (byte) 0x80})).isNull();
    }

    @Test
    void aLongChainKeepsTheOriginAndTheLatestHopsWithinTheBudget() {
        byte[] value = Provenance.first(0, Long.MAX_VALUE, Provenance.hop("c0", "t"));
        for (int i = 1; i < 8; i++) {
            value = Provenance.read(value).then(Provenance.hop("c" + i, "t"));
        }
        Provenance p = Provenance.read(value);
        assertThat(p.visited(Provenance.hop("c0", "t"))).isTrue();
        assertThat(p.visited(Provenance.hop("c7", "t"))).isTrue();
        assertThat(p.visited(Provenance.hop("c6", "t"))).isTrue();
        assertThat(p.visited(Provenance.hop("c1", "t"))).isFalse();
        assertThat(Provenance.HEADER.length() + value.length).isLessThanOrEqualTo(Provenance.MAX_BYTES);
    }

    /**
     * Acks from two threads racing with the worker's seals, in shuffled order within each batch and across
     * batches: every batch completes exactly once (the copied count is exact) and the checkpoint ends one past the
     * last record, never beyond.
     */
    @Test
    void concurrentAcksAndSealsEndAtTheLastOffset() throws Exception {
        int batches = 2_000;
        List<SendBatch> all = new ArrayList<>();
        List<Runnable> acks = new ArrayList<>();
        ExecutorService ackers = Executors.newFixedThreadPool(2);
        try {
            long offset = 10;
            Random random = new Random(7);
            for (int b = 0; b < batches; b++) {
                int size = 1 + random.nextInt(20);
                SendBatch batch = progress.openBatch(size);
                for (int i = 0; i < size; i++) {
                    batch.add(offset++, 5, 0);
                    long target = offset;
                    acks.add(() -> ack(batch, target));
                }
                all.add(batch);
            }
            Collections.shuffle(acks, random);
            int half = acks.size() / 2;
            CountDownLatch go = new CountDownLatch(1);
            for (List<Runnable> part : List.of(acks.subList(0, half), acks.subList(half, acks.size()))) {
                ackers.submit(() -> {
                    go.await();
                    part.forEach(Runnable::run);
                    return null;
                });
            }
            go.countDown();
            for (SendBatch batch : all) {
                batch.seal(); // the worker seals while acks race in
                assertThat(progress.ackedNext).isLessThanOrEqualTo(offset);
            }
            ackers.shutdown();
            assertThat(ackers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(progress.ackedNext).isEqualTo(offset);
            assertThat(progress.copiedRecords).isEqualTo(offset - 10);
            assertThat(progress.inFlightBatches()).isZero();
        } finally {
            ackers.shutdownNow();
        }
    }
}
