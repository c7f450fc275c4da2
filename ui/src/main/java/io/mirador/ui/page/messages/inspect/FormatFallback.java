package io.mirador.ui.page.messages.inspect;

import java.util.Locale;

import io.mirador.ui.util.Formats;

/**
 * The warning shown when the format a user chose does not fit the bytes and the renderer fell back to another
 * (hex, mostly). It used to be only the renderer's note, muted at the bottom of the viewer, so choosing "Int" for a
 * 7-byte value seemed to silently show hex; the viewer now puts this sentence in a warning above the text.
 */
final class FormatFallback {

    private FormatFallback() {
    }

    /**
     * E.g. "Not a 4-byte int (7 bytes): shown as hex"; empty when the chosen format was used, when the renderer
     * chose ({@link ValueRenderer#AUTO}) or when there are no bytes to judge.
     *
     * @param asked the format chosen in the viewer
     * @param bytes the key or value rendered; null for none
     */
    static String of(String asked, byte[] bytes, ValueRenderer.Rendered rendered) {
        String used = rendered.format();
        if (bytes == null || asked == null || used == null || used.isEmpty()
                || asked.equalsIgnoreCase(ValueRenderer.AUTO) || asked.equalsIgnoreCase(used)) {
            return "";
        }
        String shownAs = "shown as " + used.toLowerCase(Locale.ROOT);
        String size = Formats.count(bytes.length) + (bytes.length == 1 ? " byte" : " bytes");
        return switch (asked.toLowerCase(Locale.ROOT)) {
            case "int" -> "Not a 4-byte int (" + size + "): " + shownAs;
            case "long" -> "Not an 8-byte long (" + size + "): " + shownAs;
            case "double" -> "Not an 8-byte double (" + size + "): " + shownAs;
            default -> {
                String reason = rendered.note();
                yield "Could not show as " + asked + (reason.isEmpty() ? "" : ": " + reason)
                        + (reason.toLowerCase(Locale.ROOT).contains("shown as") ? "" : "; " + shownAs);
            }
        };
    }
}
