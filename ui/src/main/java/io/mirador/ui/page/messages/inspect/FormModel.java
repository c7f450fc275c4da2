package io.mirador.ui.page.messages.inspect;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Base of this package's dialog models: {@link #problemProperty()} is re-checked on every change of the watched
 * inputs, so a dialog can disable its action and show the reason. No Node, no FX thread needed; one thread only.
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

    protected final void watch(Observable... inputs) {
        for (Observable input : inputs) {
            input.addListener(obs -> validate());
        }
        validate();
    }

    protected final void validate() {
        problem.set(check());
    }

    /** The first problem, or "". */
    protected abstract String check();

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
