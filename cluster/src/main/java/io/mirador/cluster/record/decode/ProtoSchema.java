package io.mirador.cluster.record.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;

/**
 * A .proto schema from the registry, built into protobuf-java descriptors. Imports of Google's well-known
 * types resolve to the copies inside protobuf-java; other imports (registry schema references) are not
 * fetched, and their types become placeholders whose fields show as unknown fields.
 */
final class ProtoSchema {

    private static final Map<String, FileDescriptor> WELL_KNOWN = Map.ofEntries(
            Map.entry("google/protobuf/any.proto", AnyProto.getDescriptor()),
            Map.entry("google/protobuf/api.proto", ApiProto.getDescriptor()),
            Map.entry("google/protobuf/descriptor.proto", DescriptorProtos.getDescriptor()),
            Map.entry("google/protobuf/duration.proto", DurationProto.getDescriptor()),
            Map.entry("google/protobuf/empty.proto", EmptyProto.getDescriptor()),
            Map.entry("google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor()),
            Map.entry("google/protobuf/source_context.proto", SourceContextProto.getDescriptor()),
            Map.entry("google/protobuf/struct.proto", StructProto.getDescriptor()),
            Map.entry("google/protobuf/timestamp.proto", TimestampProto.getDescriptor()),
            Map.entry("google/protobuf/type.proto", TypeProto.getDescriptor()),
            Map.entry("google/protobuf/wrappers.proto", WrappersProto.getDescriptor()));

    private final FileDescriptor file;
    private final List<String> missingImports;

    private ProtoSchema(FileDescriptor file, List<String> missingImports) {
        this.file = file;
        this.missingImports = List.copyOf(missingImports);
    }

    /** @throws IllegalArgumentException with a one-line reason when the source cannot be built */
    static ProtoSchema parse(String source) {
        FileDescriptorProto parsed = ProtoParser.parse(source, "registry-schema.proto");
        // Only imports that can be supplied are declared; the rest would make buildFrom fail outright.
        FileDescriptorProto.Builder proto = parsed.toBuilder().clearDependency();
        List<FileDescriptor> dependencies = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String dependency : parsed.getDependencyList()) {
            FileDescriptor known = WELL_KNOWN.get(dependency);
            if (known != null) {
                proto.addDependency(dependency);
                dependencies.add(known);
            } else {
                missing.add(dependency);
            }
        }
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto.build(),
                    dependencies.toArray(new FileDescriptor[0]), true);
            return new ProtoSchema(file, missing);
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException("invalid .proto schema: " + e.getDescription()
                    + " (" + e.getProblemSymbolName() + ")");
        }
    }

    FileDescriptor file() {
        return file;
    }

    /** Imports that were not resolved; their types decode as unknown fields. */
    List<String> missingImports() {
        return missingImports;
    }

    /**
     * The message type a Confluent message-index path names: the first index picks a top-level message,
     * each next one a message nested in it, all in declaration order. An empty path means the first message.
     *
     * @throws IllegalArgumentException when the path leads nowhere in this schema
     */
    Descriptor messageAt(int[] indexes) {
        int[] path = indexes.length == 0 ? new int[] {0} : indexes;
        List<Descriptor> candidates = file.getMessageTypes();
        Descriptor found = null;
        for (int index : path) {
            if (index < 0 || index >= candidates.size()) {
                throw new IllegalArgumentException("message index path " + Arrays.toString(path)
                        + " names no message type in the schema");
            }
            found = candidates.get(index);
            candidates = found.getNestedTypes();
        }
        return found;
    }
}
