package io.mirador.cluster.record.decode;

import java.util.Objects;

import org.apache.avro.Schema;

/**
 * One schema as the registry returned it for an id. Immutable apart from the parsed forms, which are made
 * once on first use and kept, since the registry client caches this object per id and records by the
 * thousand share a handful of ids. Thread-safe.
 *
 * @see SchemaRegistryClient#schema(int)
 */
public final class RegistrySchema {

    /** The registry's {@code schemaType}; absent in the answer means AVRO. */
    public enum Type { AVRO, PROTOBUF, JSON }

    private final int id;
    private final Type type;
    private final String text;
    private Schema avro;
    private ProtoSchema proto;

    public RegistrySchema(int id, Type type, String text) {
        this.id = id;
        this.type = Objects.requireNonNull(type, "type");
        this.text = Objects.requireNonNull(text, "text");
    }

    public int id() {
        return id;
    }

    public Type type() {
        return type;
    }

    /** The schema text: Avro JSON, .proto source or JSON Schema. */
    public String text() {
        return text;
    }

    /** The parsed Avro schema; throws Avro's SchemaParseException when the text is not one. */
    synchronized Schema avroSchema() {
        if (avro == null) {
            avro = new Schema.Parser().parse(text);
        }
        return avro;
    }

    /** The parsed .proto file; throws IllegalArgumentException with a one-line reason when it cannot be. */
    synchronized ProtoSchema protoSchema() {
        if (proto == null) {
            proto = ProtoSchema.parse(text);
        }
        return proto;
    }

    @Override
    public String toString() {
        return "schema " + id + " (" + type + ")";
    }
}
