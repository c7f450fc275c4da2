package io.mirador.ui.page.messages.inspect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The built-in {@link ValueRenderer}: UTF-8 text, pretty JSON (documents up to {@link #JSON_LIMIT} bytes only:
 * parsing is all-or-nothing), hex dump and Base64. Every format stops after {@code maxChars} characters of output
 * and reads only the bytes those need. Stateless and thread-safe.
 */
public final class BasicValueRenderer implements ValueRenderer {

    public static final String TEXT = "Text";
    public static final String JSON = "JSON";
    public static final String HEX = "Hex";
    public static final String BASE64 = "Base64";
    /** Largest document parsed as JSON; bigger ones are shown as text, truncated. */
    public static final int JSON_LIMIT = 1 << 20;
    /** Characters of one hex dump line: offset, 16 bytes, ASCII column, newline. */
    static final int HEX_LINE = 79;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    @Override
    public List<String> formats() {
        return List.of(TEXT, JSON, HEX, BASE64);
    }

    @Override
    public Rendered render(byte[] bytes, String formatName, int maxChars) {
        int max = Math.max(1, maxChars);
        if (bytes == null) {
            return new Rendered(formatName == null || AUTO.equals(formatName) ? TEXT : formatName, "", false, "null", false);
        }
        String format = formatName == null ? AUTO : formatName;
        switch (format.toUpperCase(Locale.ROOT)) {
            case "TEXT", "STRING":
                return text(bytes, max, "");
            case "JSON":
                return json(bytes, max, true);
            case "HEX":
                return hex(bytes, max);
            case "BASE64":
                return base64(bytes, max);
            default:
                return auto(bytes, max);
        }
    }

    private Rendered auto(byte[] bytes, int max) {
        if (bytes.length == 0) {
            return new Rendered(TEXT, "", false, "empty", false);
        }
        String strict = strictPrefix(bytes, max);
        if (strict == null || !printable(strict)) {
            return hex(bytes, max);
        }
        if (looksLikeJson(strict)) {
            if (bytes.length > JSON_LIMIT) {
                return text(bytes, max, "JSON over 1 MB: shown as plain text");
            }
            Rendered json = json(bytes, max, false);
            if (json != null) {
                return json;
            }
        }
        return text(bytes, max, "");
    }

    /** Pretty JSON; when the bytes do not parse: text with the position of the error, or null if {@code !explain}. */
    private Rendered json(byte[] bytes, int max, boolean explain) {
        if (bytes.length > JSON_LIMIT) {
            return text(bytes, max, "Over 1 MB: not formatted as JSON");
        }
        try {
            JsonNode tree = MAPPER.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                return explain ? text(bytes, max, "Not JSON: no content") : null;
            }
            String pretty = PRETTY.writeValueAsString(tree);
            boolean cut = pretty.length() > max;
            return new Rendered(JSON, cut ? pretty.substring(0, max) : pretty, cut, "", true);
        } catch (JsonProcessingException e) {
            if (!explain) {
                return null;
            }
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return text(bytes, max, "Not valid JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            return text(bytes, max, "Not valid JSON: " + e.getMessage());
        }
    }

    /** UTF-8, malformed sequences replaced; decodes only what fits in {@code max} characters. */
    private static Rendered text(byte[] bytes, int max, String note) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(max, (long) bytes.length + 1));
        decoder.decode(in, out, true);
        boolean truncated = in.hasRemaining();
        if (!truncated) {
            decoder.flush(out);
        }
        out.flip();
        return new Rendered(TEXT, out.toString(), truncated, note, false);
    }

    /** The first {@code max} characters when the bytes are valid UTF-8 as far as that, else null. */
    static String strictPrefix(byte[] bytes, int max) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(max, (long) bytes.length + 1));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            return null;
        }
        out.flip();
        return out.toString();
    }

    /** No NUL and few control characters (tabs and line breaks aside) in the first 4 K characters. */
    static boolean printable(String text) {
        int n = Math.min(text.length(), 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                control++;
            }
        }
        return control * 20 <= n;
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** Classic dump: {@code 00000010  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 01 02 03  |Hello world.....|}. */
    static Rendered hex(byte[] bytes, int max) {
        long lines = Math.max(1, max / HEX_LINE);
        long needed = (bytes.length + 15L) / 16;
        int shown = (int) Math.min(lines, needed);
        StringBuilder out = new StringBuilder(shown * HEX_LINE);
        for (int line = 0; line < shown; line++) {
            int base = line * 16;
            String offset = Integer.toHexString(base);
            out.append("0".repeat(Math.max(0, 8 - offset.length()))).append(offset).append("  ");
            for (int i = 0; i < 16; i++) {
                if (base + i < bytes.length) {
                    int b = bytes[base + i] & 0xff;
                    out.append(DIGITS[b >> 4]).append(DIGITS[b & 0xf]).append(' ');
                } else {
                    out.append("   ");
                }
                if (i == 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int i = 0; i < 16 && base + i < bytes.length; i++) {
                int b = bytes[base + i] & 0xff;
                out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            out.append("|\n");
        }
        boolean truncated = shown < needed;
        String note = bytes.length == 0 ? "empty" : "";
        return new Rendered(HEX, out.toString(), truncated, note, false);
    }

    /** Hex bytes on one line, {@code 00 ff 10}, for header values; at most {@code max} characters. */
    static Rendered hexInline(byte[] bytes, int max) {
        int take = (int) Math.min(bytes.length, Math.max(1, max / 3));
        StringBuilder out = new StringBuilder(take * 3);
        for (int i = 0; i < take; i++) {
            int b = bytes[i] & 0xff;
            if (i > 0) {
                out.append(' ');
            }
            out.append(DIGITS[b >> 4]).append(DIGITS[b & 0xf]);
        }
        return new Rendered(HEX, out.toString(), take < bytes.length, "", false);
    }

    private static Rendered base64(byte[] bytes, int max) {
        int take = (int) Math.min(bytes.length, (long) Math.max(1, max / 4) * 3);
        ByteBuffer encoded = Base64.getEncoder().encode(ByteBuffer.wrap(bytes, 0, take));
        return new Rendered(BASE64, StandardCharsets.ISO_8859_1.decode(encoded).toString(), take < bytes.length, "", false);
    }
}
