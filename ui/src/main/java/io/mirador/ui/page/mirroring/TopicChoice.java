package io.mirador.ui.page.mirroring;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One topic in the editor's checkbox list; checked means whitelisted (copied by exact name). */
public final class TopicChoice {

    private final String name;
    private final boolean present;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    TopicChoice(String name, boolean present, boolean selected) {
        this.name = name;
        this.present = present;
        this.selected.set(selected);
    }

    public String name() {
        return name;
    }

    /** False for a whitelisted topic the source does not have (yet). */
    public boolean present() {
        return present;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }
}
