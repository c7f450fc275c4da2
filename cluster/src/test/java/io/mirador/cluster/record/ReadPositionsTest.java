package io.mirador.cluster.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ReadPositionsTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void parsesEveryStartForm() {
        assertThat(StartAt.parse("earliest", PARIS)).isEqualTo(new StartAt.Earliest());
        assertThat(StartAt.parse("latest", PARIS)).isEqualTo(new StartAt.Latest(0));
        assertThat(StartAt.parse("latest-1000", PARIS)).isEqualTo(new StartAt.Latest(1000));
        assertThat(StartAt.parse("42", PARIS)).isEqualTo(new StartAt.AtOffset(42));
        assertThat(StartAt.parse("2026-11-25T10:00:00Z", PARIS))
                .isEqualTo(new StartAt.AtTime(Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(StartAt.parse("2026-11-25T11:00", PARIS)).as("a time without zone is in the given zone")
                .isEqualTo(new StartAt.AtTime(Instant.parse("2026-11-25T10:00:00Z")));
        assertThat(StartAt.parse("2026-11-25", ZoneOffset.UTC))
                .isEqualTo(new StartAt.AtTime(Instant.parse("2026-11-25T00:00:00Z")));
        assertThat(StartAt.parse("@1764064800000", PARIS))
                .isEqualTo(new StartAt.AtTime(Instant.ofEpochMilli(1764064800000L)));
    }

    @Test
    void parsesEveryStopForm() {
        assertThat(StopAt.parse("end", PARIS)).isEqualTo(new StopAt.AtEnd());
        assertThat(StopAt.parse("live", PARIS)).isEqualTo(new StopAt.Live());
        assertThat(StopAt.parse("500", PARIS)).isEqualTo(new StopAt.AtOffset(500));
        assertThat(StopAt.parse("2026-11-25T10:00:00+01:00", PARIS))
                .isEqualTo(new StopAt.AtTime(Instant.parse("2026-11-25T09:00:00Z")));
    }

    @Test
    void explainsWhatItCannotRead() {
        assertThatThrownBy(() -> StartAt.parse("yesterday", PARIS)).hasMessageStartingWith("cannot read 'yesterday' as a start")
                .hasMessageContaining("use earliest, latest, latest-N, an offset");
        // A stop lists the stop's own forms, not the start's.
        assertThatThrownBy(() -> StopAt.parse("tomorrow", PARIS)).hasMessageStartingWith("cannot read 'tomorrow' as a stop")
                .hasMessageContaining("use end, live, an offset").hasMessageNotContaining("earliest");
        assertThatThrownBy(() -> StartAt.parse("latest-x", PARIS)).hasMessage("'latest-x' needs a whole number ≥ 0");
        assertThatThrownBy(() -> new ReadSpec("t", null, StartAt.earliest(), StopAt.end(), null, 0))
                .hasMessage("a read needs a limit ≥ 1");
    }

    @Test
    void findsTheKeysPartitionLikeTheJavaProducer() {
        // Values from Kafka's own partitioner for these keys (murmur2, toPositive, modulo).
        byte[] key = "user-42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int expected = org.apache.kafka.clients.producer.internals.BuiltInPartitioner.partitionForKey(key, 12);
        assertThat(ReadSpec.partitionForKey(key, 12)).isEqualTo(expected);
    }
}
