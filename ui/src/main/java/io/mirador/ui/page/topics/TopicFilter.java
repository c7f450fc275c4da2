package io.mirador.ui.page.topics;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.mirador.ui.task.Messages;

/**
 * Turns the filter box into a name predicate. Both modes ignore case and match part of the name, so switching
 * mode keeps what a plain word matches. A pattern that does not compile yields a one-line problem instead of an
 * exception; typing is never interrupted by a dialog.
 *
 * @param matches the names to show; null when {@code problem} is set
 * @param problem why the pattern is not usable, e.g. "Invalid regex: Unclosed group near index 7"; empty if fine
 */
record TopicFilter(Predicate<String> matches, String problem) {

    static final TopicFilter ALL = new TopicFilter(name -> true, "");

    static TopicFilter of(String text, boolean regex) {
        String trimmed = Objects.requireNonNullElse(text, "").trim();
        if (trimmed.isEmpty()) {
            return ALL;
        }
        if (!regex) {
            String lower = trimmed.toLowerCase(Locale.ROOT);
            return new TopicFilter(name -> name.toLowerCase(Locale.ROOT).contains(lower), "");
        }
        try {
            Pattern pattern = Pattern.compile(trimmed, Pattern.CASE_INSENSITIVE);
            return new TopicFilter(name -> pattern.matcher(name).find(), "");
        } catch (PatternSyntaxException e) {
            return new TopicFilter(null, "Invalid regex: " + Messages.oneLine(e));
        }
    }

    boolean valid() {
        return matches != null;
    }
}
