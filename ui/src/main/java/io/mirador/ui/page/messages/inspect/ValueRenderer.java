package io.mirador.ui.page.messages.inspect;

import java.util.List;

/**
 * Turns raw key, value or header bytes into text for the record detail. The seam to the cluster module's
 * decoders: {@link BasicValueRenderer} is the built-in implementation; an adapter over
 * {@code io.mirador.cluster.record.decode.Decoder} can replace it without touching the views.
 *
 * <p>Contract: {@link #render} may be called on any worker thread (never the FX thread, it can be slow), must not
 * keep state between calls, and must look at no more of {@code bytes} than it needs for {@code maxChars} characters
 * of output, so a 20 MB value costs no more than its first screenfuls.
 */
public interface ValueRenderer {

    /** The format name that lets the renderer choose; always offered first by the viewers. */
    String AUTO = "Auto";

    /**
     * Renders {@code bytes} (null for an absent key or value) as {@code formatName}, or as the best format when it
     * is {@link #AUTO} or unknown.
     *
     * @param maxChars the most characters of {@link Rendered#text()} to produce; more means truncated
     */
    Rendered render(byte[] bytes, String formatName, int maxChars);

    /** The concrete formats a user can pick, {@link #AUTO} excluded, e.g. Text, JSON, Hex, Base64. */
    List<String> formats();

    /**
     * One rendering.
     *
     * @param format    the format actually used (what Auto chose, or a fallback when the asked one did not fit)
     * @param text      at most {@code maxChars} characters
     * @param truncated whether {@code text} stops before the end of the bytes
     * @param note      a one-line remark for the user ("not valid JSON: …", "null"), empty when none
     * @param json      whether the bytes are a JSON document, so a tree of them can be shown
     */
    record Rendered(String format, String text, boolean truncated, String note, boolean json) {

        public Rendered {
            text = text == null ? "" : text;
            note = note == null ? "" : note;
        }
    }
}
