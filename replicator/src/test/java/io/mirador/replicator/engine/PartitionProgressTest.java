package io.mirador.replicator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("t", 0), "t", 0, 10,
            io.mirador.replicator.state.TopicIdentity.UNKNOWN);

    @Test
    void inOrderAcksMoveTheCheckpoint() {
        progress.sending(10);
        progress.sending(11);
        progress.acked(10, 100, 5);
        assertThat(progress.ackedNext).isEqualTo(11);
        progress.acked(11, 101, 5);
        assertThat(progress.ackedNext).isEqualTo(12);
        assertThat(progress.lastTargetOffset).isEqualTo(101);
        assertThat(progress.copiedRecords).isEqualTo(2);
    }

    @Test
    void anAckThatOvertakesAnEarlierRecordDoesNotMoveThePastIt() {
        progress.sending(10);
        progress.sending(11);
        progress.sending(12);
        progress.acked(11, 200, 5);
        progress.acked(12, 201, 5);
        assertThat(progress.ackedNext).as("10 is not acknowledged yet").isEqualTo(10);
        progress.acked(10, 202, 5);
        assertThat(progress.ackedNext).isEqualTo(13);
        assertThat(progress.inFlightCount()).isZero();
    }

    @Test
    void aFailureFreezesTheCheckpointUntilRewind() {
        progress.sending(10);
        progress.sending(11);
        progress.sendFailed();
        progress.acked(11, 300, 5);
        assertThat(progress.ackedNext).isEqualTo(10);
        progress.rewind();
        assertThat(progress.inFlightCount()).isZero();
        progress.sending(10);
        progress.acked(10, 301, 5);
        assertThat(progress.ackedNext).isEqualTo(11);
    }

    @Test
    void skipFollowsThePositionOnlyWithNothingInFlight() {
        progress.sending(10);
        progress.skipTo(15);
        assertThat(progress.ackedNext).isEqualTo(10);
        progress.acked(10, 1, 5);
        progress.skipTo(15);
        assertThat(progress.ackedNext).as("a transaction marker at 11..14 is passed").isEqualTo(15);
    }
}
