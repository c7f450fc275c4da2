package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.util.Arrays;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Turns a record's key or value into the text the detail pane shows. Never throws for any bytes: what cannot
 * be decoded as asked is explained in {@link Decoded#note()} and shown as a hex dump. Output never exceeds
 * {@code maxChars}, and the work done is bounded by the output (a 20 MB value costs what its first screens
 * cost), except where a schema forces reading a whole Avro or Protobuf value, which is linear in its size.
 * Stateless and thread-safe; may block on the schema registry, so call it off the UI thread.
 */
public final class Decoder {

    /** What the pane shows before "load all"; "load all" asks again with a larger limit. */
    public static final int DEFAULT_MAX_CHARS = 1024 * 1024;

    /** Smaller limits are raised to this, so one hex-dump line always fits. */
    public static final int MIN_MAX_CHARS = 256;

    private Decoder() {
    }

    /**
     * Decodes {@code bytes} as {@code requested} ({@link Format#AUTO} to choose).
     *
     * <p>AUTO tries, in order: the Schema Registry wire format when a registry is configured (Avro,
     * Protobuf or JSON by the registry's schema type; a registry failure shows hex with the reason); the local
     * Avro schema, when the whole value reads with it; a JSON object or array (pretty); printable UTF-8 text;
     * and otherwise hex. Numbers and UUIDs are never guessed: 4, 8 or 16 bytes stay hex with a hint.
     *
     * @param bytes    the key or value; null for no key or a tombstone
     * @param maxChars the most characters of text to produce
     */
    public static Decoded decode(byte[] bytes, Format requested, DecodeContext ctx, int maxChars) {
        DecodeContext context = ctx == null ? DecodeContext.none() : ctx;
        Format format = requested == null ? Format.AUTO : requested;
        int max = Math.max(MIN_MAX_CHARS, maxChars);
        if (bytes == null) {
            return new Decoded(Format.STRING, "null", false, "null: no key, or a tombstone (deleted) value", false);
        }
        try {
            return switch (format) {
                case AUTO -> auto(bytes, context, max);
                case STRING -> orHex(PlainDecoding.string(bytes, max), bytes, max, "not valid UTF-8");
                case JSON -> json(bytes, max);
                case HEX -> PlainDecoding.hex(bytes, max);
                case BASE64 -> PlainDecoding.base64(bytes, max);
                case INT, LONG, DOUBLE -> orHex(PlainDecoding.number(bytes, format), bytes, max,
                        format + " needs exactly " + (format == Format.INT ? 4 : 8) + " bytes, this value has "
                                + bytes.length);
                case UUID -> orHex(PlainDecoding.uuid(bytes), bytes, max,
                        "not a UUID (36 chars as Kafka's UUIDSerializer writes, or 16 raw bytes)");
                case AVRO -> avro(bytes, context, max);
                case PROTOBUF -> protobuf(bytes, context, max);
            };
        } catch (RuntimeException | StackOverflowError unexpected) {
            // Last line of defence: the UI gets a note, never an exception, whatever the bytes hold.
            return PlainDecoding.hex(bytes, max).withNote("could not decode as " + format + ": "
                    + unexpected.getClass().getSimpleName() + ": shown as hex");
        }
    }

    private static Decoded auto(byte[] bytes, DecodeContext ctx, int max) {
        if (bytes.length == 0) {
            return new Decoded(Format.STRING, "", false, "empty (0 bytes)", false);
        }
        if (ctx.registry() != null && WireFormat.hasHeader(bytes)) {
            Outcome outcome = fromRegistry(bytes, ctx.registry(), max);
            return outcome.decoded() != null ? outcome.decoded() : hexBecause(bytes, max, outcome.failure());
        }
        if (ctx.localAvroSchema() != null) {
            Decoded avro = localAvro(bytes, ctx.localAvroSchema(), max);
            if (avro != null) {
                return avro;
            }
        }
        JsonDecoding.Attempt json = JsonDecoding.pretty(bytes, max, true);
        if (json.decoded() != null) {
            return json.decoded();
        }
        PlainDecoding.Utf8 text = PlainDecoding.utf8(bytes, max);
        if (text.text() != null && PlainDecoding.printable(text.text())) {
            return new Decoded(Format.STRING, text.text(), text.truncated(),
                    text.truncated() ? PlainDecoding.shownNote(text.bytesRead(), bytes.length) : null, false);
        }
        String hint = switch (bytes.length) {
            case 4 -> "4 bytes: choose INT to read a number";
            case 8 -> "8 bytes: choose LONG or DOUBLE to read a number";
            case 16 -> "16 bytes: choose UUID to read a UUID";
            default -> WireFormat.hasHeader(bytes)
                    ? "may be Schema Registry wire format (schema id " + WireFormat.schemaId(bytes)
                            + "): set a schema registry URL on the connection to decode it"
                    : null;
        };
        return PlainDecoding.hex(bytes, max).withNote(hint);
    }

    private static Decoded json(byte[] bytes, int max) {
        JsonDecoding.Attempt attempt = JsonDecoding.pretty(bytes, max, false);
        return attempt.decoded() != null ? attempt.decoded()
                : hexBecause(bytes, max, "not valid JSON: " + attempt.failure());
    }

    private static Decoded avro(byte[] bytes, DecodeContext ctx, int max) {
        String reason = null;
        if (ctx.registry() != null && WireFormat.hasHeader(bytes)) {
            Outcome outcome = fromRegistry(bytes, ctx.registry(), max);
            if (outcome.decoded() != null && outcome.decoded().format() == Format.AVRO) {
                return outcome.decoded();
            }
            reason = outcome.decoded() != null
                    ? "schema id " + WireFormat.schemaId(bytes) + " is not an Avro schema"
                    : outcome.failure();
        }
        if (ctx.localAvroSchema() != null) {
            Decoded local = localAvro(bytes, ctx.localAvroSchema(), max);
            if (local != null) {
                return local.withNote(reason);
            }
            reason = (reason == null ? "" : reason + "; ") + "the value does not read with the local schema "
                    + ctx.localAvroSchema().getFullName();
        }
        if (reason == null) {
            reason = ctx.registry() == null
                    ? "no Avro schema: set a schema registry URL on the connection or load an .avsc file"
                    : "not Schema Registry wire format (no magic byte 0 and schema id)";
        }
        return hexBecause(bytes, max, reason);
    }

    private static Decoded protobuf(byte[] bytes, DecodeContext ctx, int max) {
        String reason;
        if (ctx.registry() != null && WireFormat.hasHeader(bytes)) {
            Outcome outcome = fromRegistry(bytes, ctx.registry(), max);
            if (outcome.decoded() != null && outcome.decoded().format() == Format.PROTOBUF) {
                return outcome.decoded();
            }
            reason = outcome.decoded() != null
                    ? "schema id " + WireFormat.schemaId(bytes) + " is not a Protobuf schema" : outcome.failure();
        } else {
            reason = WireFormat.hasHeader(bytes) ? "no schema registry configured" : "no schema";
        }
        Decoded raw = raw(bytes, max, reason);
        return raw != null ? raw : hexBecause(bytes, max, reason + "; not a Protobuf message");
    }

    /** Schema-less Protobuf: after the wire-format header and indexes when present, else the whole value. */
    private static Decoded raw(byte[] bytes, int max, String reason) {
        String note = reason + ": raw fields without a schema (like protoc --decode_raw)";
        if (WireFormat.hasHeader(bytes)) {
            try {
                int offset = WireFormat.messageIndexes(bytes).payloadOffset();
                Decoded decoded = ProtoRaw.decode(bytes, offset, max, note);
                if (decoded != null) {
                    return decoded;
                }
            } catch (IllegalArgumentException notWireFormat) {
                // fall through to the whole value
            }
        }
        return ProtoRaw.decode(bytes, 0, max, note);
    }

    /** A decoded value, or why there is none. */
    private record Outcome(Decoded decoded, String failure) {
    }

    /** Wire format with the registry's schema, whatever its type. */
    private static Outcome fromRegistry(byte[] bytes, SchemaRegistryClient registry, int max) {
        int id = WireFormat.schemaId(bytes);
        RegistrySchema schema;
        try {
            schema = registry.schema(id);
        } catch (RegistryException e) {
            return new Outcome(null, e.getMessage());
        }
        String source = "schema id " + id;
        switch (schema.type()) {
            case AVRO -> {
                try {
                    AvroDecoding.Read read = AvroDecoding.read(schema.avroSchema(), bytes, WireFormat.HEADER_BYTES);
                    String note = source + (read.trailingBytes() == 0 ? ""
                            : "; " + read.trailingBytes() + " bytes after the Avro value not shown");
                    return new Outcome(AvroDecoding.toJson(read.datum(), max, note), null);
                } catch (IOException | AvroRuntimeException e) {
                    return new Outcome(null, "value does not read with Avro " + source + ": " + e.getMessage());
                }
            }
            case PROTOBUF -> {
                try {
                    ProtoSchema proto = schema.protoSchema();
                    WireFormat.MessageIndexes indexes = WireFormat.messageIndexes(bytes);
                    Descriptor type = proto.messageAt(indexes.path());
                    int offset = indexes.payloadOffset();
                    DynamicMessage message = DynamicMessage.parseFrom(type,
                            CodedInputStream.newInstance(bytes, offset, bytes.length - offset));
                    String note = source + ", " + type.getFullName() + (proto.missingImports().isEmpty() ? ""
                            : "; imports not resolved: " + String.join(", ", proto.missingImports()));
                    return new Outcome(ProtoJson.toJson(message, max, note), null);
                } catch (IOException | IllegalArgumentException e) {
                    String reason = "value does not read with Protobuf " + source + ": " + e.getMessage();
                    Decoded raw = raw(bytes, max, reason);
                    return raw != null ? new Outcome(raw, null) : new Outcome(null, reason);
                }
            }
            case JSON -> {
                byte[] payload = Arrays.copyOfRange(bytes, WireFormat.HEADER_BYTES, bytes.length);
                JsonDecoding.Attempt json = JsonDecoding.pretty(payload, max, false);
                return json.decoded() != null ? new Outcome(json.decoded().withNote(source + " (JSON Schema)"), null)
                        : new Outcome(null, "value is not the JSON that " + source + " describes: " + json.failure());
            }
            default -> throw new IllegalStateException(schema.type().name());
        }
    }

    /**
     * The local schema on the wire format (header skipped; the id is not checked, there is no registry) or
     * on raw Avro binary; null unless the whole value reads, since AUTO tries it on any bytes.
     */
    private static Decoded localAvro(byte[] bytes, Schema schema, int max) {
        String note = "local schema " + schema.getFullName();
        if (WireFormat.hasHeader(bytes)) {
            Decoded decoded = readAll(schema, bytes, WireFormat.HEADER_BYTES, max,
                    note + ", wire format (schema id " + WireFormat.schemaId(bytes) + " not checked)");
            if (decoded != null) {
                return decoded;
            }
        }
        return readAll(schema, bytes, 0, max, note);
    }

    private static Decoded readAll(Schema schema, byte[] bytes, int offset, int max, String note) {
        try {
            AvroDecoding.Read read = AvroDecoding.read(schema, bytes, offset);
            return read.trailingBytes() == 0 ? AvroDecoding.toJson(read.datum(), max, note) : null;
        } catch (IOException | AvroRuntimeException notThisSchema) {
            return null;
        }
    }

    private static Decoded orHex(Decoded decoded, byte[] bytes, int max, String reason) {
        return decoded != null ? decoded : hexBecause(bytes, max, reason);
    }

    private static Decoded hexBecause(byte[] bytes, int max, String reason) {
        return PlainDecoding.hex(bytes, max).withNote(reason + ": shown as hex");
    }
}
