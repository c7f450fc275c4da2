package io.mirador.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.mirador.ui.service.history.Range;
import org.junit.jupiter.api.Test;

class HistoryChartTimeTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void labelsFollowTheZone() {
        long ms = ZonedDateTime.of(2024, 3, 4, 13, 5, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
        assertThat(HistoryChartTime.label(ms, Range.HOUR, ZoneOffset.UTC)).isEqualTo("13:05");
        assertThat(HistoryChartTime.label(ms, Range.DAY, PARIS)).isEqualTo("14:05");
        assertThat(HistoryChartTime.label(ms, Range.WEEK, ZoneOffset.UTC)).isEqualTo("Mon 4");
        assertThat(HistoryChartTime.caption(ZoneOffset.UTC)).isEqualTo("Time (UTC)");
        assertThat(HistoryChartTime.caption(PARIS)).isEqualTo("Local time (Europe/Paris)");
    }

    @Test
    void theAxisStartsOnARoundLocalTime() {
        long from = ZonedDateTime.of(2024, 3, 4, 13, 7, 42, 0, PARIS).toInstant().toEpochMilli();
        assertThat(HistoryChartTime.axisStart(from, Range.HOUR, PARIS))
                .isEqualTo(ZonedDateTime.of(2024, 3, 4, 13, 0, 0, 0, PARIS).toInstant().toEpochMilli());
        assertThat(HistoryChartTime.axisStart(from, Range.DAY, PARIS))
                .isEqualTo(ZonedDateTime.of(2024, 3, 4, 12, 0, 0, 0, PARIS).toInstant().toEpochMilli());
        assertThat(HistoryChartTime.axisStart(from, Range.WEEK, PARIS))
                .isEqualTo(ZonedDateTime.of(2024, 3, 4, 0, 0, 0, 0, PARIS).toInstant().toEpochMilli());
        assertThat(HistoryChartTime.tickMs(Range.HOUR)).isEqualTo(600_000L);
    }
}
