package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Avro in the Schema Registry wire format, with schemas fetched over HTTP from a registry on a real port. */
class AvroRegistryTest {

    private static final int MAX = Decoder.DEFAULT_MAX_CHARS;

    private TestRegistry registry;

    @BeforeEach
    void start() throws IOException {
        registry = new TestRegistry().put(1, null, AvroFixtures.USER_SCHEMA);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private DecodeContext context() {
        return DecodeContext.withRegistry(new SchemaRegistryClient(registry.url()));
    }

    @Test
    void autoDecodesWireFormatWithTheRegistrySchema() {
        Decoded decoded = Decoder.decode(AvroFixtures.wire(1, AvroFixtures.rawUser()), Format.AUTO, context(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.AVRO);
        assertThat(decoded.json()).isTrue();
        assertThat(decoded.truncated()).isFalse();
        assertThat(decoded.text()).isEqualTo(AvroFixtures.USER_JSON);
        assertThat(decoded.note()).isEqualTo("schema id 1");
    }

    @Test
    void explicitAvroAndTheCacheAskTheRegistryOnce() {
        DecodeContext context = context();
        byte[] value = AvroFixtures.wire(1, AvroFixtures.rawUser());
        for (int i = 0; i < 5; i++) {
            assertThat(Decoder.decode(value, Format.AVRO, context, MAX).text()).isEqualTo(AvroFixtures.USER_JSON);
        }
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void unknownSchemaIdIsExplainedOnceAndShownAsHex() {
        DecodeContext context = context();
        byte[] value = AvroFixtures.wire(99, AvroFixtures.rawUser());
        Decoded decoded = Decoder.decode(value, Format.AUTO, context, MAX);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).isEqualTo("schema id 99 not found in registry " + registry.url()
                + ": shown as hex");
        Decoder.decode(value, Format.AUTO, context, MAX);
        assertThat(registry.requests()).as("the failure is remembered for a while").isEqualTo(1);
    }

    @Test
    void registryDownIsOneClearLineAndHex() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DecodeContext down = DecodeContext.withRegistry(new SchemaRegistryClient("http://127.0.0.1:" + port));
        Decoded decoded = Decoder.decode(AvroFixtures.wire(1, AvroFixtures.rawUser()), Format.AUTO, down, MAX);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).startsWith("schema registry http://127.0.0.1:" + port + " unreachable")
                .endsWith(": shown as hex").doesNotContain("\n");
        assertThat(decoded.text()).startsWith("00000000  00 00 00 00 01");
    }

    @Test
    void registryThatNeverAnswersTimesOut() throws IOException {
        // The kernel accepts the connection into the backlog; nobody ever reads the request.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            DecodeContext context = DecodeContext.withRegistry(new SchemaRegistryClient(url, Duration.ofMillis(300)));
            Decoded decoded = Decoder.decode(AvroFixtures.wire(1, AvroFixtures.rawUser()), Format.AUTO, context, MAX);
            assertThat(decoded.format()).isEqualTo(Format.HEX);
            assertThat(decoded.note()).isEqualTo("schema registry " + url + " did not answer within 300 ms: shown as hex");
        }
    }

    @Test
    void bytesThatDoNotFitTheSchemaAreExplained() {
        byte[] value = AvroFixtures.wire(1, new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0x7f});
        Decoded decoded = Decoder.decode(value, Format.AVRO, context(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.HEX);
        assertThat(decoded.note()).startsWith("value does not read with Avro schema id 1: ").endsWith(": shown as hex");
    }

    @Test
    void textValuesStayTextWhenARegistryIsConfigured() {
        Decoded decoded = Decoder.decode("hello".getBytes(StandardCharsets.UTF_8), Format.AUTO, context(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.STRING);
        assertThat(registry.requests()).isZero();
    }

    @Test
    void jsonSchemaValuesAreJson() {
        registry.put(3, "JSON", "{\"type\":\"object\"}");
        byte[] value = AvroFixtures.wire(3, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        Decoded decoded = Decoder.decode(value, Format.AUTO, context(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.JSON);
        assertThat(decoded.text()).isEqualTo("{\n  \"ok\": true\n}");
        assertThat(decoded.note()).isEqualTo("schema id 3 (JSON Schema)");
    }

    @Test
    void basicAuthComesFromTheUrlAndNeverShows() {
        String header = "Basic " + Base64.getEncoder().encodeToString("ana:s3cr+t".getBytes(StandardCharsets.UTF_8));
        registry.requireBasicAuth(header);
        String base = "127.0.0.1:" + registry.port();
        SchemaRegistryClient good = new SchemaRegistryClient("http://ana:s3cr%2Bt@" + base);
        byte[] value = AvroFixtures.wire(1, AvroFixtures.rawUser());
        assertThat(Decoder.decode(value, Format.AUTO, DecodeContext.withRegistry(good), MAX).text())
                .isEqualTo(AvroFixtures.USER_JSON);
        assertThat(good.toString()).doesNotContain("s3cr").contains("with credentials");
        assertThat(good.displayUrl()).isEqualTo("http://" + base);

        SchemaRegistryClient bad = new SchemaRegistryClient("http://ana:wrongpass@" + base);
        Decoded refused = Decoder.decode(value, Format.AUTO, DecodeContext.withRegistry(bad), MAX);
        assertThat(refused.note()).isEqualTo("schema registry http://" + base
                + " refused access (HTTP 401): check the user and password in the registry URL: shown as hex")
                .doesNotContain("wrongpass");
    }

    @Test
    void clientDirectlyReportsTypesAndRejectsBadUrls() throws RegistryException {
        registry.put(2, "PROTOBUF", "syntax = \"proto3\"; message M { int32 a = 1; }");
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url() + "/");
        assertThat(client.schema(1).type()).isEqualTo(RegistrySchema.Type.AVRO);
        assertThat(client.schema(2).type()).isEqualTo(RegistrySchema.Type.PROTOBUF);
        assertThat(client.schema(2).text()).contains("message M");
        assertThatThrownBy(() -> new SchemaRegistryClient("ftp://x:y@host")).hasMessage(
                "the schema registry URL must start with http:// or https://");
        assertThat(SchemaRegistryClient.forUrl("  ")).isEmpty();
    }
}
