package io.mirador.cluster.record.decode;

import java.util.Objects;
import java.util.Optional;

/**
 * What the detail pane shows for one key or value.
 *
 * @param format    the format actually used: never {@link Format#AUTO}, and {@link Format#HEX} whenever the
 *                  requested format could not read the bytes
 * @param text      the display text, at most the {@code maxChars} the caller asked for
 * @param truncated true when the bytes hold more than {@code text} shows (offer "load all")
 * @param note      one line explaining a choice or a fallback ("not valid UTF-8: shown as hex"), or null
 * @param json      true when {@code text} is JSON laid out by the decoder (indented, one member a line), so
 *                  the UI may colour and fold it; when also truncated it is a cut-off prefix of such JSON
 */
public record Decoded(Format format, String text, boolean truncated, String note, boolean json) {

    public Decoded {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        if (format == Format.AUTO) {
            throw new IllegalArgumentException("AUTO is a request, not a result");
        }
        note = note == null || note.isBlank() ? null : note;
    }

    /** The explanation line, if any. */
    public Optional<String> noteLine() {
        return Optional.ofNullable(note);
    }

    /** A copy whose note is {@code extra} before any note it had. */
    Decoded withNote(String extra) {
        if (extra == null || extra.isBlank()) {
            return this;
        }
        return new Decoded(format, text, truncated, note == null ? extra : extra + "; " + note, json);
    }
}
