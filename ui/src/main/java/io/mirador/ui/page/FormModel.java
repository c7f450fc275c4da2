package io.mirador.ui.page;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Base of the pages' dialog and form models (topic forms, produce, export, import): fields as JavaFX properties,
 * and {@link #problemProperty()} re-checked on every change of the watched inputs, so a dialog can disable its
 * action and show the reason. No Node, no FX thread needed; like the view-models they are used from one thread
 * only.
 */
public abstract class FormModel {

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    /** What keeps the form from being submitted, one sentence; empty when it can be. */
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

    /** Null, empty or only white space: an input left out. */
    protected static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
