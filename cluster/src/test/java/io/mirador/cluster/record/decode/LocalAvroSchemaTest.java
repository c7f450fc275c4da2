package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Avro read with a schema from a local .avsc file: raw binary or wire format, and bytes it cannot read. */
class LocalAvroSchemaTest {

    private static final int MAX = Decoder.DEFAULT_MAX_CHARS;

    @TempDir
    Path dir;

    private DecodeContext localContext() throws IOException {
        Path file = dir.resolve("user.avsc");
        Files.writeString(file, AvroFixtures.USER_SCHEMA);
        return DecodeContext.none().withLocalAvroSchema(DecodeContext.readAvroSchema(file));
    }

    @Test
    void rawBinaryWithTheFileSchema() throws IOException {
        DecodeContext context = localContext();
        for (Format format : new Format[] {Format.AVRO, Format.AUTO}) {
            Decoded decoded = Decoder.decode(AvroFixtures.rawUser(), format, context, MAX);
            assertThat(decoded.format()).isEqualTo(Format.AVRO);
            assertThat(decoded.text()).isEqualTo(AvroFixtures.USER_JSON);
            assertThat(decoded.note()).isEqualTo("local schema shop.User");
        }
    }

    @Test
    void wireFormatWithTheFileSchema() throws IOException {
        Decoded decoded = Decoder.decode(AvroFixtures.wire(77, AvroFixtures.rawUser()), Format.AVRO, localContext(),
                MAX);
        assertThat(decoded.format()).isEqualTo(Format.AVRO);
        assertThat(decoded.text()).isEqualTo(AvroFixtures.USER_JSON);
        assertThat(decoded.note()).isEqualTo("local schema shop.User, wire format (schema id 77 not checked)");
    }

    @Test
    void autoLeavesValuesTheSchemaCannotReadToTheOtherFormats() throws IOException {
        DecodeContext context = localContext();
        assertThat(Decoder.decode("plain text".getBytes(StandardCharsets.UTF_8), Format.AUTO, context, MAX).format())
                .isEqualTo(Format.STRING);
        Decoded explicit = Decoder.decode("plain text".getBytes(StandardCharsets.UTF_8), Format.AVRO, context, MAX);
        assertThat(explicit.format()).isEqualTo(Format.HEX);
        assertThat(explicit.note()).isEqualTo("the value does not read with the local schema shop.User: shown as hex");
    }

    @Test
    void localSchemaStandsInWhenTheRegistryIsDown() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DecodeContext context = DecodeContext.withRegistry(new SchemaRegistryClient("http://127.0.0.1:" + port))
                .withLocalAvroSchema(AvroFixtures.userSchema());
        Decoded decoded = Decoder.decode(AvroFixtures.wire(1, AvroFixtures.rawUser()), Format.AVRO, context, MAX);
        assertThat(decoded.format()).isEqualTo(Format.AVRO);
        assertThat(decoded.text()).isEqualTo(AvroFixtures.USER_JSON);
        assertThat(decoded.note()).startsWith("schema registry http://127.0.0.1:" + port + " unreachable")
                .endsWith("; local schema shop.User, wire format (schema id 1 not checked)");
    }

    @Test
    void impossibleLengthsFailAtOnceInsteadOfAllocating() {
        // A string claiming 2^30 bytes, and an array of nulls claiming 2^40 items: corrupt, not a gigabyte.
        DecodeContext strings = DecodeContext.none().withLocalAvroSchema(Schema.create(Schema.Type.STRING));
        Decoded string = Decoder.decode(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'a'},
                Format.AVRO, strings, MAX);
        assertThat(string.format()).isEqualTo(Format.HEX);
        DecodeContext nulls = DecodeContext.none().withLocalAvroSchema(
                new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"null\"}"));
        Decoded array = Decoder.decode(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, 0x40}, Format.AVRO, nulls, MAX);
        assertThat(array.format()).isEqualTo(Format.HEX);
    }

    @Test
    void outputIsCutAtTheLimit() throws IOException {
        Schema strings = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"string\"}");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
        new org.apache.avro.generic.GenericDatumWriter<Object>(strings).write(
                java.util.Collections.nCopies(1000, "item"), encoder);
        encoder.flush();
        Decoded decoded = Decoder.decode(out.toByteArray(), Format.AVRO,
                DecodeContext.none().withLocalAvroSchema(strings), 256);
        assertThat(decoded.format()).isEqualTo(Format.AVRO);
        assertThat(decoded.text()).hasSize(256).startsWith("[\n  \"item\",\n  \"item\"");
        assertThat(decoded.truncated()).isTrue();
        assertThat(decoded.note()).isEqualTo("local schema array; output cut at 256 characters");
    }

    @Test
    void invalidSchemaFileIsOneLine() throws IOException {
        Path file = dir.resolve("broken.avsc");
        Files.writeString(file, "{\"type\": \"record\", \"name\": \"X\"}");
        assertThatThrownBy(() -> DecodeContext.readAvroSchema(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("broken.avsc is not a valid Avro schema: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
