package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;
import org.junit.jupiter.api.Test;

/** Each explicit format, on bytes written the way Kafka's own serializers write them. */
class PlainFormatsTest {

    private static final int MAX = Decoder.DEFAULT_MAX_CHARS;

    private static Decoded decode(byte[] bytes, Format format) {
        return Decoder.decode(bytes, format, DecodeContext.none(), MAX);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stringShowsUtf8AndControlCharsAsPictures() {
        Decoded decoded = decode(utf8("héllo\u0000wörld\ttab"), Format.STRING);
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(decoded.text()).isEqualTo("héllo\u2400wörld\ttab");
        assertThat(decoded.truncated()).isFalse();
        assertThat(decoded.note()).isNull();
    }

    @Test
    void stringOfInvalidUtf8FallsBackToHex() {
        Decoded decoded = decode(new byte[] {'a', (byte) 0xc3, 'b'}, Format.STRING);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).isEqualTo("not valid UTF-8: shown as hex");
        assertThat(decoded.text()).startsWith("00000000  61 c3 62");
    }

    @Test
    void jsonIsPrettyPrinted() {
        Decoded decoded = decode(utf8("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{}}"), Format.JSON);
        assertThat(decoded.format()).isEqualTo(Format.JSON);
        assertThat(decoded.json()).isTrue();
        assertThat(decoded.text()).isEqualTo("""
                {
                  "a": 1,
                  "b": [
                    true,
                    null,
                    "x"
                  ],
                  "c": { }
                }""");
    }

    @Test
    void explicitJsonAcceptsScalarsButNotGarbage() {
        assertThat(decode(utf8("42"), Format.JSON).text()).isEqualTo("42");
        Decoded broken = decode(utf8("{\"a\":"), Format.JSON);
        assertThat(broken.format()).isEqualTo(Format.HEX);
        assertThat(broken.note()).startsWith("not valid JSON: ").endsWith(": shown as hex");
        Decoded two = decode(utf8("{} {}"), Format.JSON);
        assertThat(two.note()).isEqualTo("not valid JSON: more than one JSON value: shown as hex");
    }

    @Test
    void hexDumpHasTheClassicLayout() {
        Decoded decoded = decode(utf8("Hello, world! 0123456789\n"), Format.HEX);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.text()).isEqualTo(
                "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 20 30 31  |Hello, world! 01|\n"
                        + "00000010  32 33 34 35 36 37 38 39  0a                       |23456789.|");
        assertThat(decoded.text().lines()).allMatch(line -> line.length() == 78 || line.endsWith("|"));
    }

    @Test
    void emptyHexSaysSo() {
        Decoded decoded = decode(new byte[0], Format.HEX);
        assertThat(decoded.text()).isEmpty();
        assertThat(decoded.note()).isEqualTo("empty (0 bytes)");
    }

    @Test
    void base64() {
        Decoded decoded = decode(new byte[] {0, 1, 2, (byte) 0xff}, Format.BASE64);
        assertThat(decoded.format()).isEqualTo(Format.BASE64);
        assertThat(decoded.text()).isEqualTo("AAEC/w==");
    }

    @Test
    void numbersReadKafkaSerializers() {
        try (var ints = new IntegerSerializer(); var longs = new LongSerializer(); var doubles = new DoubleSerializer()) {
            assertThat(decode(ints.serialize("t", -42), Format.INT).text()).isEqualTo("-42");
            assertThat(decode(longs.serialize("t", 1764064800000L), Format.LONG).text()).isEqualTo("1764064800000");
            assertThat(decode(doubles.serialize("t", 3.25), Format.DOUBLE).text()).isEqualTo("3.25");
        }
    }

    @Test
    void numbersOfTheWrongWidthAreExplained() {
        Decoded decoded = decode(new byte[] {1, 2, 3}, Format.INT);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).isEqualTo("INT needs exactly 4 bytes, this value has 3: shown as hex");
        assertThat(decode(new byte[4], Format.LONG).note()).startsWith("LONG needs exactly 8 bytes");
    }

    @Test
    void uuidReadsKafkaUuidSerializerAndRawBytes() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        try (UUIDSerializer serializer = new UUIDSerializer()) {
            byte[] kafka = serializer.serialize("t", uuid);
            assertThat(kafka).hasSize(36); // Kafka writes the string form, not 16 bytes
            assertThat(decode(kafka, Format.UUID).text()).isEqualTo(uuid.toString());
        }
        java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        Decoded fromRaw = decode(raw.array(), Format.UUID);
        assertThat(fromRaw.text()).isEqualTo(uuid.toString());
        assertThat(fromRaw.note()).isEqualTo("16 raw bytes read as a UUID");
        Decoded notUuid = decode(utf8("1-1-1-1-1"), Format.UUID);
        assertThat(notUuid.format()).isEqualTo(Format.HEX);
        assertThat(notUuid.note()).startsWith("not a UUID");
    }

    @Test
    void nullIsATombstoneOrNoKey() {
        for (Format format : Format.values()) {
            Decoded decoded = decode(null, format);
            assertThat(decoded.format()).isEqualTo(Format.STRING);
            assertThat(decoded.text()).isEqualTo("null");
            assertThat(decoded.note()).contains("tombstone");
        }
    }

    @Test
    void avroAndProtobufWithoutAnySchemaExplainThemselves() {
        Decoded avro = decode(utf8("plain"), Format.AVRO);
        assertThat(avro.format()).isEqualTo(Format.HEX);
        assertThat(avro.note()).isEqualTo("no Avro schema: set a schema registry URL on the connection or load an "
                + ".avsc file: shown as hex");
        Decoded proto = decode(new byte[] {(byte) 0xff, (byte) 0xff}, Format.PROTOBUF);
        assertThat(proto.format()).isEqualTo(Format.HEX);
        assertThat(proto.note()).isEqualTo("no schema; not a Protobuf message: shown as hex");
    }
}
