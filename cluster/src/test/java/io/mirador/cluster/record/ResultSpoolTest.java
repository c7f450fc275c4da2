package io.mirador.cluster.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ResultSpoolTest {

    @Test
    void pagesAnyRangeBackExactlyAsAppended() {
        try (ResultSpool spool = new ResultSpool()) {
            List<KafkaRecord> all = new ArrayList<>();
            for (int batch = 0; batch < 10; batch++) {
                List<KafkaRecord> records = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    int n = batch * 100 + i;
                    records.add(new KafkaRecord("t", n % 4, n, 1000L + n, TimestampType.LOG_APPEND_TIME,
                            n % 7 == 0 ? null : new byte[] {(byte) n, (byte) 0xFF},
                            ("value " + n).getBytes(StandardCharsets.UTF_8),
                            List.of(new KafkaRecord.RecordHeader("h", n % 3 == 0 ? null : new byte[] {1})), n % 5));
                }
                spool.append(records);
                all.addAll(records);
            }
            assertThat(spool.size()).isEqualTo(1000);

            List<KafkaRecord> page = spool.read(250, 300);
            assertThat(page).hasSize(300);
            for (int i = 0; i < page.size(); i++) {
                KafkaRecord expected = all.get(250 + i);
                KafkaRecord actual = page.get(i);
                assertThat(actual).isEqualTo(expected);
                assertThat(actual.key()).isEqualTo(expected.key());
                assertThat(actual.value()).isEqualTo(expected.value());
                assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
                assertThat(actual.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
                assertThat(actual.leaderEpoch()).isEqualTo(expected.leaderEpoch());
                assertThat(actual.recordHeaders().get(0).value()).isEqualTo(expected.recordHeaders().get(0).value());
            }
            assertThat(spool.read(990, 50)).hasSize(10);
            assertThat(spool.read(1000, 5)).isEmpty();
        }
    }
}
