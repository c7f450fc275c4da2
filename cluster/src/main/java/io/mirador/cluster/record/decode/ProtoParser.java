package io.mirador.cluster.record.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;

/**
 * Reads .proto source (proto2 and proto3, as a registry stores it) into a {@link FileDescriptorProto}, the
 * form protobuf-java builds descriptors from. It keeps what decoding needs: package, imports, messages
 * (nested, with map fields, oneofs and groups), enums and field types. Options, reserved ranges, extensions
 * and services are skipped: none of them changes how a message's bytes are read.
 *
 * <p>Type references are left as written ("Inner", "pkg.Other"); protobuf-java resolves them by the usual
 * scoping rules when the descriptor is built. Maven Central has no small, plain-Java .proto parser (Wire's
 * brings Kotlin, Guava and KotlinPoet), hence this one.
 */
final class ProtoParser {

    private static final Map<String, Type> SCALARS = Map.ofEntries(
            Map.entry("double", Type.TYPE_DOUBLE), Map.entry("float", Type.TYPE_FLOAT),
            Map.entry("int32", Type.TYPE_INT32), Map.entry("int64", Type.TYPE_INT64),
            Map.entry("uint32", Type.TYPE_UINT32), Map.entry("uint64", Type.TYPE_UINT64),
            Map.entry("sint32", Type.TYPE_SINT32), Map.entry("sint64", Type.TYPE_SINT64),
            Map.entry("fixed32", Type.TYPE_FIXED32), Map.entry("fixed64", Type.TYPE_FIXED64),
            Map.entry("sfixed32", Type.TYPE_SFIXED32), Map.entry("sfixed64", Type.TYPE_SFIXED64),
            Map.entry("bool", Type.TYPE_BOOL), Map.entry("string", Type.TYPE_STRING),
            Map.entry("bytes", Type.TYPE_BYTES));

    /** String literals are kept with this first char, so they never look like names or symbols. */
    private static final char STRING_MARK = '"';

    private final List<String> tokens;
    private int pos;

    private ProtoParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** @throws IllegalArgumentException with a one-line reason when the text is not .proto source */
    static FileDescriptorProto parse(String text, String fileName) {
        return new ProtoParser(tokenize(text)).file(fileName);
    }

    private FileDescriptorProto file(String fileName) {
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(fileName);
        while (pos < tokens.size()) {
            String token = next();
            switch (token) {
                case "syntax" -> {
                    expect("=");
                    file.setSyntax(string());
                    expect(";");
                }
                case "edition" -> throw new IllegalArgumentException("protobuf editions are not supported");
                case "package" -> {
                    file.setPackage(next());
                    expect(";");
                }
                case "import" -> {
                    if (peek("public") || peek("weak")) {
                        next();
                    }
                    file.addDependency(string());
                    expect(";");
                }
                case "message" -> file.addMessageType(message(next()));
                case "enum" -> file.addEnumType(enumType());
                case "option" -> skipStatement();
                case "service", "extend" -> skipDeclaration();
                case ";" -> { }
                default -> throw unexpected(token);
            }
        }
        return file.build();
    }

