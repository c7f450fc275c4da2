package io.mirador.cluster.record.decode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** A user record written with Avro's own writer, raw or behind a hand-made wire-format header. */
final class AvroFixtures {

    static final String USER_SCHEMA = """
            {"type": "record", "name": "User", "namespace": "shop",
             "fields": [
               {"name": "name", "type": "string"},
               {"name": "age", "type": "int"},
               {"name": "email", "type": ["null", "string"], "default": null},
               {"name": "tags", "type": {"type": "array", "items": "string"}},
               {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["BASIC", "GOLD"]}},
               {"name": "score", "type": "double"}
             ]}""";

    static final String USER_JSON = """
            {
              "name": "Ana",
              "age": 31,
              "email": "ana@example.com",
              "tags": [
                "a",
                "b"
              ],
              "kind": "GOLD",
              "score": 4.5
            }""";

    private AvroFixtures() {
    }

    static Schema userSchema() {
        return new Schema.Parser().parse(USER_SCHEMA);
    }

    static byte[] rawUser() {
        Schema schema = userSchema();
        GenericRecord user = new GenericData.Record(schema);
        user.put("name", "Ana");
        user.put("age", 31);
        user.put("email", "ana@example.com");
        user.put("tags", List.of("a", "b"));
        user.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "GOLD"));
        user.put("score", 4.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(user, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Magic byte 0, then the schema id big-endian, then the payload. */
    static byte[] wire(int schemaId, byte[] payload) {
        byte[] bytes = new byte[5 + payload.length];
        bytes[0] = 0;
        bytes[1] = (byte) (schemaId >>> 24);
        bytes[2] = (byte) (schemaId >>> 16);
        bytes[3] = (byte) (schemaId >>> 8);
        bytes[4] = (byte) schemaId;
        System.arraycopy(payload, 0, bytes, 5, payload.length);
        return bytes;
    }
}
