package io.mirador.cluster.record.decode;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * The schema-less formats: text, hex dump, Base64 and Kafka's fixed-width number and UUID serializers. Each
 * touches only as many bytes as its output needs, so a 20 MB value costs no more than a small one.
 */
final class PlainDecoding {

    /** Bytes per hex-dump line, and that line's length with its newline. */
    static final int HEX_BYTES_PER_LINE = 16;
    static final int HEX_LINE_CHARS = 79;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PlainDecoding() {
    }

    /** UTF-8 decoded up to {@code maxChars}; {@code text} is null when the decoded part is not valid UTF-8. */
    record Utf8(String text, boolean truncated, int bytesRead) {
    }

    /**
     * Decodes at most {@code maxChars} characters. Validity is judged on the decoded prefix only: what the
     * pane cannot show is not read, which is what keeps a 20 MB value cheap.
     */
    static Utf8 utf8(byte[] bytes, int maxChars) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never yields more chars than bytes, so this buffer size is never the reason for overflow.
        CharBuffer out = CharBuffer.allocate(Math.min(maxChars, bytes.length));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return new Utf8(null, false, in.position());
        }
        if (result.isUnderflow()) {
            decoder.flush(out);
        }
        out.flip();
        return new Utf8(out.toString(), in.hasRemaining(), in.position());
    }

    /** True when every char is printable or ordinary whitespace: what AUTO calls text rather than binary. */
    static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
            if (control || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    /** Control characters (other than tab and line ends) replaced by their Unicode pictures, e.g. NUL as ␀. */
    static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char shown = c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? (char) (0x2400 + c)
                    : c == 0x7f ? '\u2421' : c;
            if (shown != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(shown);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Text, or null when the bytes are not valid UTF-8. */
    static Decoded string(byte[] bytes, int maxChars) {
        Utf8 utf8 = utf8(bytes, maxChars);
        if (utf8.text() == null) {
            return null;
        }
        String note = utf8.truncated() ? shownNote(utf8.bytesRead(), bytes.length) : null;
        return new Decoded(Format.STRING, visible(utf8.text()), utf8.truncated(), note, false);
    }

    /** The classic {@code hexdump -C} layout, processing only the lines that fit in {@code maxChars}. */
    static Decoded hex(byte[] bytes, int maxChars) {
        int maxLines = Math.max(1, maxChars / HEX_LINE_CHARS);
        int shown = (int) Math.min(bytes.length, (long) maxLines * HEX_BYTES_PER_LINE);
        StringBuilder out = new StringBuilder(Math.min(maxChars, (shown / HEX_BYTES_PER_LINE + 1) * HEX_LINE_CHARS));
        for (int line = 0; line < shown; line += HEX_BYTES_PER_LINE) {
            if (line > 0) {
                out.append('\n');
            }
            appendHex(out, line, 8);
            out.append("  ");
            int n = Math.min(HEX_BYTES_PER_LINE, shown - line);
            for (int i = 0; i < HEX_BYTES_PER_LINE; i++) {
                if (i < n) {
                    appendHex(out, bytes[line + i] & 0xff, 2);
                    out.append(' ');
                } else {
                    out.append("   ");
                }
                if (i == 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int i = 0; i < n; i++) {
                int b = bytes[line + i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append('|');
        }
        boolean truncated = shown < bytes.length;
        String note = bytes.length == 0 ? "empty (0 bytes)" : truncated ? shownNote(shown, bytes.length) : null;
        return new Decoded(Format.HEX, out.toString(), truncated, note, false);
    }

    static Decoded base64(byte[] bytes, int maxChars) {
        int shown = (int) Math.min(bytes.length, (long) (maxChars / 4) * 3);
        String text = Base64.getEncoder().encodeToString(shown == bytes.length ? bytes : copy(bytes, shown));
        boolean truncated = shown < bytes.length;
        return new Decoded(Format.BASE64, text, truncated, truncated ? shownNote(shown, bytes.length) : null,
                false);
    }

    /** Kafka's IntegerSerializer, LongSerializer and DoubleSerializer: big-endian, fixed width. */
    static Decoded number(byte[] bytes, Format format) {
        int width = format == Format.INT ? 4 : 8;
        if (bytes.length != width) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String text = switch (format) {
            case INT -> Integer.toString(buffer.getInt());
            case LONG -> Long.toString(buffer.getLong());
            case DOUBLE -> Double.toString(buffer.getDouble());
            default -> throw new IllegalArgumentException(format.name());
        };
        return new Decoded(format, text, false, null, false);
    }

    /**
     * Kafka's UUIDSerializer writes {@code uuid.toString()} as UTF-8 (36 chars), so that is the main form;
     * 16 raw bytes (most significant half first, as {@code java.util.UUID} stores them) are accepted too.
     */
    static Decoded uuid(byte[] bytes) {
        if (bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            UUID uuid = new UUID(buffer.getLong(), buffer.getLong());
            return new Decoded(Format.UUID, uuid.toString(), false, "16 raw bytes read as a UUID", false);
        }
        if (bytes.length == 36) {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            try {
                UUID uuid = UUID.fromString(text);
                // fromString is lenient ("1-1-1-1-1"); only the canonical 36-char form is what Kafka writes.
                if (uuid.toString().equalsIgnoreCase(text)) {
                    return new Decoded(Format.UUID, uuid.toString(), false, null, false);
                }
            } catch (IllegalArgumentException notUuid) {
                return null;
            }
        }
        return null;
    }

    static String shownNote(long shownBytes, long totalBytes) {
        return "showing the first " + size(shownBytes) + " of " + size(totalBytes);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xf]);
        }
    }

    private static byte[] copy(byte[] bytes, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, 0, copy, 0, length);
        return copy;
    }
}
