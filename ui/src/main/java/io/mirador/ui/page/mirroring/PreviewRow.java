package io.mirador.ui.page.mirroring;

/**
 * One topic the route would copy, as the editor's live preview shows it.
 *
 * @param source   the source topic
 * @param target   its name on the target cluster under the chosen naming policy
 * @param conflict why this row cannot be copied as is (two sources onto one target, a copy onto itself), or ""
 * @param present  false for a whitelisted topic that does not exist on the source (yet)
 */
public record PreviewRow(String source, String target, String conflict, boolean present) {

    public boolean conflicting() {
        return !conflict.isEmpty();
    }
}
