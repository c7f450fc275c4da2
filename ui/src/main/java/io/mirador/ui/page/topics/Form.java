package io.mirador.ui.page.topics;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Base of the page's form models: fields as JavaFX properties, and {@link #problemProperty()} re-checked on every
 * change so a dialog can disable its OK button and show the reason. Forms hold no Node and need no FX thread;
 * like the view-model they are used from one thread only.
 */
abstract class Form {

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    /** What keeps the form from being submitted, as one sentence; empty when it can be. */
    public final ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public final String problem() {
        return problem.get();
    }

    public final boolean isValid() {
        return problem.get().isEmpty();
    }

    /** Re-validates whenever one of {@code inputs} changes; subclasses call it once their fields exist. */
    protected final void watch(Observable... inputs) {
        for (Observable input : inputs) {
            input.addListener(obs -> validate());
        }
        validate();
    }

    protected final void validate() {
        problem.set(check());
    }

    /** The first problem found, or "" when the form is complete. */
    protected abstract String check();

    /** {@code text} as an int of at least {@code min}; null when it is not one. */
    static Integer parseInt(String text, int min) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= min ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code text} as a long of at least {@code min}; null when it is not one. */
    static Long parseLong(String text, long min) {
        try {
            long value = Long.parseLong(text.trim());
            return value >= min ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
