package io.mirador.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateOptionTest {

    @Test
    void readsRecordsBytesAndBoth() {
        assertThat(RateOption.parse("5000/s")).isEqualTo(new RateOption(5000, 0));
        assertThat(RateOption.parse("5000")).isEqualTo(new RateOption(5000, 0));
        assertThat(RateOption.parse("10MB/s")).isEqualTo(new RateOption(0, 10_000_000));
        assertThat(RateOption.parse("1.5KB/s")).isEqualTo(new RateOption(0, 1_500));
        assertThat(RateOption.parse("512KiB/s")).isEqualTo(new RateOption(0, 512 * 1024));
        assertThat(RateOption.parse("5000/s, 10MB/s")).isEqualTo(new RateOption(5000, 10_000_000));
        assertThat(RateOption.parse("1GiB/s,20")).isEqualTo(new RateOption(20, 1L << 30));
    }

    @Test
    void explainsWhatItCannotRead() {
        assertThatThrownBy(() -> RateOption.parse("fast")).hasMessageContaining("cannot read 'fast' as a rate")
                .hasMessageContaining("5000/s,10MB/s");
        assertThatThrownBy(() -> RateOption.parse("10XB/s")).hasMessageContaining("unknown unit 'XB'");
        assertThatThrownBy(() -> RateOption.parse("1/s,2/s")).hasMessageContaining("two record rates");
        assertThatThrownBy(() -> RateOption.parse("1MB/s,2KB/s")).hasMessageContaining("two byte rates");
        assertThatThrownBy(() -> RateOption.parse("-5/s")).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> RateOption.parse("99999999999GB/s")).hasMessageContaining("too large");
    }
}
