package io.mirador.ui.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(1023)).isEqualTo("1023 B");
        assertThat(Formats.bytes(1024)).isEqualTo("1.0 KB");
        assertThat(Formats.bytes(12_595)).isEqualTo("12.3 KB");
        assertThat(Formats.bytes(5L * 1024 * 1024 + 512 * 1024)).isEqualTo("5.5 MB");
        assertThat(Formats.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GB");
    }

    @Test
    void bytesNeverPrint1024OfAUnit() {
        assertThat(Formats.bytes(1024 * 1024 - 1)).isEqualTo("1.0 MB");
    }

    @Test
    void unknownSizeIsADash() {
        assertThat(Formats.bytes(-1)).isEqualTo("–");
    }

    @Test
    void countsAreGrouped() {
        assertThat(Formats.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Formats.count(7)).isEqualTo("7");
    }

    @Test
    void kafkaDocumentationLosesItsHtml() {
        assertThat(Formats.plainText("The <code>log.retention.ms</code> wins over <code>log.retention.hours</code>."
                + "<p>Values &lt; 0 mean <em>no limit</em> &amp; more.</p><ul><li>one</li><li>two</li></ul>"))
                .isEqualTo("The log.retention.ms wins over log.retention.hours. Values < 0 mean no limit & more. one two");
        assertThat(Formats.plainText("Plain text stays as it is, a < b.")).isEqualTo("Plain text stays as it is, a < b.");
        assertThat(Formats.plainText(null)).isNull();
    }
}