    private DescriptorProto message(String name) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(name);
        expect("{");
        while (true) {
            String token = next();
            switch (token) {
                case "}" -> {
                    return message.build();
                }
                case "message" -> message.addNestedType(message(next()));
                case "enum" -> message.addEnumType(enumType());
                case "oneof" -> oneof(message);
                case "option", "reserved", "extensions" -> skipStatement();
                case "extend" -> skipDeclaration();
                case ";" -> { }
                case "optional" -> field(message, Label.LABEL_OPTIONAL, next(), -1);
                case "required" -> field(message, Label.LABEL_REQUIRED, next(), -1);
                case "repeated" -> field(message, Label.LABEL_REPEATED, next(), -1);
                default -> {
                    if (token.equals("map") && peek("<")) {
                        mapField(message);
                    } else {
                        field(message, Label.LABEL_OPTIONAL, token, -1);
                    }
                }
            }
        }
    }

    private void oneof(DescriptorProto.Builder message) {
        int index = message.getOneofDeclCount();
        message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(next()));
        expect("{");
        while (true) {
            String token = next();
            switch (token) {
                case "}" -> {
                    return;
                }
                case "option" -> skipStatement();
                case ";" -> { }
                default -> field(message, Label.LABEL_OPTIONAL, token, index);
            }
        }
    }

    private void field(DescriptorProto.Builder message, Label label, String type, int oneofIndex) {
        if (type.equals("group")) {
            // proto2 group: a nested message whose field is named after it in lower case.
            String groupName = next();
            expect("=");
            int number = number();
            skipOptions();
            message.addNestedType(message(groupName));
            message.addField(FieldDescriptorProto.newBuilder().setName(groupName.toLowerCase(java.util.Locale.ROOT))
                    .setNumber(number).setLabel(label).setType(Type.TYPE_GROUP).setTypeName(groupName));
            return;
        }
        String name = next();
        expect("=");
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(name).setNumber(number()).setLabel(label);
        setType(field, type);
        if (oneofIndex >= 0) {
            field.setOneofIndex(oneofIndex);
        }
        skipOptions();
        expect(";");
        message.addField(field);
    }

    /** {@code map<K, V> name = N;} is sugar for a repeated nested entry message, as protoc expands it. */
    private void mapField(DescriptorProto.Builder message) {
        expect("<");
        String keyType = next();
        expect(",");
        String valueType = next();
        expect(">");
        String name = next();
        expect("=");
        int number = number();
        skipOptions();
        expect(";");
        String entryName = entryName(name);
        FieldDescriptorProto.Builder key = FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                .setLabel(Label.LABEL_OPTIONAL);
        FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                .setLabel(Label.LABEL_OPTIONAL);
        setType(key, keyType);
        setType(value, valueType);
        message.addNestedType(DescriptorProto.newBuilder().setName(entryName).addField(key).addField(value)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true)));
        message.addField(FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setLabel(Label.LABEL_REPEATED).setTypeName(entryName));
    }

    /** protoc's rule: "my_field" becomes "MyFieldEntry". */
    private static String entryName(String fieldName) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.append("Entry").toString();
    }

    private static void setType(FieldDescriptorProto.Builder field, String type) {
        Type scalar = SCALARS.get(type);
        if (scalar != null) {
            field.setType(scalar);
        } else {
            // Message or enum: protobuf-java finds which when it resolves the name.
            field.setTypeName(type);
        }
    }

    private EnumDescriptorProto enumType() {
        EnumDescriptorProto.Builder enumType = EnumDescriptorProto.newBuilder().setName(next());
        expect("{");
        while (true) {
            String token = next();
            switch (token) {
                case "}" -> {
                    return enumType.build();
                }
                case "option", "reserved" -> skipStatement();
                case ";" -> { }
                default -> {
                    expect("=");
                    enumType.addValue(EnumValueDescriptorProto.newBuilder().setName(token).setNumber(number()));
                    skipOptions();
                    expect(";");
                }
            }
        }
    }

    private int number() {
        String token = next();
        boolean negative = token.equals("-");
        if (negative) {
            token = next();
        }
        try {
            int value = Integer.decode(token);
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw unexpected(token);
        }
    }

    private String string() {
        String token = next();
        if (token.isEmpty() || token.charAt(0) != STRING_MARK) {
            throw unexpected(token);
        }
        return token.substring(1);
    }

    /** {@code [packed = true, json_name = "x"]}: nothing that changes how bytes are read. */
    private void skipOptions() {
        if (peek("[")) {
            int depth = 0;
            do {
                String token = next();
                depth += token.equals("[") ? 1 : token.equals("]") ? -1 : 0;
            } while (depth > 0);
        }
    }

    /** Up to and including the next ";" outside braces (option values may be {@code { a: 1 }}). */
    private void skipStatement() {
        int depth = 0;
        while (true) {
            String token = next();
            depth += token.equals("{") ? 1 : token.equals("}") ? -1 : 0;
            if (depth == 0 && token.equals(";")) {
                return;
            }
        }
    }

    /** A name then a braced body: services and extensions. */
    private void skipDeclaration() {
        while (!next().equals("{")) {
            // the declaration's name
        }
        int depth = 1;
        while (depth > 0) {
            String token = next();
            depth += token.equals("{") ? 1 : token.equals("}") ? -1 : 0;
        }
    }

    private boolean peek(String expected) {
        return pos < tokens.size() && tokens.get(pos).equals(expected);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("unexpected end of the .proto schema");
        }
        return tokens.get(pos++);
    }

    private void expect(String expected) {
        String token = next();
        if (!token.equals(expected)) {
            throw new IllegalArgumentException("expected '" + expected + "' but found '" + shown(token)
                    + "' in the .proto schema (token " + pos + ")");
        }
    }

    private IllegalArgumentException unexpected(String token) {
        return new IllegalArgumentException("unexpected '" + shown(token) + "' in the .proto schema (token "
                + pos + ")");
    }

    private static String shown(String token) {
        return token.length() > 40 ? token.substring(0, 40) + "…" : token;
    }

    /** Names and numbers (letters, digits, '_', '.'), string literals, and one-char symbols. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                StringBuilder literal = new StringBuilder().append(STRING_MARK);
                int j = i + 1;
                while (j < n && text.charAt(j) != c) {
                    if (text.charAt(j) == '\\' && j + 1 < n) {
                        j++;
                    }
                    literal.append(text.charAt(j++));
                }
                if (j >= n) {
                    throw new IllegalArgumentException("unterminated string in the .proto schema");
                }
                tokens.add(literal.toString());
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                        || text.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(text.substring(i, j));
                i = j;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
