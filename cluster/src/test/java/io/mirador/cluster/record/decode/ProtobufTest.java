package io.mirador.cluster.record.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protobuf in the Schema Registry wire format, with the .proto text served by a registry on a real port and
 * payloads written field by field with protobuf's CodedOutputStream (independent of the parser under test).
 */
class ProtobufTest {

    private static final int MAX = Decoder.DEFAULT_MAX_CHARS;

    static final String ORDER_PROTO = """
            syntax = "proto3";
            package shop.v1;

            import "google/protobuf/timestamp.proto";
            import "other/unknown.proto";
            option java_package = "com.example.shop";

            /* An order, as the registry stores it. */
            message Order {
              string id = 1;
              int64 quantity = 2;
              Status status = 3;
              repeated string tags = 4;
              map<string, int32> counts = 5; // becomes nested type CountsEntry, index 0
              Line first_line = 6;
              google.protobuf.Timestamp placed_at = 7;
              oneof payment {
                string card = 8;
                bytes token = 9;
              }
              uint64 big = 10 [jstype = JS_STRING, deprecated = true];
              double price = 11;
              message Line {
                string sku = 1;
                sint32 delta = 2;
              }
              enum Status { option allow_alias = true; STATUS_UNSPECIFIED = 0; PAID = 1; reserved 5; }
              reserved 20 to 30;
              option (custom.opt) = { a: 1 b: "x;y" };
            }

            message Refund {
              string order_id = 1;
            }

            service Orders {
              rpc Place(Order) returns (Order) { option idempotency_level = IDEMPOTENT; }
            }
            """;

    static final String ORDER_JSON = """
            {
              "id": "o-1",
              "quantity": 3,
              "status": "PAID",
              "tags": [
                "a",
                "b"
              ],
              "counts": {
                "x": 7
              },
              "first_line": {
                "sku": "sku-9",
                "delta": -2
              },
              "placed_at": {
                "seconds": 1700000000
              },
              "card": "visa",
              "big": 18446744073709551615,
              "price": 9.5,
              "#99": [
                5
              ]
            }""";

    private TestRegistry registry;

