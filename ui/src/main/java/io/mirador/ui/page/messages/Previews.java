package io.mirador.ui.page.messages;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One-line previews of keys and values for the results table. Only the first few hundred bytes are ever looked
 * at, so a 20 MB value costs what a 1 KB one does: the preview of a cell is built each time the cell is drawn
 * and never from the whole array. Text (valid UTF-8, few control characters) is shown as text with line breaks
 * and tabs turned into spaces; anything else as a hex preview. Stateless and thread-safe.
 */
public final class Previews {

    /** Characters of a text preview. */
    public static final int TEXT_CHARS = 200;
    /** Bytes shown by a hex preview. */
    static final int HEX_BYTES = 32;
    static final String NULL = "(null)";

    private Previews() {
    }

    /** The preview of {@code bytes}: text, {@code 0x…} hex, {@link #NULL} for none, "" for empty. */
    public static String of(byte[] bytes) {
        return of(bytes, TEXT_CHARS);
    }

    static String of(byte[] bytes, int maxChars) {
        if (bytes == null) {
            return NULL;
        }
        if (bytes.length == 0) {
            return "";
        }
        String text = text(bytes, maxChars);
        return text != null ? text : hex(bytes);
    }

    /** Whether the preview of {@code bytes} is hex (for styling); looks at the same prefix as {@link #of}. */
    public static boolean isBinary(byte[] bytes) {
        return bytes != null && bytes.length > 0 && text(bytes, TEXT_CHARS) == null;
    }

    /** The text of at most {@code maxChars} characters, or null when the prefix does not look like text. */
    private static String text(byte[] bytes, int maxChars) {
        // UTF-8 takes at most 4 bytes per code point: this many bytes always give maxChars characters if text.
        int length = Math.min(bytes.length, maxChars * 4 + 4);
        boolean cut = length < bytes.length;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(length);
        // endOfInput is false when cut: a code point split by the cut is left undecoded, not an error.
        CoderResult result = decoder.decode(ByteBuffer.wrap(bytes, 0, length), chars, !cut);
        if (result.isError()) {
            return null;
        }
        chars.flip();
        int control = 0;
        StringBuilder out = new StringBuilder(Math.min(maxChars + 1, chars.length()));
        for (int i = 0; i < chars.length() && out.length() < maxChars; i++) {
            char c = chars.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                control++;
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        // A few stray control characters stay text; mostly-control data is binary.
        if (control > 0 && control * 10 > out.length()) {
            return null;
        }
        if (out.length() < chars.length() || cut) {
            out.append('…');
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, HEX_BYTES);
        StringBuilder out = new StringBuilder(2 + shown * 3 + 1);
        out.append("0x");
        for (int i = 0; i < shown; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(Character.forDigit((bytes[i] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[i] & 0xF, 16));
        }
        if (shown < bytes.length) {
            out.append('…');
        }
        return out.toString();
    }
}
