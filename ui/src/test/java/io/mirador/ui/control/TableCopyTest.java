package io.mirador.ui.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a copied cell reads like in a spreadsheet: raw numbers, but no float noise. */
class TableCopyTest {

    @Test
    void ratesAreRoundedToThreeDecimalsAndOtherValuesStayRaw() {
        assertThat(TableCopy.cellText(1.6055134613462372)).isEqualTo("1.606");
        assertThat(TableCopy.cellText(12.0)).isEqualTo("12");
        assertThat(TableCopy.cellText(0.0004)).isEqualTo("0");
        assertThat(TableCopy.cellText(Double.NaN)).isEqualTo("NaN");
        assertThat(TableCopy.cellText(1_234_567L)).isEqualTo("1234567");
        assertThat(TableCopy.cellText("orders")).isEqualTo("orders");
        assertThat(TableCopy.cellText(null)).isEmpty();
    }
}
