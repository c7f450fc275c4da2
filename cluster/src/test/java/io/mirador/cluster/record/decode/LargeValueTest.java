package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A 20 MB value never costs more than what is shown. Work is shown to be bounded by its effects, not timed:
 * a defect placed past the shown part of a huge value goes unnoticed, which it could not if the whole value
 * were read; and no output ever exceeds the limit.
 */
class LargeValueTest {

    private static final int MB = 1024 * 1024;
    private static final int MAX = 100_000;

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void everyFormatStaysWithinTheLimitOnTwentyMegabytesOfBinary() {
        byte[] value = random(20 * MB);
        for (Format format : Format.values()) {
            Decoded decoded = Decoder.decode(value, format, DecodeContext.none(), MAX);
            assertThat(decoded.text().length()).as(format.name()).isLessThanOrEqualTo(MAX);
        }
    }

    @Test
    void hexDumpProcessesOnlyTheLinesShown() {
        Decoded decoded = Decoder.decode(random(20 * MB), Format.HEX, DecodeContext.none(), MAX);
        int lines = MAX / PlainDecoding.HEX_LINE_CHARS;
        assertThat(decoded.text().lines().count()).isEqualTo(lines);
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.note()).isEqualTo("showing the first " + PlainDecoding.size(lines * 16L) + " of 20.0 MB");
        assertThat(decoded.text().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith(String.format("%08x  ", (lines - 1) * 16));
    }

    @Test
    void base64IsCut() {
        Decoded decoded = Decoder.decode(random(20 * MB), Format.BASE64, DecodeContext.none(), MAX);
        assertThat(decoded.text()).hasSize(MAX);
        assertThat(decoded.truncated()).isTrue();
    }

    @Test
    void hugeTextIsReadOnlyAsFarAsShown() {
        byte[] value = new byte[20 * MB];
        Arrays.fill(value, (byte) 'a');
        value[value.length - 1] = (byte) 0xff; // invalid UTF-8, far past what is shown
        Decoded decoded = Decoder.decode(value, Format.AUTO, DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(decoded.text()).hasSize(MAX);
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.note()).isEqualTo("showing the first 97.7 KB of 20.0 MB");
    }

    @Test
    void hugeJsonIsLaidOutOnlyAsFarAsShown() {
        ByteArrayOutputStream json = new ByteArrayOutputStream(21 * MB);
        json.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        byte[] item = "{\"id\":12345,\"name\":\"somebody\"},".getBytes(StandardCharsets.UTF_8);
        while (json.size() < 20 * MB) {
            json.writeBytes(item);
        }
        json.writeBytes("oops".getBytes(StandardCharsets.UTF_8)); // broken, far past what is shown
        Decoded decoded = Decoder.decode(json.toByteArray(), Format.AUTO, DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.JSON);
        assertThat(decoded.json()).isTrue();
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.text().length()).isLessThanOrEqualTo(MAX);
        assertThat(decoded.text()).startsWith("[\n  {\n    \"id\": 12345,\n    \"name\": \"somebody\"\n  },");
        assertThat(decoded.note()).isEqualTo("large value: JSON laid out and checked only as far as shown");
    }

    @Test
    void jsonUpToOneMegabyteIsCheckedToTheEnd() {
        StringBuilder json = new StringBuilder("[");
        while (json.length() < MB / 2) {
            json.append("{\"id\":1},");
        }
        json.append("oops");
        Decoded decoded = Decoder.decode(json.toString().getBytes(StandardCharsets.UTF_8), Format.AUTO,
                DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(decoded.truncated()).isTrue();
    }

    @Test
    void oneHugeJsonStringIsCutNotRefused() {
        byte[] value = new byte[20 * MB];
        Arrays.fill(value, (byte) 'x');
        byte[] head = "{\"blob\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, value, 0, head.length);
        value[value.length - 2] = '"';
        value[value.length - 1] = '}';
        Decoded decoded = Decoder.decode(value, Format.JSON, DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.JSON);
        assertThat(decoded.text()).startsWith("{\n  \"blob\": \"xxx").hasSize(MAX);
        assertThat(decoded.truncated()).isTrue();
    }

    @Test
    void hugeProtobufWithoutSchemaIsCut() {
        ByteArrayOutputStream proto = new ByteArrayOutputStream();
        proto.write(0x08); // field 1, varint
        proto.write(0x96);
        proto.write(0x01); // 150
        proto.write(0x12); // field 2, length-delimited
        int length = 20 * MB;
        while (length >= 0x80) { // varint length
            proto.write((length & 0x7f) | 0x80);
            length >>>= 7;
        }
        proto.write(length);
        byte[] text = new byte[20 * MB];
        Arrays.fill(text, (byte) 'z');
        proto.writeBytes(text);
        Decoded decoded = Decoder.decode(proto.toByteArray(), Format.PROTOBUF, DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.PROTOBUF);
        assertThat(decoded.text()).startsWith("1: 150\n2: \"zzz");
        assertThat(decoded.text().length()).isLessThanOrEqualTo(MAX);
        assertThat(decoded.truncated()).isTrue();
    }
}