    @BeforeEach
    void start() throws IOException {
        registry = new TestRegistry().put(2, "PROTOBUF", ORDER_PROTO).put(4, "PROTOBUF", "this is not a proto");
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private DecodeContext context() {
        return DecodeContext.withRegistry(new SchemaRegistryClient(registry.url()));
    }

    private static byte[] message(Consumer<CodedOutputStream> fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        fields.accept(out);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface Writes {
        void write(CodedOutputStream out) throws IOException;
    }

    private static Consumer<CodedOutputStream> unchecked(Writes writes) {
        return out -> {
            try {
                writes.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static byte[] order() {
        byte[] entry = message(unchecked(out -> {
            out.writeString(1, "x");
            out.writeInt32(2, 7);
        }));
        byte[] line = message(unchecked(out -> {
            out.writeString(1, "sku-9");
            out.writeSInt32(2, -2);
        }));
        return message(unchecked(out -> {
            out.writeString(1, "o-1");
            out.writeInt64(2, 3);
            out.writeEnum(3, 1);
            out.writeString(4, "a");
            out.writeString(4, "b");
            out.writeByteArray(5, entry);
            out.writeByteArray(6, line);
            out.writeMessage(7, Timestamp.newBuilder().setSeconds(1_700_000_000L).build());
            out.writeString(8, "visa");
            out.writeUInt64(10, -1L);
            out.writeDouble(11, 9.5);
            out.writeUInt64(99, 5); // not in the schema: a newer writer's field
        }));
    }

    /** Wire format: header, then the message-index bytes as Confluent's serializer writes them. */
    private static byte[] wire(int id, byte[] indexes, byte[] payload) {
        byte[] header = AvroFixtures.wire(id, indexes);
        byte[] all = new byte[header.length + payload.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(payload, 0, all, header.length, payload.length);
        return all;
    }

    @Test
    void firstMessageWithSchemaFromTheRegistry() {
        DecodeContext context = context();
        for (Format format : new Format[] {Format.AUTO, Format.PROTOBUF}) {
            Decoded decoded = Decoder.decode(wire(2, new byte[] {0}, order()), format, context, MAX);
            assertThat(decoded.format()).isEqualTo(Format.PROTOBUF);
            assertThat(decoded.json()).isTrue();
            assertThat(decoded.text()).isEqualTo(ORDER_JSON);
            assertThat(decoded.note()).isEqualTo("schema id 2, shop.v1.Order; imports not resolved: other/unknown.proto");
        }
        assertThat(registry.requests()).isEqualTo(1);
    }

    @Test
    void messageIndexesPickTopLevelAndNestedTypes() {
        byte[] refund = message(unchecked(out -> out.writeString(1, "o-1")));
        // Path [1]: count 1, index 1, each zig-zag encoded.
        Decoded second = Decoder.decode(wire(2, new byte[] {2, 2}, refund), Format.AUTO, context(), MAX);
        assertThat(second.text()).isEqualTo("{\n  \"order_id\": \"o-1\"\n}");
        assertThat(second.note()).startsWith("schema id 2, shop.v1.Refund");
        // Path [0, 1]: Order's nested types are CountsEntry (from the map) then Line.
        byte[] line = message(unchecked(out -> out.writeSInt32(2, -2)));
        Decoded nested = Decoder.decode(wire(2, new byte[] {4, 0, 2}, line), Format.AUTO, context(), MAX);
        assertThat(nested.text()).isEqualTo("{\n  \"delta\": -2\n}");
        assertThat(nested.note()).startsWith("schema id 2, shop.v1.Order.Line");
    }

    @Test
    void withoutARegistryFieldsAreDecodedRaw() {
        Decoded decoded = Decoder.decode(order(), Format.PROTOBUF, DecodeContext.none(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.PROTOBUF);
        assertThat(decoded.json()).isFalse();
        assertThat(decoded.note()).isEqualTo("no schema: raw fields without a schema (like protoc --decode_raw)");
        assertThat(decoded.text()).startsWith("""
                1: "o-1"
                2: 3
                3: 1
                4: "a"
                4: "b"
                5 {
                  1: "x"
                  2: 7
                }
                6 {
                  1: "sku-9"
                  2: 3
                }
                7 {
                  1: 1700000000
                }
                8: "visa"
                10: 18446744073709551615
                11: 0x4023000000000000
                99: 5""");
    }

    @Test
    void anUnparsableSchemaFallsBackToRawFields() {
        Decoded decoded = Decoder.decode(wire(4, new byte[] {0}, order()), Format.AUTO, context(), MAX);
        assertThat(decoded.format()).isEqualTo(Format.PROTOBUF);
        assertThat(decoded.text()).startsWith("1: \"o-1\"\n2: 3\n");
        assertThat(decoded.note()).startsWith("value does not read with Protobuf schema id 4: unexpected 'this'")
                .endsWith(": raw fields without a schema (like protoc --decode_raw)");
    }

    @Test
    void aBadIndexPathIsExplained() {
        Decoded decoded = Decoder.decode(wire(2, new byte[] {2, 20}, order()), Format.PROTOBUF, context(), MAX);
        assertThat(decoded.note()).startsWith("value does not read with Protobuf schema id 2: message index path "
                + "[10] names no message type in the schema");
    }

    @Test
    void registryDownStillShowsRawFieldsWhenProtobufIsChosen() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        DecodeContext down = DecodeContext.withRegistry(new SchemaRegistryClient("http://127.0.0.1:" + port));
        byte[] value = wire(2, new byte[] {0}, order());
        assertThat(Decoder.decode(value, Format.AUTO, down, MAX).format()).isEqualTo(Format.HEX);
        Decoded chosen = Decoder.decode(value, Format.PROTOBUF, down, MAX);
        assertThat(chosen.format()).isEqualTo(Format.PROTOBUF);
        assertThat(chosen.text()).startsWith("1: \"o-1\"");
        assertThat(chosen.note()).contains("unreachable");
    }

    @Test
    void proto2WithGroupsRequiredAndDefaults() {
        ProtoSchema schema = ProtoSchema.parse("""
                syntax = "proto2";
                package legacy;
                message Search {
                  required string query = 1 [default = "*"];
                  optional int32 page = 2 [default = 1];
                  repeated group Result = 3 {
                    required string url = 4;
                  }
                  extensions 100 to 199;
                  enum Corpus { UNIVERSAL = 0; WEB = 1; }
                  optional Corpus corpus = 5 [default = WEB];
                  optional .legacy.Search.Corpus again = 6;
                }
                extend Search { optional int32 extra = 100; }
                """);
        Descriptor search = schema.messageAt(new int[0]);
        assertThat(search.getFullName()).isEqualTo("legacy.Search");
        assertThat(search.findFieldByName("result").getType()).isEqualTo(FieldDescriptor.Type.GROUP);
        assertThat(search.findFieldByName("corpus").getType()).isEqualTo(FieldDescriptor.Type.ENUM);
        assertThat(search.findFieldByName("again").getEnumType().getFullName()).isEqualTo("legacy.Search.Corpus");
        assertThat(search.findFieldByName("query").isRequired()).isTrue();
    }

    @Test
    void parserErrorsAreOneLine() {
        assertThatThrownBy(() -> ProtoSchema.parse("message M { int32 a = ; }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unexpected ';' in the .proto schema (token 7)");
        assertThatThrownBy(() -> ProtoSchema.parse("message M { int32 a = 1;"))
                .hasMessage("unexpected end of the .proto schema");
    }
}
