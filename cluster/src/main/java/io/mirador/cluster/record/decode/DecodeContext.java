package io.mirador.cluster.record.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * What decoding may use besides the bytes: the connection's schema registry, and an Avro schema the user
 * loaded from a local {@code .avsc} file for this topic (usually for values only, so the UI passes one
 * context for keys and another for values). Immutable; share one registry client per connection, since it
 * holds the schema cache.
 *
 * @param registry        the connection's registry client, or null when none is configured
 * @param localAvroSchema the schema from a local file, or null
 */
public record DecodeContext(SchemaRegistryClient registry, Schema localAvroSchema) {

    private static final DecodeContext NONE = new DecodeContext(null, null);

    /** No registry, no local schema: the schema-less formats only. */
    public static DecodeContext none() {
        return NONE;
    }

    public static DecodeContext withRegistry(SchemaRegistryClient registry) {
        return new DecodeContext(registry, null);
    }

    /** A copy that also uses this local Avro schema. */
    public DecodeContext withLocalAvroSchema(Schema schema) {
        return new DecodeContext(registry, schema);
    }

    public Optional<SchemaRegistryClient> registryClient() {
        return Optional.ofNullable(registry);
    }

    public Optional<Schema> localAvro() {
        return Optional.ofNullable(localAvroSchema);
    }

    /**
     * Reads an {@code .avsc} file.
     *
     * @throws IOException with a one-line reason when the file cannot be read or holds no valid schema
     */
    public static Schema readAvroSchema(Path file) throws IOException {
        String text = Files.readString(file);
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new IOException(file.getFileName() + " is not a valid Avro schema: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
