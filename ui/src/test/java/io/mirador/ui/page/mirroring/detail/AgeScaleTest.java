package io.mirador.ui.page.mirroring.detail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The record-age chart's axis: capped only when a backlog's age would flatten the usual values. */
class AgeScaleTest {

    @Test
    void aBacklogsAgeCapsTheAxisAboveTheUsualValues() {
        List<ChartSeries.Point> p99 = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Issue 18: old records copied at start, 4,000 s old, then 30-60 ms.
            p99.add(new ChartSeries.Point(i * 5_000L, i < 3 ? 4_000_000 : 30 + i % 30));
        }
        List<ChartSeries> lines = List.of(new ChartSeries("p99", p99));

        assertThat(AgeScale.cap(lines)).isEqualTo(200);
        assertThat(AgeScale.max(lines)).isEqualTo(4_000_000);
        assertThat(AgeScale.age(4_000_000)).isEqualTo("67 min");
    }

    @Test
    void usualValuesAndFewPointsAreNotCapped() {
        List<ChartSeries.Point> steady = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            steady.add(new ChartSeries.Point(i * 5_000L, 5 + i));
        }
        assertThat(AgeScale.cap(List.of(new ChartSeries("p99", steady)))).isNaN();
        assertThat(AgeScale.cap(List.of(new ChartSeries("p99",
                List.of(new ChartSeries.Point(0, 4_000_000), new ChartSeries.Point(5_000, 20)))))).isNaN();
        assertThat(AgeScale.cap(List.of())).isNaN();
    }

    @Test
    void agesReadAsPeopleSayThem() {
        assertThat(AgeScale.age(850)).isEqualTo("850 ms");
        assertThat(AgeScale.age(12_400)).isEqualTo("12.4 s");
        assertThat(AgeScale.age(5.2 * 3_600_000)).isEqualTo("5.2 h");
        assertThat(AgeScale.age(3 * 86_400_000.0)).isEqualTo("3.0 days");
        assertThat(AgeScale.roundUp(101)).isEqualTo(200);
        assertThat(AgeScale.roundUp(0.3)).isEqualTo(0.5);
    }
}
