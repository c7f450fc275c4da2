package io.mirador.cluster.record.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Protobuf without a schema, like {@code protoc --decode_raw}: field numbers with their raw values, varints
 * as unsigned decimals, fixed-width values in hex, length-delimited values as a nested message when they parse
 * as one, else as a string (non-UTF-8 bytes escaped). Used when no schema could be had; the guess of
 * nested-message versus string is a guess, as in protoc.
 */
final class ProtoRaw {

    private static final int MAX_DEPTH = 16;

    private final byte[] bytes;
    private final LimitedText out;

    private ProtoRaw(byte[] bytes, LimitedText out) {
        this.bytes = bytes;
        this.out = out;
    }

    /** Null when the bytes from {@code offset} on are not a well-formed Protobuf message. */
    static Decoded decode(byte[] bytes, int offset, int maxChars, String note) {
        if (!isMessage(bytes, offset, bytes.length)) {
            return null;
        }
        LimitedText out = new LimitedText(maxChars);
        try {
            new ProtoRaw(bytes, out).fields(offset, bytes.length, 0, -1);
        } catch (LimitedText.Full stop) {
            // Output is full: stop walking the message.
        }
        Decoded decoded = new Decoded(Format.PROTOBUF, out.text(), out.overflowed(),
                out.overflowed() ? "output cut at " + maxChars + " characters" : null, false);
        return decoded.withNote(note);
    }

    /** Prints fields in [from, to) (or up to the end of group {@code group}); returns where it stopped. */
    private int fields(int from, int to, int depth, int group) {
        int[] at = {from};
        while (at[0] < to) {
            out.stopIfFull();
            long tag = varint(bytes, at, to);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (wireType == 4) {
                return at[0]; // end of the group being printed (checked well-formed by isMessage)
            }
            indent(depth);
            switch (wireType) {
                case 0 -> out.append(number + ": " + Long.toUnsignedString(varint(bytes, at, to)));
                case 1 -> {
                    out.append(number + ": 0x" + String.format("%016x", fixed(at[0], 8)));
                    at[0] += 8;
                }
                case 5 -> {
                    out.append(number + ": 0x" + String.format("%08x", fixed(at[0], 4)));
                    at[0] += 4;
                }
                case 2 -> {
                    int length = (int) varint(bytes, at, to);
                    int start = at[0];
                    at[0] += length;
                    if (length > 0 && depth < MAX_DEPTH && isMessage(bytes, start, start + length)) {
                        out.append(number + " {\n");
                        fields(start, start + length, depth + 1, -1);
                        indent(depth);
                        out.appendChar('}');
                    } else {
                        out.append(number + ": \"");
                        string(start, length);
                        out.appendChar('"');
                    }
                }
                case 3 -> {
                    out.append(number + " {\n");
                    at[0] = fields(at[0], to, depth + 1, number);
                    indent(depth);
                    out.appendChar('}');
                }
                default -> throw new IllegalStateException("checked by isMessage: wire type " + wireType);
            }
            out.appendChar('\n');
        }
        return at[0];
    }

    private void indent(int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private long fixed(int at, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }

    /** UTF-8 text with quotes, backslashes and control chars escaped; invalid bytes as \xNN. */
    private void string(int start, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length);
        CharBuffer chars = CharBuffer.allocate(256);
        while (in.hasRemaining()) {
            out.stopIfFull();
            CoderResult result = decoder.decode(in, chars, true);
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
                }
            }
            chars.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.append(String.format("\\x%02x", bytes[in.position()] & 0xff));
                    in.position(in.position() + 1);
                }
            }
        }
    }

    /**
     * True when [from, to) is a sequence of well-formed fields (valid field numbers and wire types, lengths
     * within bounds, groups closed). Scans without recursing into length-delimited values, so it is linear.
     */
    static boolean isMessage(byte[] bytes, int from, int to) {
        int[] at = {from};
        int[] groups = new int[MAX_DEPTH];
        int open = 0;
        try {
            while (at[0] < to) {
                long tag = varint(bytes, at, to);
                long number = tag >>> 3;
                int wireType = (int) (tag & 7);
                if (number < 1 || number > 0x1fffffff) {
                    return false;
                }
                switch (wireType) {
                    case 0 -> varint(bytes, at, to);
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    case 2 -> {
                        long length = varint(bytes, at, to);
                        if (length < 0 || length > to - at[0]) {
                            return false;
                        }
                        at[0] += (int) length;
                    }
                    case 3 -> {
                        if (open == MAX_DEPTH) {
                            return false;
                        }
                        groups[open++] = (int) number;
                    }
                    case 4 -> {
                        if (open == 0 || groups[--open] != number) {
                            return false;
                        }
                    }
                    default -> {
                        return false;
                    }
                }
                if (at[0] > to) {
                    return false;
                }
            }
            return open == 0 && at[0] == to;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static long varint(byte[] bytes, int[] at, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) {
                throw new IllegalArgumentException("varint runs past the end");
            }
            int b = bytes[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }
}
