package io.mirador.ui.page.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MessagesPreviewsTest {

    @Test
    void textIsOneLineAndShort() {
        assertThat(Previews.of("hello\nworld\tok".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello world ok");
        assertThat(Previews.of(null)).isEqualTo("(null)");
        assertThat(Previews.of(new byte[0])).isEmpty();
        String longText = "é".repeat(500);
        assertThat(Previews.of(longText.getBytes(StandardCharsets.UTF_8))).hasSize(Previews.TEXT_CHARS + 1).endsWith("…");
    }

    @Test
    void aHugeValueCostsOnlyItsFirstBytes() {
        byte[] huge = new byte[20 << 20];
        Arrays.fill(huge, (byte) 'x');
        long started = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            assertThat(Previews.of(huge)).hasSize(Previews.TEXT_CHARS + 1);
        }
        assertThat(System.nanoTime() - started).as("1,000 previews of 20 MB").isLessThan(2_000_000_000L);
    }

    @Test
    void binaryIsShownAsHex() {
        byte[] binary = new byte[100];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        assertThat(Previews.of(binary)).startsWith("0x00254a6f 94").endsWith("…");
        assertThat(Previews.isBinary(binary)).isTrue();
        assertThat(Previews.of(new byte[] {1, 2})).isEqualTo("0x0102");
    }

    @Test
    void aCharacterCutByThePreviewLimitIsNotBinary() {
        // 4-byte characters: the byte limit of the prefix falls inside one of them.
        String emoji = "😀".repeat(300);
        assertThat(Previews.isBinary(emoji.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Previews.of(emoji.getBytes(StandardCharsets.UTF_8))).startsWith("😀😀").endsWith("…");
    }
}
