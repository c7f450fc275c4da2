package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.Test;

/** What AUTO chooses, and that it never guesses numbers or UUIDs. */
class AutoDetectionTest {

    private static Decoded auto(byte[] bytes) {
        return Decoder.decode(bytes, Format.AUTO, DecodeContext.none(), Decoder.DEFAULT_MAX_CHARS);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonObjectsAndArraysArePrettyJson() {
        Decoded object = auto(utf8(" {\"user\":\"ana\",\"n\":2} "));
        assertThat(object.format()).isEqualTo(Format.JSON);
        assertThat(object.json()).isTrue();
        assertThat(object.text()).isEqualTo("{\n  \"user\": \"ana\",\n  \"n\": 2\n}");
        assertThat(auto(utf8("[1,2]")).format()).isEqualTo(Format.JSON);
    }

    @Test
    void bareJsonScalarsAndBrokenJsonAreText() {
        assertThat(auto(utf8("42")).format()).isEqualTo(Format.STRING);
        assertThat(auto(utf8("\"quoted\"")).format()).isEqualTo(Format.STRING);
        Decoded broken = auto(utf8("{not json}"));
        assertThat(broken.format()).isEqualTo(Format.STRING);
        assertThat(broken.text()).isEqualTo("{not json}");
        assertThat(broken.json()).isFalse();
    }

    @Test
    void printableUtf8IsText() {
        Decoded decoded = auto(utf8("order-17 → café\nline two"));
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(decoded.text()).isEqualTo("order-17 → café\nline two");
        assertThat(auto(utf8("ABCD")).format()).isEqualTo(Format.STRING); // 4 bytes, but text
    }

    @Test
    void binaryKeyIsHex() {
        byte[] key = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 0x49, 0x48, 0x44};
        Decoded decoded = auto(key);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.text()).startsWith("00000000  89 50 4e 47 00 00 00 0d  49 48 44");
        assertThat(decoded.text()).endsWith("|.PNG....IHD|");
        assertThat(decoded.note()).isNull();
    }

    @Test
    void validUtf8WithControlCharsIsNotText() {
        assertThat(auto(new byte[] {'a', 0, 'b', 1, 2}).format()).isEqualTo(Format.HEX);
    }

    @Test
    void numbersAndUuidsAreNotGuessed() {
        try (IntegerSerializer ints = new IntegerSerializer()) {
            Decoded four = auto(ints.serialize("t", 7));
            assertThat(four.format()).isEqualTo(Format.HEX);
            assertThat(four.note()).isEqualTo("4 bytes: choose INT to read a number");
        }
        assertThat(auto(new byte[8]).note()).isEqualTo("8 bytes: choose LONG or DOUBLE to read a number");
        byte[] sixteen = new byte[16];
        sixteen[0] = (byte) 0xfe;
        Decoded uuidSized = auto(sixteen);
        assertThat(uuidSized.format()).isEqualTo(Format.HEX);
        assertThat(uuidSized.note()).isEqualTo("16 bytes: choose UUID to read a UUID");
    }

    @Test
    void wireFormatWithoutARegistryIsHexWithAHint() {
        byte[] bytes = {0, 0, 0, 0, 9, 4, 'h', 'i', '!'};
        Decoded decoded = auto(bytes);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).isEqualTo("may be Schema Registry wire format (schema id 9): set a schema "
                + "registry URL on the connection to decode it");
    }

    @Test
    void emptyValue() {
        Decoded decoded = auto(new byte[0]);
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(decoded.text()).isEmpty();
        assertThat(decoded.note()).isEqualTo("empty (0 bytes)");
    }
}
