package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;

/**
 * A protobuf message as pretty JSON, close to protobuf's canonical JSON mapping: set fields only, maps as
 * objects, enums by name, bytes in Base64. Field names are kept as declared (snake_case) rather than
 * camelCased, since the console user reads them next to the .proto. Unsigned 64-bit values are exact. Fields
 * the schema does not know are shown as {@code "#<number>"} with their raw values.
 */
final class ProtoJson {

    private ProtoJson() {
    }

    static Decoded toJson(Message message, int maxChars, String note) {
        LimitedText out = new LimitedText(maxChars);
        try (JsonGenerator json = JsonDecoding.prettyGenerator(out)) {
            writeMessage(json, message, out);
        } catch (LimitedText.Full stop) {
            // Output is full: the rest is not rendered.
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        boolean truncated = out.overflowed();
        Decoded decoded = new Decoded(Format.PROTOBUF, out.text(), truncated,
                truncated ? "output cut at " + maxChars + " characters" : null, true);
        return decoded.withNote(note);
    }

    private static void writeMessage(JsonGenerator json, Message message, LimitedText out) throws IOException {
        out.stopIfFull();
        json.writeStartObject();
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            json.writeFieldName(field.isExtension() ? "[" + field.getFullName() + "]" : field.getName());
            if (field.isMapField()) {
                json.writeStartObject();
                for (Object item : (List<?>) entry.getValue()) {
                    Message mapEntry = (Message) item;
                    FieldDescriptor key = mapEntry.getDescriptorForType().findFieldByNumber(1);
                    FieldDescriptor value = mapEntry.getDescriptorForType().findFieldByNumber(2);
                    json.writeFieldName(String.valueOf(mapEntry.getField(key)));
                    writeValue(json, value, mapEntry.getField(value), out);
                }
                json.writeEndObject();
            } else if (field.isRepeated()) {
                json.writeStartArray();
                for (Object item : (List<?>) entry.getValue()) {
                    writeValue(json, field, item, out);
                }
                json.writeEndArray();
            } else {
                writeValue(json, field, entry.getValue(), out);
            }
            json.flush();
        }
        writeUnknown(json, message.getUnknownFields());
        json.writeEndObject();
        json.flush();
    }

    private static void writeValue(JsonGenerator json, FieldDescriptor field, Object value, LimitedText out)
            throws IOException {
        switch (field.getType()) {
            case UINT32, FIXED32 -> json.writeNumber(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> json.writeNumber(new BigInteger(Long.toUnsignedString((Long) value)));
            case INT32, SINT32, SFIXED32 -> json.writeNumber((Integer) value);
            case INT64, SINT64, SFIXED64 -> json.writeNumber((Long) value);
            case FLOAT -> json.writeNumber((Float) value);
            case DOUBLE -> json.writeNumber((Double) value);
            case BOOL -> json.writeBoolean((Boolean) value);
            case STRING -> json.writeString((String) value);
            case BYTES -> json.writeString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> {
                EnumValueDescriptor symbol = (EnumValueDescriptor) value;
                // A number the writer knew but this schema does not is shown as the number.
                if (symbol.getIndex() < 0) {
                    json.writeNumber(symbol.getNumber());
                } else {
                    json.writeString(symbol.getName());
                }
            }
            case MESSAGE, GROUP -> writeMessage(json, (Message) value, out);
        }
    }

    private static void writeUnknown(JsonGenerator json, UnknownFieldSet unknown) throws IOException {
        for (Map.Entry<Integer, UnknownFieldSet.Field> entry : unknown.asMap().entrySet()) {
            UnknownFieldSet.Field field = entry.getValue();
            json.writeArrayFieldStart("#" + entry.getKey());
            for (long varint : field.getVarintList()) {
                json.writeNumber(varint);
            }
            for (int fixed : field.getFixed32List()) {
                json.writeNumber(Integer.toUnsignedLong(fixed));
            }
            for (long fixed : field.getFixed64List()) {
                json.writeNumber(new BigInteger(Long.toUnsignedString(fixed)));
            }
            for (ByteString bytes : field.getLengthDelimitedList()) {
                json.writeString(Base64.getEncoder().encodeToString(bytes.toByteArray()));
            }
            for (UnknownFieldSet group : field.getGroupList()) {
                json.writeStartObject();
                writeUnknown(json, group);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }
}
