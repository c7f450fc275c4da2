package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro binary to pretty JSON. The JSON is the plain form a reader expects (unions unwrapped, as in
 * {@code GenericData.toString}), not Avro's JSON encoding with {@code {"string": ...}} union wrappers; bytes
 * and fixed are shown one char per byte (ISO-8859-1), as Avro's JSON encoding does. Logical types are shown
 * as their underlying values (a timestamp-millis as its long).
 */
final class AvroDecoding {

    private AvroDecoding() {
    }

    /** The datum and how many bytes followed it. */
    record Read(Object datum, int trailingBytes) {
    }

    /**
     * Reads one datum written with {@code schema} from {@code bytes[offset..]}.
     *
     * @throws IOException when the bytes do not fit the schema (ends early, impossible length, bad union
     *                     branch or enum index)
     */
    static Read read(Schema schema, byte[] bytes, int offset) throws IOException {
        BoundedAvroDecoder decoder = new BoundedAvroDecoder(bytes, offset, bytes.length - offset);
        try {
            Object datum = new GenericDatumReader<>(schema).read(null, decoder);
            return new Read(datum, decoder.remaining());
        } catch (AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // Wrong-schema bytes surface as these from Avro's reader (unknown union branch, enum index, ...).
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    /** The datum as pretty JSON, stopping once {@code maxChars} are written. */
    static Decoded toJson(Object datum, int maxChars, String note) {
        LimitedText out = new LimitedText(maxChars);
        try (JsonGenerator json = JsonDecoding.prettyGenerator(out)) {
            write(json, datum, out);
        } catch (LimitedText.Full stop) {
            // Output is full: the rest of the datum is not worth rendering.
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        boolean truncated = out.overflowed();
        String cut = truncated ? "output cut at " + maxChars + " characters" : null;
        Decoded decoded = new Decoded(Format.AVRO, out.text(), truncated, cut, true);
        return decoded.withNote(note);
    }

    private static void write(JsonGenerator json, Object value, LimitedText out) throws IOException {
        out.stopIfFull();
        if (value == null) {
            json.writeNull();
        } else if (value instanceof IndexedRecord record) {
            json.writeStartObject();
            for (Schema.Field field : record.getSchema().getFields()) {
                json.writeFieldName(field.name());
                write(json, record.get(field.pos()), out);
            }
            json.writeEndObject();
            json.flush();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue(), out);
            }
            json.writeEndObject();
            json.flush();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item, out);
            }
            json.writeEndArray();
            json.flush();
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof ByteBuffer buffer) {
            json.writeString(latin1(buffer.duplicate()));
        } else if (value instanceof GenericFixed fixed) {
            json.writeString(new String(fixed.bytes(), StandardCharsets.ISO_8859_1));
        } else if (value instanceof GenericEnumSymbol<?> || value instanceof CharSequence) {
            json.writeString(value.toString());
        } else {
            json.writeString(GenericData.get().toString(value));
        }
    }

    private static String latin1(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
